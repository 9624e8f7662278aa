package io.govassist.system;

import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.system.GovAssistProperties.ImportPath;
import io.govassist.store.ClauseStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/**
 * Imports at startup, in the background: the bundled demo corpus (first start with an empty store) and every
 * directory of {@code govassist.ingest.paths}. Readiness ({@code /actuator/health/readiness}) stays
 * OUT_OF_SERVICE until it has finished. An entry naming a knowledge base ({@code ID=DIR}) adds each of its documents
 * to it, on every start (a membership removed since is restored; none is removed); a knowledge base named there that
 * does not exist stops the start before anything is imported — creating it would have to guess its audience, and a
 * guessed PUBLIC would show staff material to citizens.
 */
@Component("startupImport")
@Profile("!cli")
class StartupImport implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(StartupImport.class);
    static final String DEMO_MARKER = "demo-imported";
    static final String DEMO_SETTING = "govassist.demo.imported";
    /** Advisory lock class of the startup import (keys of the PostgreSQL store are 0x67a50001 and up). */
    static final int DEMO_LOCK_CLASS = 0x67a5_0100;

    private final IngestionPipeline pipeline;
    private final ClauseStore store;
    private final GovAssistProperties properties;
    private final DataSource dataSource;
    private final ImportKnowledgeBases knowledgeBases;
    private final AtomicReference<String> state = new AtomicReference<>("waiting");
    private volatile boolean finished;

    StartupImport(IngestionPipeline pipeline, ClauseStore store, GovAssistProperties properties,
                  DataSource dataSource, ImportKnowledgeBases knowledgeBases) {
        this.pipeline = pipeline;
        this.store = store;
        this.properties = properties;
        this.dataSource = dataSource;
        this.knowledgeBases = knowledgeBases;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        // on the starting thread: an exception here fails the application's start
        requireKnowledgeBases(properties.ingest().paths());
        Thread.ofPlatform().name("startup-import").daemon(true).start(this::run);
    }

    private void run() {
        try {
            if (properties.demo().enabled()) {
                importDemoIfFirstStart();
            }
            for (ImportPath root : properties.ingest().paths()) {
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
        if (properties.store() == GovAssistProperties.StoreKind.PGVECTOR) {
            importDemoOnceAcrossReplicas();
            return;
        }
        Path marker = properties.dataDir().resolve(DEMO_MARKER);
        if (Files.exists(marker) || !store.listDocuments().isEmpty()) {
            return;
        }
        importDemo();
        try {
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, "demo corpus imported\n");
        } catch (IOException e) {
            log.warn("Cannot write {}", marker, e);
        }
    }

    /**
     * With the shared PostgreSQL store every replica starts with its own data directory, so the "demo imported"
     * marker lives in the database ({@code app_setting}) and the decision is taken under an advisory lock: the first
     * replica imports, the others wait and then find the marker.
     */
    private void importDemoOnceAcrossReplicas() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        try (Connection lockConnection = dataSource.getConnection()) {
            try (Statement s = lockConnection.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + DEMO_LOCK_CLASS + ", 1)");
            }
            try {
                boolean marked = jdbc.sql("SELECT count(*) FROM app_setting WHERE setting_key = :key")
                        .param("key", DEMO_SETTING).query(Long.class).single() > 0;
                if (marked || !store.listDocuments().isEmpty()) {
                    return;
                }
                importDemo();
                jdbc.sql("INSERT INTO app_setting (setting_key, setting_value) VALUES (:key, :value)")
                        .param("key", DEMO_SETTING).param("value", "demo corpus imported").update();
            } finally {
                try (Statement s = lockConnection.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + DEMO_LOCK_CLASS + ", 1)");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot coordinate the demo import through PostgreSQL: " + e.getMessage(),
                    e);
        }
    }

    private void importDemo() {
        int total = DemoCorpus.files().size();
        log.info("Importing the demo corpus ({} documents)", total);
        DemoCorpus.ingestAll(pipeline, store, (result, done) -> {
            state.set("demo " + done + "/" + total);
            report(result, done, total);
        });
    }

    /** Every knowledge base the entries name exists; otherwise a configuration error naming the missing ones. */
    void requireKnowledgeBases(List<ImportPath> entries) {
        List<String> missing = knowledgeBases.missing(entries.stream().map(ImportPath::knowledgeBase).toList());
        if (!missing.isEmpty()) {
            throw new UnknownKnowledgeBase(missing);
        }
    }

    /** Entries of {@code govassist.ingest.paths} name knowledge bases that do not exist (see the failure analyzer). */
    static final class UnknownKnowledgeBase extends IllegalStateException {

        static final String ACTION = "Create them first (POST /api/v1/admin/knowledge-bases {\"id\", \"name\", "
                + "\"audience\": \"PUBLIC\" or \"STAFF\"} as ADMIN, or the console's 知识库 page), or remove the "
                + "'ID=' prefix from the entry.";

        UnknownKnowledgeBase(List<String> ids) {
            super("govassist.ingest.paths names knowledge bases that do not exist: " + String.join(", ", ids) + ". "
                    + ACTION);
        }
    }

    /** Imports one entry; the documents of an entry naming a knowledge base are added to it. */
    void importTree(ImportPath entry) {
        Path root = entry.path();
        if (!Files.exists(root)) {
            log.warn("Import path {} does not exist; skipped", root);
            return;
        }
        log.info("Importing {}{}", root.toAbsolutePath(),
                entry.knowledgeBase() == null ? "" : " into knowledge base " + entry.knowledgeBase());
        List<IngestResult> results = pipeline.ingestTree(root, p -> {
            state.set(root + " " + p.done() + "/" + p.total());
            report(p.latest(), p.done(), p.total());
        });
        if (entry.knowledgeBase() != null) {
            int added = 0;
            for (IngestResult r : results) {
                if (!r.failed()) {
                    knowledgeBases.addDocument(entry.knowledgeBase(), r.documentId());
                    added++;
                }
            }
            log.info("{} documents of {} are in knowledge base {}", added, root, entry.knowledgeBase());
        }
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
