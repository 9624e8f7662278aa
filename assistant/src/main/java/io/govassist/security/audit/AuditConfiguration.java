package io.govassist.security.audit;

import io.govassist.security.limits.ClientAddressResolver;
import io.govassist.security.limits.RateLimitProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

/**
 * The audit log; also in the command line (no request there, so no client address). The server also applies the
 * retention ({@link AuditRetention}).
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditLog auditLog(JdbcClient jdbc, RateLimitProperties rateLimits) {
        return new AuditLog(jdbc, new ClientAddressResolver(rateLimits.trustedProxies()), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnWebApplication
    AuditRetention auditRetention(AuditLog audit, AuditProperties settings) {
        return new AuditRetention(audit, settings);
    }

    @Bean
    LoginAuditListener loginAuditListener(AuditLog audit) {
        return new LoginAuditListener(audit);
    }
}
