package io.govassist.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentApiIT extends DemoServerIT {

    private static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    @Test
    void lists_the_demo_documents_with_metadata_and_clause_counts() {
        JsonNode documents = server.get("/api/v1/documents").json().get("documents");
        assertThat(documents.size()).isGreaterThanOrEqualTo(10);
        JsonNode plan = find(documents, "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt");
        assertThat(plan.get("status").asText()).isEqualTo("DRAFT");
        assertThat(plan.get("clauseCount").asInt()).isGreaterThan(18);
        JsonNode regulation = find(documents, "行政法规/政府信息公开条例(2019-04-03).md");
        assertThat(regulation.get("title").asText()).contains("政府信息公开条例");
        assertThat(regulation.get("clauseCount").asInt()).isBetween(50, 70);
    }

    @Test
    void document_view_returns_the_clause_tree_with_texts() {
        JsonNode documents = server.get("/api/v1/documents").json().get("documents");
        String id = find(documents, "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt").get("id").asText();
        JsonNode detail = server.get("/api/v1/documents/" + id).json();
        JsonNode tasks = null;
        for (JsonNode node : detail.get("tree").get("children")) {
            if (node.get("heading").asText().equals("二、重点任务")) {
                tasks = node;
            }
        }
        assertThat(tasks).as("二、重点任务 in the tree").isNotNull();
        assertThat(tasks.get("children").size()).isEqualTo(18);
        JsonNode fifteen = tasks.get("children").get(14);
        assertThat(fifteen.get("heading").asText()).isEqualTo("（十五）人工智能+政务服务");
        assertThat(fifteen.get("clauses").get(0).get("label").asText()).isEqualTo("二、（十五）");
        assertThat(fifteen.get("clauses").get(0).get("text").asText()).contains("智能客服");
    }

    @Test
    void unknown_document_is_a_json_404() {
        Reply reply = server.get("/api/v1/documents/doesnotexist");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("DOCUMENT_NOT_FOUND");
    }

    @Test
    void upload_and_delete_need_the_admin() {
        var upload = new ServerTestSupport.Multipart().file("x.txt", "一、总则\n测试内容。".getBytes())
                .post(server.base() + "/api/v1/documents");
        Reply anonymous = server.send(upload);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");

        var wrong = new ServerTestSupport.Multipart().file("x.txt", "一、总则\n测试内容。".getBytes())
                .post(server.base() + "/api/v1/documents")
                .header("Authorization", ServerTestSupport.basicAuth("admin", "wrong"));
        assertThat(server.send(wrong).status()).isEqualTo(401);

        Reply delete = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/abc")).DELETE());
        assertThat(delete.status()).isEqualTo(401);
    }

    @Test
    void admin_uploads_a_docx_and_a_broken_file_gets_a_per_file_error_then_deletes_the_document() throws IOException {
        byte[] docx = resource("/fixtures/upload-policy.docx");
        var request = new ServerTestSupport.Multipart()
                .file("upload-policy.docx", docx)
                .file("broken.pdf", "%PDF-1.7 this is not really a pdf".getBytes())
                .file("empty.txt", new byte[0])
                .post(server.base() + "/api/v1/documents")
                .header("Authorization", ADMIN);
        Reply reply = server.send(request);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode results = reply.json().get("results");
        assertThat(results).hasSize(3);
        assertThat(results.get(0).get("status").asText()).isEqualTo("INGESTED");
        assertThat(results.get(0).get("clauses").asInt()).isGreaterThan(3);
        assertThat(results.get(1).get("status").asText()).isEqualTo("FAILED");
        assertThat(results.get(1).get("error").get("message").asText()).containsPattern("\\p{IsHan}");
        assertThat(results.get(2).get("status").asText()).isEqualTo("FAILED");
        String id = results.get(0).get("documentId").asText();
        String brokenId = results.get(1).get("documentId").asText();

        assertThat(server.get("/api/v1/documents/" + id).status()).isEqualTo(200);
        assertThat(server.get("/api/v1/documents/" + brokenId).status()).as("nothing stored of a failed file").isEqualTo(404);

        Reply again = server.send(new ServerTestSupport.Multipart().file("upload-policy.docx", docx)
                .post(server.base() + "/api/v1/documents").header("Authorization", ADMIN));
        assertThat(again.json().get("results").get(0).get("status").asText()).isEqualTo("UNCHANGED");

        Reply deleted = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/" + id))
                .header("Authorization", ADMIN).DELETE());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(server.get("/api/v1/documents/" + id).status()).isEqualTo(404);
        JsonNode hits = server.postJson("/api/v1/search", "{\"query\":\"测试\",\"topK\":50,\"filter\":{\"documentIds\":[\"" + id + "\"]}}")
                .json().get("hits");
        assertThat(hits).isEmpty();
    }

    @Test
    void upload_with_only_broken_files_is_422_with_reasons() {
        Reply reply = server.send(new ServerTestSupport.Multipart().file("zip.docx", new byte[]{'P', 'K', 3, 4, 1, 2})
                .post(server.base() + "/api/v1/documents").header("Authorization", ADMIN));
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().get("results").get(0).get("error").get("code").asText()).isNotBlank();
    }

    private static JsonNode find(JsonNode documents, String source) {
        for (JsonNode d : documents) {
            if (d.get("source").asText().equals(source)) {
                return d;
            }
        }
        throw new AssertionError("no document " + source + " in " + documents);
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DocumentApiIT.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
