package io.govassist.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.GovAssistApplication;
import io.govassist.PostgresSupport;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.govassist.CommandTestSupport.print;
import static io.govassist.CommandTestSupport.copy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrate --from-index}: an embedded index copied into PostgreSQL without re-embedding serves the same
 * documents and the same answers (the README example) with {@code govassist.store=pgvector}.
 */
class MigrateCommandIT {

    private static final PostgresSupport db = new PostgresSupport();
    /** The README example first; each question with the clause that answers it. */
    private static final List<String> QUERIES = List.of(
            "{\"query\":\"政务服务智能化要建设哪些系统\",\"topK\":3}",
            "{\"query\":\"政府信息公开申请应当包括哪些内容\",\"topK\":5}",
            "{\"query\":\"人工智能+医疗由哪些部门负责\",\"topK\":5}",
            "{\"query\":\"申请政府信息公开要收费吗\",\"topK\":5}");
    private static final List<String> ANSWERS = List.of("二、（十五）", "第二十九条", "二、（十）", "第四十二条");

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

    @Test
    void an_embedded_index_copied_into_postgres_serves_the_same_documents_and_answers() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus);
        copy("/demo-corpus/行政法规/政府信息公开条例(2019-04-03).md", corpus.resolve("政府信息公开条例.md"));
        copy("/demo-corpus/四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt", corpus.resolve("plan.txt"));
        copy("/demo-corpus/行政法规/国务院关于在线政务服务的若干规定(2019-04-26).md", corpus.resolve("在线政务服务.md"));
        Path embeddedData = tmp.resolve("embedded");
        try (ConfigurableApplicationContext cli = cli("--govassist.data-dir=" + embeddedData)) {
            assertThat(cli.getBean(CommandLine.class).ingest(List.of(corpus.toString()), quiet(), quiet())).isZero();
        }
        List<JsonNode> embeddedHits = new ArrayList<>();
        JsonNode embeddedDocuments;
        try (ConfigurableApplicationContext app = server("--govassist.data-dir=" + embeddedData)) {
            ServerTestSupport server = ready(app);
            for (String q : QUERIES) {
                embeddedHits.add(server.postJson("/api/v1/search", q).json().get("hits"));
            }
            embeddedDocuments = server.get("/api/v1/documents").json().get("documents");
        }
        assertThat(embeddedDocuments).hasSize(3);

        String url = db.newSchemaUrl("migrate_it");
        String[] pg = {"--govassist.store=pgvector", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresSupport.USER,
                "--spring.datasource.password=" + PostgresSupport.PASSWORD,
                "--govassist.data-dir=" + tmp.resolve("pg-data")};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ConfigurableApplicationContext cli = cli(pg)) {
            CommandLine command = cli.getBean(CommandLine.class);
            assertThat(command.migrate(embeddedData.toString(), print(out), quiet())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("copied: 3  unchanged: 0");
            out.reset();
            assertThat(command.migrate(embeddedData.resolve("index").toString(), print(out), quiet())).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).as("resumable").contains("copied: 0  unchanged: 3");
            assertThat(command.migrate(null, quiet(), quiet())).isEqualTo(2);
            assertThat(command.migrate(tmp.resolve("nothing-here").toString(), quiet(), quiet())).isEqualTo(2);
        }

        try (ConfigurableApplicationContext app = server(pg)) {
            ServerTestSupport server = ready(app);
            assertThat(server.get("/api/v1/documents").json().get("documents"))
                    .as("same ids, metadata, clause counts and ingestion times: nothing re-embedded")
                    .isEqualTo(embeddedDocuments);
            JsonNode readme = server.postJson("/api/v1/search", QUERIES.get(0)).json().get("hits");
            assertThat(readme.get(0)).as("the README example: same first answer, same citation data")
                    .isEqualTo(withScore(embeddedHits.get(0).get(0), readme.get(0)));
            for (int i = 0; i < QUERIES.size(); i++) {
                JsonNode hits = server.postJson("/api/v1/search", QUERIES.get(i)).json().get("hits");
                JsonNode expected = embeddedHits.get(i);
                String description = QUERIES.get(i) + " pgvector " + hits.findValuesAsText("clauseLabel")
                        + " embedded " + expected.findValuesAsText("clauseLabel");
                assertThat(hits).as(description).hasSameSizeAs(expected);
                // the lexical rankings differ (Lucene BM25 / BM25 with binary tf in SQL), so lower ranks may too
                assertThat(hits.findValuesAsText("clauseLabel")).as(description).contains(ANSWERS.get(i));
                assertThat(expected.findValuesAsText("clauseLabel")).as(description).contains(ANSWERS.get(i));
            }
        }
    }

    @Test
    void migrate_needs_the_pgvector_store() throws IOException {
        try (ConfigurableApplicationContext cli = cli("--govassist.data-dir=" + tmp.resolve("data"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            assertThat(cli.getBean(CommandLine.class).migrate(tmp.toString(), quiet(), print(err))).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("--govassist.store=pgvector");
        }
    }

    private static JsonNode withScore(JsonNode hit, JsonNode scoreFrom) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = hit.deepCopy();
        copy.set("score", scoreFrom.get("score"));
        return copy;
    }

    private static ConfigurableApplicationContext cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--govassist.admin.password=x");
        return new SpringApplicationBuilder(GovAssistApplication.class).web(WebApplicationType.NONE).profiles("cli")
                .run(all.toArray(String[]::new));
    }

    private static ConfigurableApplicationContext server(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server.port=0", "--govassist.demo.enabled=false", "--govassist.admin.password=x"));
        return new SpringApplicationBuilder(GovAssistApplication.class).run(all.toArray(String[]::new));
    }

    private static ServerTestSupport ready(ConfigurableApplicationContext app) {
        ServerTestSupport server = new ServerTestSupport(
                Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        server.awaitReady(Duration.ofMinutes(2));
        return server;
    }

    private static PrintStream quiet() {
        return print(new ByteArrayOutputStream());
    }
}
