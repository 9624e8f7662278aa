package io.govassist.knowledge;

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

/** Knowledge bases through HTTP on the embedded (Lucene) store with the demo corpus: {@link KnowledgeBaseScenario}. */
class KnowledgeBaseIT extends DemoServerIT implements KnowledgeBaseContract {

    final State state = new State();

    @Override
    public ServerTestSupport server() {
        return server;
    }

    @Override
    public State state() {
        return state;
    }

    @Test
    void an_upload_into_a_knowledge_base_belongs_to_it_until_deleted() throws IOException {
        byte[] content;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/民法典合同编-租赁合同.md")) {
            content = in.readAllBytes();
        }
        Reply unknown = server.send(new ServerTestSupport.Multipart().file("租赁合同.md", content)
                .post(server.base() + "/api/v1/documents?knowledgeBase=no-such-kb")
                .header("Authorization", KnowledgeBaseScenario.ADMIN));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("KNOWLEDGE_BASE_NOT_FOUND");
        int before = server.get("/api/v1/documents").json().get("documents").size();
        assertThat(before).as("nothing stored for an unknown knowledge base").isPositive();

        Reply upload = server.send(new ServerTestSupport.Multipart().file("租赁合同.md", content)
                .post(server.base() + "/api/v1/documents?knowledgeBase=" + KnowledgeBaseScenario.PUBLIC_KB)
                .header("Authorization", KnowledgeBaseScenario.ADMIN));
        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        String id = upload.json().get("results").get(0).get("documentId").asText();
        try {
            assertThat(server.get("/api/v1/documents").json().get("documents")).hasSize(before + 1);
            JsonNode doc = server.get("/api/v1/documents/" + id).json().get("document");
            assertThat(doc.get("knowledgeBases").toString()).isEqualTo("[\"" + KnowledgeBaseScenario.PUBLIC_KB + "\"]");
            JsonNode hits = state.scenario.search("承租人应当按照约定的期限支付租金", KnowledgeBaseScenario.PUBLIC_KB, null);
            assertThat(hits.findValuesAsText("documentId")).contains(id).allMatch(d -> d.equals(id) || d.equals(state.plan));
        } finally {
            server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/" + id))
                    .header("Authorization", KnowledgeBaseScenario.ADMIN).DELETE());
        }
        JsonNode list = state.scenario.send("GET", "/api/v1/admin/knowledge-bases", KnowledgeBaseScenario.ADMIN, null)
                .json().get("knowledgeBases");
        assertThat(list.toString()).contains("\"id\":\"ai-plan\"");
        for (JsonNode kb : list) {
            if (kb.get("id").asText().equals(KnowledgeBaseScenario.PUBLIC_KB)) {
                assertThat(kb.get("documentCount").asInt()).as("the deleted document left it").isEqualTo(1);
            }
        }
    }
}
