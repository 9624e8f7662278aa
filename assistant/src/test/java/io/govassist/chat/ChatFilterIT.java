package io.govassist.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The chat request's optional {@code filter} (used by the staff console) restricts what an answer may cite. */
class ChatFilterIT extends DemoServerIT {

    static final String QUESTION = "人工智能+医疗由哪些部门负责？";

    @Test
    void without_a_filter_the_plan_is_cited() {
        JsonNode answer = chat("{\"question\":\"" + QUESTION + "\"}");
        assertThat(answer.get("citations").findValuesAsText("clauseLabel")).contains("二、（十）");
    }

    @Test
    void a_document_filter_keeps_citations_inside_the_chosen_documents() {
        String openGov = documentId("行政法规/政府信息公开条例(2019-04-03).md");
        JsonNode answer = chat("{\"question\":\"" + QUESTION + "\",\"filter\":{\"documentIds\":[\"" + openGov + "\"]}}");
        assertThat(answer.get("citations").findValuesAsText("documentId")).allMatch(openGov::equals);
        assertThat(answer.get("citations").findValuesAsText("clauseLabel")).doesNotContain("二、（十）");
    }

    @Test
    void excluding_drafts_leaves_the_draft_plan_out() {
        String plan = documentId("四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt");
        JsonNode answer = chat("{\"question\":\"" + QUESTION + "\",\"filter\":{\"includeDrafts\":false}}");
        assertThat(answer.get("citations").findValuesAsText("documentId")).doesNotContain(plan);
    }

    @Test
    void issuer_and_date_range_restrict_the_documents() {
        JsonNode answer = chat("{\"question\":\"政府信息公开申请应当包括哪些内容？\",\"filter\":{\"issuers\":[\"国务院\"],"
                + "\"dateFrom\":\"2019-01-01\",\"dateTo\":\"2019-12-31\"}}");
        assertThat(answer.get("grounded").asBoolean()).isTrue();
        for (JsonNode c : answer.get("citations")) {
            JsonNode doc = server.get("/api/v1/documents/" + c.get("documentId").asText()).json().get("document");
            assertThat(doc.get("issuer").asText()).isEqualTo("国务院");
            assertThat(doc.get("date").asText()).startsWith("2019-");
        }
        JsonNode none = chat("{\"question\":\"政府信息公开申请应当包括哪些内容？\",\"filter\":{\"dateFrom\":\"2030-01-01\"}}");
        assertThat(none.get("grounded").asBoolean()).as("nothing dated 2030 or later").isFalse();
        assertThat(none.get("citations")).isEmpty();
    }

    @Test
    void a_malformed_date_is_refused() {
        Reply reply = server.postJson("/api/v1/chat", "{\"question\":\"" + QUESTION + "\",\"filter\":{\"dateFrom\":\"2019/01/01\"}}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("INVALID_FILTER");
    }

    private JsonNode chat(String body) {
        Reply reply = server.postJson("/api/v1/chat", body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private String documentId(String source) {
        for (JsonNode d : server.get("/api/v1/documents").json().get("documents")) {
            if (d.get("source").asText().equals(source)) {
                return d.get("id").asText();
            }
        }
        throw new AssertionError("no document " + source);
    }
}
