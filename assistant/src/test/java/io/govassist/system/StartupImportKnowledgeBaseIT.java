package io.govassist.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.GovAssistApplication;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import io.govassist.system.GovAssistProperties.ImportPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static io.govassist.CommandTestSupport.copy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code govassist.ingest.paths} entries naming a knowledge base ({@code ID=DIR}), on the demo server. */
class StartupImportKnowledgeBaseIT extends DemoServerIT {

    private static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    private static final String KB = "imported-lease";
    private static final String SOURCE = "租赁合同.md";

    @Autowired
    StartupImport startupImport;

    @TempDir
    Path dir;

    @Test
    void documents_of_an_entry_naming_a_knowledge_base_land_in_it_and_are_found_by_a_search_scoped_to_it()
            throws IOException {
        copy("/fixtures/民法典合同编-租赁合同.md", dir.resolve(SOURCE));
        Reply created = send("POST", "/api/v1/admin/knowledge-bases",
                "{\"id\":\"" + KB + "\",\"name\":\"租赁合同\",\"audience\":\"PUBLIC\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String documentId = null;
        try {
            startupImport.importTree(ImportPath.of(KB + "=" + dir));
            for (JsonNode d : server.get("/api/v1/documents").json().get("documents")) {
                if (d.get("source").asText().equals(SOURCE)) {
                    documentId = d.get("id").asText();
                    assertThat(d.get("knowledgeBases").toString()).isEqualTo("[\"" + KB + "\"]");
                }
            }
            assertThat(documentId).as("imported").isNotNull();
            Reply scoped = server.postJson("/api/v1/search",
                    "{\"query\":\"承租人应当按照约定的期限支付租金\",\"knowledgeBase\":\"" + KB + "\"}");
            assertThat(scoped.status()).as(scoped.body()).isEqualTo(200);
            assertThat(scoped.json().get("hits")).isNotEmpty();
            assertThat(scoped.json().get("hits").findValuesAsText("documentId")).containsOnly(documentId);
            Reply unscopedDefault = server.postJson("/api/v1/search",
                    "{\"query\":\"承租人应当按照约定的期限支付租金\",\"knowledgeBase\":\"default\"}");
            assertThat(unscopedDefault.json().get("hits").findValuesAsText("documentId"))
                    .as("no longer in default").doesNotContain(documentId);

            // a second start (the documents now UNCHANGED) keeps the membership
            startupImport.importTree(ImportPath.of(KB + "=" + dir));
            assertThat(server.get("/api/v1/documents/" + documentId).json().get("document").get("knowledgeBases")
                    .toString()).isEqualTo("[\"" + KB + "\"]");
        } finally {
            if (documentId != null) {
                send("DELETE", "/api/v1/documents/" + documentId, null);
            }
            send("DELETE", "/api/v1/admin/knowledge-bases/" + KB, null);
        }
    }

    @Test
    void a_knowledge_base_named_by_an_entry_that_does_not_exist_is_a_configuration_error_naming_it() {
        assertThatThrownBy(() -> startupImport.requireKnowledgeBases(List.of(ImportPath.of(dir.toString()),
                ImportPath.of("no-such-kb=" + dir), ImportPath.of("default=" + dir))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("govassist.ingest.paths names knowledge bases that do not exist: no-such-kb.")
                .hasMessageContaining("POST /api/v1/admin/knowledge-bases");
        startupImport.requireKnowledgeBases(List.of(ImportPath.of(dir.toString()), ImportPath.of("default=" + dir)));
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void a_server_configured_with_an_unknown_knowledge_base_does_not_start_and_says_what_to_do(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GovAssistApplication.class).run("--server.port=0",
                "--govassist.data-dir=" + dir.resolve("data"), "--govassist.demo.enabled=false",
                "--govassist.ingest.paths=no-such-kb=" + dir, "--govassist.admin.password=x").close())
                .hasStackTraceContaining("govassist.ingest.paths names knowledge bases that do not exist: no-such-kb");
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START",
                "govassist.ingest.paths names knowledge bases that do not exist: no-such-kb.", "Action:",
                "Create them first (POST /api/v1/admin/knowledge-bases");
    }

    private Reply send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", ADMIN);
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return server.send(request);
    }
}
