package io.govassist.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Knowledge bases through HTTP on the embedded (Lucene) store with the demo corpus: {@link KnowledgeBaseScenario}. */
class KnowledgeBaseIT extends DemoServerIT {

    KnowledgeBaseScenario scenario;
    String plan;
    String law;

    @BeforeEach
    void knowledgeBases() {
        scenario = new KnowledgeBaseScenario(server);
        String[] ids = scenario.setUp();
        plan = ids[0];
        law = ids[1];
    }

    @AfterEach
    void removeKnowledgeBases() {
        scenario.tearDown();
    }

    @Test
    void the_admin_api_validates_ids_and_counts_documents() {
        scenario.admin_api_validates_and_counts(plan, law);
    }

    @Test
    void a_public_knowledge_base_answers_from_its_documents_only() {
        scenario.a_public_knowledge_base_answers_from_its_documents_only(plan);
    }

    @Test
    void a_staff_knowledge_base_gives_anonymous_callers_none_of_its_text() {
        scenario.a_staff_knowledge_base_gives_anonymous_callers_none_of_its_text(law);
    }

    @Test
    void staff_search_and_chat_in_the_staff_knowledge_base_and_follow_ups_do_not_leak() {
        scenario.staff_search_and_chat_in_the_staff_knowledge_base(law);
    }

    @Test
    void unknown_knowledge_bases_are_404_with_a_stable_code() {
        scenario.unknown_knowledge_bases_are_404_with_a_stable_code();
    }

    @Test
    void deleting_a_knowledge_base_keeps_its_documents() {
        scenario.deleting_the_staff_knowledge_base_returns_its_document_to_default(law);
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
            JsonNode hits = scenario.search("承租人应当按照约定的期限支付租金", KnowledgeBaseScenario.PUBLIC_KB, null);
            assertThat(hits.findValuesAsText("documentId")).contains(id).allMatch(d -> d.equals(id) || d.equals(plan));
        } finally {
            server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/" + id))
                    .header("Authorization", KnowledgeBaseScenario.ADMIN).DELETE());
        }
        JsonNode list = scenario.send("GET", "/api/v1/admin/knowledge-bases", KnowledgeBaseScenario.ADMIN, null)
                .json().get("knowledgeBases");
        assertThat(list.toString()).contains("\"id\":\"ai-plan\"");
        for (JsonNode kb : list) {
            if (kb.get("id").asText().equals(KnowledgeBaseScenario.PUBLIC_KB)) {
                assertThat(kb.get("documentCount").asInt()).as("the deleted document left it").isEqualTo(1);
            }
        }
    }
}
