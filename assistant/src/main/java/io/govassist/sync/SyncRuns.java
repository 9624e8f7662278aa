package io.govassist.sync;

import io.govassist.documents.OriginalDocuments;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.knowledge.KnowledgeBases;
import io.govassist.security.audit.AuditLog;
import io.govassist.store.ClauseStore;
import io.govassist.sync.SyncRepository.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

/**
 * Starts runs — by hand ({@link #start}) or by the sources' schedules — on Spring's {@link ThreadPoolTaskScheduler}
 * with one thread, so runs of all sources go one after another, off the request threads. Schedules are read from
 * the database every minute (so every replica follows changes made on another); a run is claimed in the database,
 * so a source never runs twice at once. No schedules in the command-line profile or with
 * {@code govassist.sync.scheduling=false}.
 */
@Component
class SyncRuns implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SyncRuns.class);
    private static final Duration RELOAD = Duration.ofMinutes(1);

    private final SyncRepository repository;
    private final SyncProperties settings;
    private final PageFetcher fetcher;
    private final SiteSync sync;
    private final boolean scheduling;
    private final Map<String, Scheduled> scheduled = new HashMap<>();
    private ThreadPoolTaskScheduler scheduler;
    private ScheduledFuture<?> reloader;

    private record Scheduled(String key, ScheduledFuture<?> future) {
    }

    SyncRuns(SyncRepository repository, SyncProperties settings, IngestionPipeline pipeline, ClauseStore store,
             OriginalDocuments originals, AuditLog audit, KnowledgeBases knowledgeBases, Environment environment) {
        this.repository = repository;
        this.settings = settings;
        this.fetcher = new PageFetcher(settings);
        this.sync = new SiteSync(repository, fetcher, pipeline, store, originals, audit, settings,
                knowledgeBases);
        this.scheduling = settings.scheduling() && !environment.matchesProfiles("cli");
    }

    /**
     * Starts a run of the source now and returns its id; empty when the source is running already. The run itself
     * goes on in the background.
     */
    synchronized Optional<String> start(SyncSource source, Trigger trigger, String actor) {
        Optional<String> runId = repository.startRun(source.id(), trigger, actor,
                repository.now().minus(settings.staleRun()));
        runId.ifPresent(id -> executor().execute(() -> sync.execute(source, id, actor)));
        return runId;
    }

    private ThreadPoolTaskScheduler executor() {
        if (scheduler == null) {
            throw new IllegalStateException("site sync is stopped");
        }
        return scheduler;
    }

    /** Re-reads the schedules now (after a source was created, changed or deleted on this replica). */
    synchronized void reload() {
        if (!scheduling || scheduler == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        try {
            for (SyncSource source : repository.sources()) {
                Schedule schedule;
                try {
                    schedule = source.enabled() ? Schedule.parse(source.schedule(), Duration.ofSeconds(1)) : null;
                } catch (IllegalArgumentException e) {
                    log.warn("Site sync source {} has an invalid schedule {}", source.id(), source.schedule());
                    schedule = null;
                }
                if (schedule == null) {
                    continue;
                }
                seen.add(source.id());
                Scheduled current = scheduled.get(source.id());
                if (current != null && current.key().equals(schedule.text())) {
                    continue;
                }
                if (current != null) {
                    current.future().cancel(false);
                }
                String id = source.id();
                ScheduledFuture<?> future = scheduler.schedule(() -> scheduledRun(id), schedule.trigger());
                scheduled.put(id, new Scheduled(schedule.text(), future));
            }
        } catch (RuntimeException e) {
            log.warn("Cannot read the site sync schedules: {}", e.toString());
            return;
        }
        scheduled.entrySet().removeIf(e -> {
            if (seen.contains(e.getKey())) {
                return false;
            }
            e.getValue().future().cancel(false);
            return true;
        });
    }

    /** A scheduled run, executed on the scheduler's thread itself (runs go one after another anyway). */
    private void scheduledRun(String sourceId) {
        try {
            Optional<SyncSource> source = repository.findSource(sourceId).filter(SyncSource::enabled);
            if (source.isEmpty()) {
                return;
            }
            Optional<String> runId = repository.startRun(sourceId, Trigger.SCHEDULED, AuditLog.SYSTEM,
                    repository.now().minus(settings.staleRun()));
            runId.ifPresent(id -> sync.execute(source.get(), id, AuditLog.SYSTEM));
        } catch (RuntimeException e) {
            log.error("Scheduled site sync of source {} failed", sourceId, e);
        }
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("site-sync-");
        scheduler.setDaemon(true);
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        if (scheduling) {
            reloader = scheduler.scheduleWithFixedDelay(this::reload, RELOAD);
        }
    }

    @Override
    public synchronized void stop() {
        if (reloader != null) {
            reloader.cancel(false);
            reloader = null;
        }
        scheduled.values().forEach(s -> s.future().cancel(false));
        scheduled.clear();
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    /**
     * The fetcher's HTTP client is closed with the bean, not in {@link #stop()}: a stopped context may be started
     * again (Spring's test context cache pauses unused contexts this way), and a run after that start needs the client.
     */
    @Override
    public void destroy() {
        fetcher.close();
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
