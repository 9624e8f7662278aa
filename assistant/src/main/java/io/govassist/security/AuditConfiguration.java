package io.govassist.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/** The audit log; also in the command line (no request there, so no client address). */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(JdbcClient jdbc, RateLimitProperties rateLimits) {
        return new AuditLog(jdbc, new ClientAddressResolver(rateLimits.trustedProxies()), Clock.systemUTC());
    }

    @Bean
    LoginAuditListener loginAuditListener(AuditLog audit) {
        return new LoginAuditListener(audit);
    }
}
