package io.govassist.system;

import io.govassist.GovAssistApplication;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import static io.govassist.CommandTestSupport.copy;
import static io.govassist.CommandTestSupport.print;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code ingest PATH... --knowledge-base ID} of the command line. */
class IngestCommandKnowledgeBaseIT {

    private static final String KB = "leases";
    private static final String SOURCE = "租赁合同.md";

    @TempDir
    Path tmp;

    @Test
    void ingest_with_a_knowledge_base_adds_the_documents_to_it_and_an_unknown_one_ingests_nothing_with_exit_2()
            throws IOException {
        Path corpus = tmp.resolve("corpus");
        copy("/fixtures/民法典合同编-租赁合同.md", corpus.resolve(SOURCE));
        Path data = tmp.resolve("data");

        try (ConfigurableApplicationContext cli = cli(data)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = cli.getBean(CommandLine.class).ingest(List.of(corpus.toString(), "--knowledge-base",
                    "no-such-kb"), print(out), print(err));
            String message = err.toString(StandardCharsets.UTF_8);
            assertThat(exit).as(message).isEqualTo(2);
            assertThat(message).startsWith("ingest: unknown knowledge base no-such-kb; nothing was ingested.")
                    .contains("POST /api/v1/admin/knowledge-bases").doesNotContain("Exception");
            assertThat(cli.getBean(ClauseStore.class).listDocuments()).as("nothing ingested").isEmpty();

            err.reset();
            assertThat(cli.getBean(CommandLine.class).ingest(List.of(corpus.toString(), "--knowledge-base"),
                    print(out), print(err))).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("--knowledge-base needs a value");

            cli.getBean(JdbcClient.class).sql("""
                            INSERT INTO knowledge_base (id, name, audience, welcome, suggested_questions,
                                                        refusal_threshold, created_by, created_at)
                            VALUES (?, '租赁合同', 'STAFF', NULL, '[]', NULL, 'test', ?)""")
                    .params(KB, Timestamp.from(Instant.now())).update();
        }

        // as "java -jar govassist.jar ingest DIR --knowledge-base leases --govassist.data-dir=…" runs it
        try (ConfigurableApplicationContext cli = cli(data, "ingest", corpus.toString(), "--knowledge-base", KB)) {
            List<DocumentRecord> documents = cli.getBean(ClauseStore.class).listDocuments();
            assertThat(documents).extracting(DocumentRecord::source).containsExactly(SOURCE);
            assertThat(members(cli)).containsExactly(documents.getFirst().id());
            assertThat(SpringApplication.exit(cli)).isZero();
        }

        // again with --knowledge-base=ID: the document is UNCHANGED and stays in it, once
        try (ConfigurableApplicationContext cli = cli(data)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(cli.getBean(CommandLine.class).ingest(List.of("--knowledge-base=" + KB, corpus.toString()),
                    print(out), print(new ByteArrayOutputStream()))).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("unchanged: 1",
                    "knowledge base leases: 1 documents added (or already in it)");
            assertThat(members(cli)).hasSize(1);
        }
    }

    private static List<String> members(ConfigurableApplicationContext cli) {
        return cli.getBean(JdbcClient.class).sql("SELECT document_id FROM knowledge_base_document "
                + "WHERE knowledge_base_id = ?").param(KB).query(String.class).list();
    }

    private static ConfigurableApplicationContext cli(Path data, String... command) {
        List<String> args = new java.util.ArrayList<>(List.of(command));
        args.addAll(List.of("--govassist.data-dir=" + data, "--govassist.admin.password=x",
                "--govassist.demo.enabled=false"));
        return new SpringApplicationBuilder(GovAssistApplication.class).web(WebApplicationType.NONE).profiles("cli")
                .run(args.toArray(String[]::new));
    }
}
