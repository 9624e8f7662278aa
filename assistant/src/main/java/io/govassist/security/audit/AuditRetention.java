package io.govassist.security.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Applies {@code govassist.audit.retention}: purges the audit log once a day (and once right after startup unless
 * {@code govassist.audit.purge-on-startup=false}). Every replica purges; the deletes are idempotent. A failed purge
 * is logged and recorded as {@code AUDIT_PURGE FAILURE}, and tried again the next day.
 */
class AuditRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
    private static final long DAY_SECONDS = TimeUnit.DAYS.toSeconds(1);

    private final AuditLog audit;
    private final AuditProperties settings;
    private ScheduledExecutorService scheduler;

    AuditRetention(AuditLog audit, AuditProperties settings) {
        this.audit = audit;
        this.settings = settings;
    }

    /** One purge now; never throws. */
    int purgeOnce() {
        try {
            int deleted = audit.purge(settings.retentionDays());
            log.info("Audit log purge: {} events older than {} days deleted", deleted, settings.retentionDays());
            return deleted;
        } catch (RuntimeException e) {
            log.error("Audit log purge failed", e);
            audit.record(AuditLog.SYSTEM, "AUDIT_PURGE", null, AuditLog.Outcome.FAILURE,
                    e.getClass().getSimpleName());
            return 0;
        }
    }

    @Override
    public synchronized void start() {
        if (settings.retention().compareTo(AuditProperties.RECOMMENDED_MINIMUM) < 0) {
            log.warn("govassist.audit.retention is {} days: 等保 2.0 asks for audit records to be kept at least "
                    + "six months (180 days)", settings.retentionDays());
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("audit-retention").factory());
        scheduler.scheduleWithFixedDelay(this::purgeOnce, settings.purgeOnStartup() ? 0 : DAY_SECONDS, DAY_SECONDS,
                TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
