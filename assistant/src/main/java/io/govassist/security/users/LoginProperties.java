package io.govassist.security.users;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Login hardening (prefix {@code govassist.login}).
 *
 * @param maxFailures   failed logins of one user within {@code failureWindow} that lock the account
 * @param failureWindow failures older than this are forgotten
 * @param lockDuration  how long a locked account refuses every login, even with the right password
 */
@ConfigurationProperties("govassist.login")
public record LoginProperties(@DefaultValue("5") int maxFailures,
                       @DefaultValue("15m") Duration failureWindow,
                       @DefaultValue("15m") Duration lockDuration) {

    public LoginProperties {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("govassist.login.max-failures must be at least 1");
        }
        if (failureWindow.isNegative() || failureWindow.isZero() || lockDuration.isNegative() || lockDuration.isZero()) {
            throw new IllegalArgumentException("govassist.login.failure-window and lock-duration must be positive");
        }
    }
}
