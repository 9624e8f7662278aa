package io.govassist.system;

import io.govassist.GovAssistApplication;
import io.govassist.PostgresSupport;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.store.ClauseStore;
import io.govassist.store.EmbeddingSpaceMismatchException;
import io.govassist.store.IndexedClause;
import org.junit.jupiter.api.AfterAll;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.govassist.CommandTestSupport.copy;
import static io.govassist.CommandTestSupport.print;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A store built by the base model is re-embedded with the fine-tuned one, resuming after an interruption; the same
 * for both stores (the progress file lives in the data directory either way).
 */
class ReindexCommandIT {

    private static final String REGULATION = "行政法规/政府信息公开条例(2019-04-03).md";
    private static final String PLAN = "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";
    private static final String TRAINED = "--govassist.embedding.model=govassist-embed-zh-3";
    private static final String BASE = "--govassist.embedding.model=bge-small-zh-v1.5";

    private static final PostgresSupport db = new PostgresSupport();

    @TempDir
    Path tmp;

    /** Settings of the store under test: none for the embedded store. */
    private String[] store = {};

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    @Test
    void reindex_re_embeds_every_clause_with_the_new_model_and_the_server_then_starts_with_it() throws IOException {
        roundTrip();
    }

    @Test
    void reindex_does_the_same_on_the_postgresql_store() throws IOException {
        PostgresSupport.requireAvailable();
        store = new String[] {"--govassist.store=pgvector", "--spring.datasource.url=" + db.newSchemaUrl("reindex_it"),
                "--spring.datasource.username=" + PostgresSupport.USER,
                "--spring.datasource.password=" + PostgresSupport.PASSWORD};
        roundTrip();
    }

    private void roundTrip() throws IOException {
        Path corpus = tmp.resolve("corpus");
        copy("/demo-corpus/" + REGULATION, corpus.resolve(REGULATION));
        copy("/demo-corpus/" + PLAN, corpus.resolve(PLAN));
        Path data = tmp.resolve("data");
        Map<String, float[]> before = new HashMap<>();
        String planId;
        try (ConfigurableApplicationContext cli = cli(data, BASE)) {
            assertThat(cli.getBean(IngestionPipeline.class).ingestTree(corpus, p -> {
            })).hasSize(2).noneMatch(IngestResult::failed);
            ClauseStore store = cli.getBean(ClauseStore.class);
            planId = store.listDocuments().stream().filter(d -> d.source().endsWith(".txt")).findFirst()
                    .orElseThrow().id();
            store.listDocuments().forEach(d -> store.clausesOf(d.id()).forEach(c -> before.put(c.id(), c.vector())));
        }

        assertThatThrownBy(() -> cli(data, TRAINED).close())
                .hasRootCauseInstanceOf(EmbeddingSpaceMismatchException.class)
                .rootCause().hasMessageContaining("java -jar govassist.jar reindex");

        // an interrupted earlier run: the plan is listed as done, so this run must skip it and do the regulation
        Path progress = data.resolve("reindex-govassist-embed-zh-3.progress");
        try (ConfigurableApplicationContext cli = cli(data, BASE)) {
            ClauseStore store = cli.getBean(ClauseStore.class);
            String hash = store.findDocument(planId).orElseThrow().contentHash();
            Files.createDirectories(data);
            Files.writeString(progress, planId + " " + hash + "\n", StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(runReindex(data, out, err)).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("resuming, 1 documents already re-embedded")
                .contains("2/2 documents");
        assertThat(progress).doesNotExist();

        try (ConfigurableApplicationContext cli = cli(data, TRAINED)) {
            ClauseStore store = cli.getBean(ClauseStore.class);
            QueryAwareEmbeddingModel model = cli.getBean(QueryAwareEmbeddingModel.class);
            assertThat(model.modelId()).isEqualTo("govassist-embed-zh-3");
            assertThat(store.clauseCount()).isEqualTo(before.size());
            for (var d : store.listDocuments()) {
                List<IndexedClause> clauses = store.clausesOf(d.id());
                List<float[]> fresh = model.embedPassages(clauses.stream().map(IndexedClause::indexedText).toList())
                        .stream().map(e -> e.vector()).toList();
                for (int i = 0; i < clauses.size(); i++) {
                    double toOld = cosine(clauses.get(i).vector(), before.get(clauses.get(i).id()));
                    double toNew = cosine(clauses.get(i).vector(), fresh.get(i));
                    if (d.id().equals(planId)) {
                        assertThat(toOld).as("skipped as done: untouched").isGreaterThan(0.99999);
                    } else {
                        assertThat(toNew).as("re-embedded with the new model").isGreaterThan(0.9999);
                        assertThat(toOld).isLessThan(0.9999);
                    }
                }
            }
        }
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertThat(runReindex(data, again, err)).isZero();
        assertThat(again.toString(StandardCharsets.UTF_8)).contains("nothing to do");
    }

    /** {@code java -jar govassist.jar reindex …}: the command word first, run by the CLI's runner at startup. */
    private int runReindex(Path data, ByteArrayOutputStream out, ByteArrayOutputStream err) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        System.setOut(print(out));
        System.setErr(print(err));
        try (ConfigurableApplicationContext cli = cli(data, "reindex", TRAINED)) {
            return cli.getBean(CommandLine.class).getExitCode();
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    private ConfigurableApplicationContext cli(Path data, String... args) {
        String[] all = new String[args.length + 2 + store.length];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--govassist.data-dir=" + data;
        all[args.length + 1] = "--govassist.admin.password=x";
        System.arraycopy(store, 0, all, args.length + 2, store.length);
        return new SpringApplicationBuilder(GovAssistApplication.class).web(WebApplicationType.NONE).profiles("cli")
                .run(all);
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
