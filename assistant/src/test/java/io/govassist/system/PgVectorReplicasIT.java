package io.govassist.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.GovAssistApplication;
import io.govassist.PostgresSupport;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two assistant processes ("replicas", each with its own data directory) on one PostgreSQL database with
 * {@code govassist.store=pgvector}: what one stores the other serves, concurrent work on the same document ends up
 * stored once, the demo corpus is imported once, and restarts lose nothing.
 */
class PgVectorReplicasIT {

    private static final PostgresSupport db = new PostgresSupport();
    private static final String LAW = "/demo-corpus/行政法规/政府信息公开条例(2019-04-03).md";
    private static final String PLAN = "/demo-corpus/四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";
    private static final String LAW_QUESTION = "{\"query\":\"政府信息公开申请应当包括哪些内容\",\"topK\":5}";
    private static final String PLAN_QUESTION = "{\"query\":\"政务服务智能化要建设哪些系统\",\"topK\":3}";

    @TempDir
    Path tmp;

    @BeforeAll
    static void database() {
        PostgresSupport.requireAvailable();
    }

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    private record Replica(ConfigurableApplicationContext context, ServerTestSupport server) implements AutoCloseable {
        @Override
        public void close() {
            context.close();
        }
    }

    private static Replica start(String url, Path dataDir, boolean demo) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GovAssistApplication.class).run(
                "--server.port=0", "--govassist.store=pgvector", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresSupport.USER,
                "--spring.datasource.password=" + PostgresSupport.PASSWORD, "--govassist.data-dir=" + dataDir,
                "--govassist.demo.enabled=" + demo, "--govassist.admin.password=x",
                // every request comes from 127.0.0.1: the per-IP limits are RateLimitIT's subject, not this test's
                "--govassist.rate-limit.enabled=false");
        ServerTestSupport server = new ServerTestSupport(
                Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        server.awaitReady(Duration.ofMinutes(5));
        return new Replica(context, server);
    }

    @Test
    void what_one_replica_ingests_the_other_serves_and_restarts_lose_nothing() throws Exception {
        String url = db.newSchemaUrl("replicas_it");
        Path dataA = tmp.resolve("a");
        Path dataB = tmp.resolve("b");
        JsonNode hitsBefore;
        JsonNode documentsBefore;
        try (Replica a = start(url, dataA, false); Replica b = start(url, dataB, false)) {
            assertThat(b.server().postJson("/api/v1/search", LAW_QUESTION).json().get("hits")).isEmpty();

            // B searches without pause while A ingests: every answer is complete, before or after the document
            AtomicBoolean uploading = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicInteger searches = new AtomicInteger();
            CompletableFuture<Void> searcher = CompletableFuture.runAsync(() -> {
                while (uploading.get()) {
                    ServerTestSupport.Reply r = b.server().postJson("/api/v1/search", LAW_QUESTION);
                    if (r.status() != 200) {
                        problems.add(r.status() + " " + r.body());
                    } else if (r.json().get("hits").size() != 0 && r.json().get("hits").size() != 5) {
                        problems.add("partial: " + r.body());
                    }
                    searches.incrementAndGet();
                }
            });
            ServerTestSupport.Reply upload = upload(a.server(), "政府信息公开条例(2019-04-03).md", LAW);
            uploading.set(false);
            searcher.get();
            assertThat(upload.status()).as(upload.body()).isEqualTo(200);
            assertThat(upload.json().get("results").get(0).get("status").asText()).isEqualTo("INGESTED");
            assertThat(problems).isEmpty();
            assertThat(searches.get()).isPositive();

            JsonNode fromA = a.server().postJson("/api/v1/search", LAW_QUESTION).json().get("hits");
            JsonNode fromB = b.server().postJson("/api/v1/search", LAW_QUESTION).json().get("hits");
            assertThat(fromA).hasSize(5);
            assertThat(fromB).isEqualTo(fromA);
            assertThat(fromB.get(0).get("documentTitle").asText()).contains("政府信息公开条例");

            // and the other way round
            assertThat(upload(b.server(), "plan.txt", PLAN).status()).isEqualTo(200);
            JsonNode planHits = a.server().postJson("/api/v1/search", PLAN_QUESTION).json().get("hits");
            assertThat(planHits.get(0).get("clauseLabel").asText()).isEqualTo("二、（十五）");
            assertThat(b.server().postJson("/api/v1/search", PLAN_QUESTION).json().get("hits")).isEqualTo(planHits);

            // scores depend on the whole corpus (token document frequencies): compare after the last upload
            hitsBefore = a.server().postJson("/api/v1/search", LAW_QUESTION).json().get("hits");
            assertThat(b.server().postJson("/api/v1/search", LAW_QUESTION).json().get("hits")).isEqualTo(hitsBefore);
            documentsBefore = a.server().get("/api/v1/documents").json().get("documents");
            assertThat(documentsBefore).hasSize(2);
            assertThat(b.server().get("/api/v1/documents").json().get("documents")).isEqualTo(documentsBefore);
        }

        try (Replica b = start(url, dataB, false)) {
            assertThat(b.server().postJson("/api/v1/search", LAW_QUESTION).json().get("hits")).isEqualTo(hitsBefore);
            assertThat(b.server().get("/api/v1/documents").json().get("documents")).isEqualTo(documentsBefore);
        }
        try (Replica a = start(url, dataA, false)) {
            assertThat(a.server().postJson("/api/v1/search", LAW_QUESTION).json().get("hits")).isEqualTo(hitsBefore);
            assertThat(a.server().get("/api/v1/documents").json().get("documents")).isEqualTo(documentsBefore);
        }
    }

    @Test
    void the_same_document_uploaded_to_both_replicas_at_once_is_stored_once() throws Exception {
        String url = db.newSchemaUrl("replicas_it");
        try (Replica a = start(url, tmp.resolve("a"), false); Replica b = start(url, tmp.resolve("b"), false)) {
            CyclicBarrier barrier = new CyclicBarrier(2);
            List<CompletableFuture<ServerTestSupport.Reply>> uploads = new ArrayList<>();
            for (Replica r : List.of(a, b)) {
                uploads.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return upload(r.server(), "plan.txt", PLAN);
                }));
            }
            List<String> statuses = new ArrayList<>();
            for (CompletableFuture<ServerTestSupport.Reply> f : uploads) {
                ServerTestSupport.Reply reply = f.get();
                assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                statuses.add(reply.json().get("results").get(0).get("status").asText());
            }

            assertThat(statuses).containsExactlyInAnyOrder("INGESTED", "UNCHANGED");
            JsonNode documents = a.server().get("/api/v1/documents").json().get("documents");
            assertThat(documents).hasSize(1);
            int clauses = documents.get(0).get("clauseCount").asInt();
            assertThat(clauses).isGreaterThan(20);
            assertThat(count(url, "SELECT count(*) FROM store_clause")).isEqualTo(clauses);
            assertThat(count(url, "SELECT count(*) FROM store_document")).isEqualTo(1);
        }
    }

    @Test
    void replicas_starting_together_import_the_demo_corpus_once() throws Exception {
        String url = db.newSchemaUrl("replicas_it");
        int demoDocuments = DemoCorpus.files().size();
        CompletableFuture<Replica> startA = CompletableFuture.supplyAsync(() -> start(url, tmp.resolve("a"), true));
        CompletableFuture<Replica> startB = CompletableFuture.supplyAsync(() -> start(url, tmp.resolve("b"), true));
        String deletedId;
        try (Replica a = startA.get(); Replica b = startB.get()) {
            JsonNode documents = a.server().get("/api/v1/documents").json().get("documents");
            assertThat(documents).hasSize(demoDocuments);
            assertThat(b.server().get("/api/v1/documents").json().get("documents")).isEqualTo(documents);
            assertThat(count(url, "SELECT count(*) FROM app_setting WHERE setting_key = 'govassist.demo.imported'"))
                    .isEqualTo(1);
            assertThat(b.server().postJson("/api/v1/search", PLAN_QUESTION).json().get("hits").get(0)
                    .get("clauseLabel").asText()).isEqualTo("二、（十五）");

            deletedId = documents.get(0).get("id").asText();
            ServerTestSupport.Reply deleted = a.server().send(HttpRequest.newBuilder(
                    URI.create(a.server().base() + "/api/v1/documents/" + deletedId))
                    .header("Authorization", ServerTestSupport.basicAuth("admin", "x")).DELETE());
            assertThat(deleted.status()).isEqualTo(204);
        }

        try (Replica b = start(url, tmp.resolve("b-new-disk"), true)) {
            JsonNode documents = b.server().get("/api/v1/documents").json().get("documents");
            assertThat(documents).as("a deleted demo document is not imported again").hasSize(demoDocuments - 1);
            assertThat(documents.findValuesAsText("id")).doesNotContain(deletedId);
        }
    }

    @Test
    void a_lost_database_gives_a_clear_service_unavailable_error_not_a_stack_trace() {
        String url = db.newSchemaUrl("replicas_it");
        try (Replica a = start(url, tmp.resolve("a"), false)) {
            assertThat(upload(a.server(), "plan.txt", PLAN).status()).isEqualTo(200);
            String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length(), url.indexOf(','));
            PostgresSupport.execute("DROP SCHEMA " + schema + " CASCADE");

            ServerTestSupport.Reply search = a.server().postJson("/api/v1/search", PLAN_QUESTION);
            ServerTestSupport.Reply documents = a.server().get("/api/v1/documents");

            for (ServerTestSupport.Reply r : List.of(search, documents)) {
                assertThat(r.status()).as(r.body()).isEqualTo(503);
                assertThat(r.json().get("error").get("code").asText()).isEqualTo("STORE_UNAVAILABLE");
                assertThat(r.json().get("error").get("message").asText()).containsPattern("\\p{IsHan}");
                assertThat(r.body()).doesNotContain("Exception").doesNotContain("store_document");
            }
            ServerTestSupport.Reply failedUpload = upload(a.server(), "law.md", LAW);
            assertThat(failedUpload.status()).as("the admin's credentials cannot be checked either: 503, not 401")
                    .isEqualTo(503);
            assertThat(failedUpload.json().get("error").get("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        }
    }

    @Test
    void a_database_whose_store_tables_were_created_first_is_adopted_by_the_application() {
        String url = db.newSchemaUrl("replicas_it");
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(PostgresSupport.USER);
        ds.setPassword(PostgresSupport.PASSWORD);
        try (io.govassist.store.PgVectorClauseStore store = io.govassist.store.PgVectorClauseStore.open(ds,
                io.govassist.store.PgVectorClauseStore.Settings.DEFAULTS)) {
            // the application's default model, as a replica of the same version would have recorded it
            store.bindEmbeddingSpace(new io.govassist.store.EmbeddingSpace(
                    io.govassist.models.EmbeddingModelSettings.TRAINED_MODEL_ID, 512));
        }

        try (Replica a = start(url, tmp.resolve("a"), false)) {
            assertThat(upload(a.server(), "plan.txt", PLAN).status()).isEqualTo(200);
            assertThat(a.server().postJson("/api/v1/search", PLAN_QUESTION).json().get("hits").get(0)
                    .get("clauseLabel").asText()).isEqualTo("二、（十五）");
        }
    }

    private static ServerTestSupport.Reply upload(ServerTestSupport server, String fileName, String resource) {
        byte[] content;
        try (InputStream in = PgVectorReplicasIT.class.getResourceAsStream(resource)) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return server.send(new ServerTestSupport.Multipart().file(fileName, content)
                .post(server.base() + "/api/v1/documents")
                .header("Authorization", ServerTestSupport.basicAuth("admin", "x")));
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresSupport.USER, PostgresSupport.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
