package io.govassist.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.GovAssistApplication;
import io.govassist.ServerTestSupport;
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
import java.util.List;

import static io.govassist.CommandTestSupport.copy;
import static org.assertj.core.api.Assertions.assertThat;

class RestartAndCommandLineIT {

    @TempDir
    Path tmp;

    @Test
    void cli_ingests_a_directory_then_a_restarted_server_serves_the_same_results_without_reimporting() throws IOException {
        Path corpus = tmp.resolve("corpus");
        Files.createDirectories(corpus.resolve("行政法规"));
        copy("/demo-corpus/行政法规/政府信息公开条例(2019-04-03).md", corpus.resolve("行政法规/政府信息公开条例(2019-04-03).md"));
        copy("/demo-corpus/四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt", corpus.resolve("plan.txt"));
        Files.write(corpus.resolve("broken.pdf"), "%PDF-1.4 garbage".getBytes(StandardCharsets.US_ASCII));
        Path data = tmp.resolve("data");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit;
        try (ConfigurableApplicationContext cli = new SpringApplicationBuilder(GovAssistApplication.class)
                .web(WebApplicationType.NONE).profiles("cli")
                .run("--govassist.data-dir=" + data, "--govassist.admin.password=x")) {
            exit = cli.getBean(CommandLine.class).ingest(List.of(corpus.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        }
        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(summary).isEqualTo(1);
        assertThat(summary).contains("ingested: 2").contains("failed: 1").contains("FAILED broken.pdf");

        String query = "{\"query\":\"政府信息公开申请应当包括哪些内容\",\"topK\":5}";
        JsonNode firstHits;
        JsonNode firstDocuments;
        try (ConfigurableApplicationContext app = start(data, corpus)) {
            ServerTestSupport server = server(app);
            firstHits = server.postJson("/api/v1/search", query).json().get("hits");
            firstDocuments = server.get("/api/v1/documents").json().get("documents");
        }
        assertThat(firstDocuments).hasSize(2);
        assertThat(firstHits).isNotEmpty();

        try (ConfigurableApplicationContext app = start(data, corpus)) {
            ServerTestSupport server = server(app);
            assertThat(server.postJson("/api/v1/search", query).json().get("hits")).isEqualTo(firstHits);
            JsonNode documents = server.get("/api/v1/documents").json().get("documents");
            assertThat(documents).as("same documents, same ingestion times: nothing re-embedded").isEqualTo(firstDocuments);
        }
    }

    private static ConfigurableApplicationContext start(Path data, Path importPath) {
        return new SpringApplicationBuilder(GovAssistApplication.class).run("--server.port=0",
                "--govassist.data-dir=" + data, "--govassist.demo.enabled=false",
                "--govassist.ingest.paths=" + importPath, "--govassist.admin.password=x");
    }

    private static ServerTestSupport server(ConfigurableApplicationContext app) {
        int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
        ServerTestSupport server = new ServerTestSupport(port);
        server.awaitReady(Duration.ofMinutes(2));
        return server;
    }
}
