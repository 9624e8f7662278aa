package io.govassist.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/documents/{id}/reingest}: parse a stored document again from its kept original. */
class DocumentReingestIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    static final String TEXT = "关于重新解析测试的通知\n一、总体要求\n（一）工作目标。到2026年建成统一的政务服务平台。\n"
            + "（二）基本原则。坚持便民高效。\n二、保障措施\n（三）加强组织领导。各部门要落实责任。\n";

    @Autowired
    JdbcClient jdbc;

    @Test
    void an_uploaded_document_is_parsed_again_from_its_original_kept_in_the_database() {
        String id = upload("reingest-notice.txt", TEXT);
        try {
            JsonNode before = server.get("/api/v1/documents/" + id).json();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM document_original WHERE document_id = ?").param(id)
                    .query(Integer.class).single()).isEqualTo(1);

            Reply reingested = reingest(id, ADMIN);
            assertThat(reingested.status()).as(reingested.body()).isEqualTo(200);
            assertThat(reingested.json().get("status").asText()).isEqualTo("UPDATED");
            assertThat(reingested.json().get("clauses").asInt()).isEqualTo(before.get("document").get("clauseCount").asInt());
            JsonNode after = server.get("/api/v1/documents/" + id).json();
            assertThat(after.get("tree")).as("same parser, same tree").isEqualTo(before.get("tree"));
            assertThat(after.get("document").get("ingestedAt").asText())
                    .isNotEqualTo(before.get("document").get("ingestedAt").asText());
        } finally {
            delete(id);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM document_original WHERE document_id = ?").param(id)
                .query(Integer.class).single()).as("deleting a document deletes its original").isZero();
    }

    @Test
    void a_demo_document_is_parsed_again_from_the_bundled_corpus() {
        String id = null;
        for (JsonNode d : server.get("/api/v1/documents").json().get("documents")) {
            if (d.get("source").asText().equals("行政法规/政府信息公开条例(2019-04-03).md")) {
                id = d.get("id").asText();
            }
        }
        assertThat(id).isNotNull();
        Reply reingested = reingest(id, ADMIN);
        assertThat(reingested.status()).as(reingested.body()).isEqualTo(200);
        assertThat(reingested.json().get("title").asText()).contains("政府信息公开条例");
        assertThat(reingested.json().get("clauses").asInt()).isBetween(50, 70);
    }

    @Test
    void without_an_original_the_document_is_left_as_it_is_with_a_clear_error() {
        String id = upload("reingest-lost-original.txt", TEXT);
        try {
            jdbc.sql("DELETE FROM document_original WHERE document_id = ?").param(id).update();
            JsonNode before = server.get("/api/v1/documents/" + id).json();
            Reply reply = reingest(id, ADMIN);
            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("ORIGINAL_UNAVAILABLE");
            assertThat(reply.json().get("error").get("message").asText()).contains("请重新上传");
            assertThat(server.get("/api/v1/documents/" + id).json()).isEqualTo(before);
        } finally {
            delete(id);
        }
    }

    @Test
    void reingest_needs_the_admin_and_an_existing_document() {
        assertThat(reingest("0123456789abcdef", null).status()).isEqualTo(401);
        Reply missing = reingest("0123456789abcdef", ADMIN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").get("code").asText()).isEqualTo("DOCUMENT_NOT_FOUND");
    }

    private String upload(String name, String text) {
        Reply reply = server.send(new ServerTestSupport.Multipart().file(name, text.getBytes(StandardCharsets.UTF_8))
                .post(server.base() + "/api/v1/documents").header("Authorization", ADMIN));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("results").get(0).get("documentId").asText();
    }

    private Reply reingest(String id, String auth) {
        var request = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/" + id + "/reingest"))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (auth != null) {
            request.header("Authorization", auth);
        }
        return server.send(request);
    }

    private void delete(String id) {
        server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/" + id))
                .header("Authorization", ADMIN).DELETE());
    }
}
