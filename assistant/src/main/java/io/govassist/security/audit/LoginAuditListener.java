package io.govassist.security.audit;

import io.govassist.security.privacy.PersonalDataMasker;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;

/**
 * Logins into the audit log: every failed login (form or HTTP Basic, including refusals of a locked account) and
 * every console form login. Successful HTTP Basic authentications happen on every API call and are not logged.
 */
class LoginAuditListener {

    private final AuditLog audit;

    LoginAuditListener(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String reason = event.getException().getClass().getSimpleName().replace("Exception", "");
        // whatever was typed as the user name: people type their mobile number or e-mail address there
        audit.record(PersonalDataMasker.mask(String.valueOf(event.getAuthentication().getPrincipal())), "LOGIN", null,
                AuditLog.Outcome.FAILURE, reason);
    }

    @EventListener
    void succeeded(InteractiveAuthenticationSuccessEvent event) {
        audit.record(event.getAuthentication().getName(), "LOGIN", null, AuditLog.Outcome.SUCCESS, "console");
    }
}
