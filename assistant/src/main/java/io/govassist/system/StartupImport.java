package io.govassist.system;

import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.store.ClauseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imports at startup, in the background: the bundled demo corpus (first start with an empty store) and every
 * directory of {@code govassist.ingest.paths}. Readiness ({@code /actuator/health/readiness}) stays
 * OUT_OF_SERVICE until it has finished.
 */
@Component("startupImport")
@Profile("!cli")
class StartupImport implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StartupImport.class);
    static final String DEMO_ROOT = "demo-corpus/";
    static final String DEMO_MARKER = "demo-imported";

    private final IngestionPipeline pipeline;
    private final ClauseStore store;
    private final GovAssistProperties properties;
    private final AtomicReference<String> state = new AtomicReference<>("waiting");
    private volatile boolean finished;

    StartupImport(IngestionPipeline pipeline, ClauseStore store, GovAssistProperties properties) {
        this.pipeline = pipeline;
        this.store = store;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread.ofPlatform().name("startup-import").daemon(true).start(this::run);
    }

    private void run() {
        try {
            if (properties.demo().enabled()) {
                importDemoIfFirstStart();
            }
            for (Path root : properties.ingest().paths()) {
                importTree(root);
            }
            log.info("Startup import finished: {} documents, {} clauses", store.listDocuments().size(),
                    store.clauseCount());
        } catch (RuntimeException e) {
            log.error("Startup import failed; the server stays up with what is stored", e);
        } finally {
            state.set("done");
            finished = true;
        }
    }

    private void importDemoIfFirstStart() {
        Path marker = properties.dataDir().resolve(DEMO_MARKER);
        if (Files.exists(marker) || !store.listDocuments().isEmpty()) {
            return;
        }
        List<String> files = demoFiles();
        log.info("Importing the demo corpus ({} documents)", files.size());
        int done = 0;
        try (ClauseStore.BulkSession bulk = store.beginBulk()) {
            for (String file : files) {
                state.set("demo " + (++done) + "/" + files.size());
                try (InputStream in = new ClassPathResource(DEMO_ROOT + file).getInputStream()) {
                    report(pipeline.ingest(file, in.readAllBytes()), done, files.size());
                } catch (IOException e) {
                    log.error("Demo document {} is missing from the build", file, e);
                }
            }
        }
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "demo corpus imported\n");
        } catch (IOException e) {
            log.warn("Cannot write {}", marker, e);
        }
    }

    static List<String> demoFiles() {
        try (InputStream in = new ClassPathResource(DEMO_ROOT + "files.txt").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("demo-corpus/files.txt is missing from the build", e);
        }
    }

    private void importTree(Path root) {
        if (!Files.exists(root)) {
            log.warn("Import path {} does not exist; skipped", root);
            return;
        }
        log.info("Importing {}", root.toAbsolutePath());
        pipeline.ingestTree(root, p -> {
            state.set(root + " " + p.done() + "/" + p.total());
            report(p.latest(), p.done(), p.total());
        });
    }

    private static void report(IngestResult r, int done, int total) {
        if (r.failed()) {
            log.warn("[{}/{}] {} failed: {} ({})", done, total, r.source(), r.message(), r.errorCode());
        } else if (done == total || done % 50 == 0 || r.status() != IngestResult.Status.UNCHANGED) {
            log.info("[{}/{}] {} {} ({} clauses)", done, total, r.source(), r.status(), r.clauses());
        }
    }

    boolean finished() {
        return finished;
    }

    @Override
    public Health health() {
        return finished ? Health.up().withDetail("import", state.get()).build()
                : Health.outOfService().withDetail("import", state.get()).build();
    }
}
