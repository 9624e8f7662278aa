package io.govassist.security.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The audit log (prefix {@code govassist.audit}).
 *
 * @param retention      events older than this are deleted by the daily purge; whole days, at least one. 等保 2.0
 *                       (GB/T 22239-2019) asks for audit records to be kept at least six months: the default is
 *                       180 days
 * @param purgeOnStartup whether the server also purges once right after it has started (otherwise the first purge
 *                       runs a day after startup)
 */
@ConfigurationProperties("govassist.audit")
record AuditProperties(@DefaultValue("180d") Duration retention, @DefaultValue("true") boolean purgeOnStartup) {

    /** Six months, what 等保 2.0 asks for at least. */
    static final Duration RECOMMENDED_MINIMUM = Duration.ofDays(180);

    AuditProperties {
        if (retention.toDays() < 1 || !retention.equals(Duration.ofDays(retention.toDays()))) {
            throw new IllegalArgumentException("govassist.audit.retention must be a whole number of days, at least 1d");
        }
    }

    int retentionDays() {
        return Math.toIntExact(retention.toDays());
    }
}
