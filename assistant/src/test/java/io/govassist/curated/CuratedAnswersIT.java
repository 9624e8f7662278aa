package io.govassist.curated;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 常见问题 over real HTTP on the demo server (H2): staff save a curated answer resting on a clause, the chat (plain
 * and streamed) gives it labelled 人工审核 with the clause cited, a question with another number does not get it,
 * an edit shows at once, retiring stops it; a replied 转人工 ticket prefills one. Every answer made here is retired
 * before the test ends: the server is shared with the other ITs.
 */
class CuratedAnswersIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    static final String QUESTION = "人工智能+医疗这项任务的牵头单位和配合单位分别是谁？";

    Reply staff(String method, String path, String json) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    JsonNode topHit(String query) {
        Reply search = server.postJson("/api/v1/search", "{\"query\":\"" + query + "\",\"topK\":1}");
        assertThat(search.status()).as(search.body()).isEqualTo(200);
        return search.json().get("hits").get(0);
    }

    JsonNode chat(String question) {
        Reply chat = server.postJson("/api/v1/chat", "{\"question\":\"" + question + "\"}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        return chat.json();
    }

    static String clauses(JsonNode hit) {
        return "[{\"documentId\":\"" + hit.get("documentId").asText() + "\",\"clauseId\":\""
                + hit.get("clauseId").asText() + "\"}]";
    }

    @Test
    void a_curated_answer_is_served_with_its_clause_edited_and_retired() {
        JsonNode hit = topHit("人工智能+医疗 牵头单位 配合单位");
        String body = "{\"question\":\"" + QUESTION + "\",\"answer\":\"牵头单位为省卫生健康委，配合单位为省药监局、省医保局[1]。\","
                + "\"clauses\":" + clauses(hit) + "}";

        assertThat(server.postJson("/api/v1/console/curated", body).status()).as("staff only").isIn(401, 403);
        Reply badMarker = staff("POST", "/api/v1/console/curated", body.replace("[1]", "[2]"));
        assertThat(badMarker.status()).isEqualTo(400);
        assertThat(badMarker.json().get("error").get("code").asText()).isEqualTo("INVALID_MARKER");
        Reply noClause = staff("POST", "/api/v1/console/curated",
                body.replace(hit.get("clauseId").asText(), "no-such-clause"));
        assertThat(noClause.status()).isEqualTo(400);
        assertThat(noClause.json().get("error").get("code").asText()).isEqualTo("CLAUSE_NOT_FOUND");

        Reply created = staff("POST", "/api/v1/console/curated", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        try {
            assertThat(created.json().get("status").asText()).isEqualTo("ACTIVE");
            assertThat(created.json().get("createdBy").asText()).isEqualTo("admin");
            assertThat(created.json().get("clauses").get(0).get("label").asText())
                    .isEqualTo(hit.get("clauseLabel").asText());

            JsonNode answer = chat(QUESTION);
            assertThat(answer.get("curated").asText()).isEqualTo(id);
            assertThat(answer.get("mode").asText()).isEqualTo("curated");
            assertThat(answer.get("grounded").asBoolean()).isTrue();
            assertThat(answer.get("aiGenerated").asBoolean()).isFalse();
            assertThat(answer.get("answer").asText()).startsWith("牵头单位为省卫生健康委").contains("人工审核")
                    .doesNotContain("人工智能生成");
            assertThat(answer.get("citations")).hasSize(1);
            assertThat(answer.get("citations").get(0).get("clauseId").asText()).isEqualTo(hit.get("clauseId").asText());
            assertThat(answer.get("citations").get(0).get("text").asText()).isEqualTo(hit.get("text").asText());

            JsonNode otherNumber = chat("2030年人工智能+医疗这项任务的牵头单位和配合单位分别是谁？");
            assertThat(otherNumber.get("curated").isNull()).as("a number the curated question lacks").isTrue();

            Reply stream = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/chat/stream"))
                    .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question\":\"" + QUESTION + "\"}",
                            StandardCharsets.UTF_8)));
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.body()).as("the stream's done event is the same answer")
                    .contains("\"curated\":\"" + id + "\"").contains("人工审核").contains("event:citations");

            Reply edited = staff("PUT", "/api/v1/console/curated/" + id,
                    "{\"answer\":\"由省卫生健康委牵头，省药监局、省医保局配合[1]。\"}");
            assertThat(edited.status()).as(edited.body()).isEqualTo(200);
            assertThat(chat(QUESTION).get("answer").asText()).startsWith("由省卫生健康委牵头");

            Reply active = staff("GET", "/api/v1/console/curated?status=ACTIVE", null);
            assertThat(active.json().get("answers").findValuesAsText("id")).contains(id);
            assertThat(staff("GET", "/api/v1/console/curated?status=maybe", null).status()).isEqualTo(400);

            Reply retired = staff("POST", "/api/v1/console/curated/" + id + "/retire", null);
            assertThat(retired.status()).as(retired.body()).isEqualTo(200);
            assertThat(retired.json().get("status").asText()).isEqualTo("RETIRED");
            JsonNode after = chat(QUESTION);
            assertThat(after.get("curated").isNull()).as("retired: answered from the documents again").isTrue();
            assertThat(after.get("aiGenerated").asBoolean()).isTrue();
            assertThat(staff("POST", "/api/v1/console/curated/" + id + "/retire", null).status()).isEqualTo(409);
            assertThat(staff("PUT", "/api/v1/console/curated/" + id, "{\"answer\":\"x\"}").status()).isEqualTo(409);
            assertThat(staff("GET", "/api/v1/console/curated?status=RETIRED", null).json().get("answers")
                    .findValuesAsText("id")).contains(id);

            Reply audit = staff("GET", "/api/v1/admin/audit?action=CURATED_RETIRE", null);
            assertThat(audit.body()).contains("curated:" + id.substring(0, 8));
        } finally {
            staff("POST", "/api/v1/console/curated/" + id + "/retire", null);
        }
    }

    @Test
    void a_replied_handoff_ticket_prefills_a_curated_answer() {
        Reply opened = server.postJson("/api/v1/chat/handoff", "{\"question\":\"人工智能+教育由哪个部门牵头？\"}");
        String ticketId = opened.json().get("ticketId").asText();
        assertThat(staff("GET", "/api/v1/console/curated/draft/" + ticketId, null).status()).as("not replied yet")
                .isEqualTo(404);
        assertThat(staff("POST", "/api/v1/console/handoff/" + ticketId + "/reply",
                "{\"text\":\"由省教育厅牵头[1]。\"}").status()).isEqualTo(200);

        Reply draft = staff("GET", "/api/v1/console/curated/draft/" + ticketId, null);
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        assertThat(draft.json().get("question").asText()).isEqualTo("人工智能+教育由哪个部门牵头？");
        assertThat(draft.json().get("answer").asText()).isEqualTo("由省教育厅牵头[1]。");

        Reply noClauses = staff("POST", "/api/v1/console/curated", "{\"ticketId\":\"" + ticketId + "\"}");
        assertThat(noClauses.status()).as("the ticket had no conversation to take clauses from").isEqualTo(400);
        assertThat(noClauses.json().get("error").get("code").asText()).isEqualTo("NO_CLAUSES");

        JsonNode hit = topHit("人工智能+教育 牵头");
        Reply created = staff("POST", "/api/v1/console/curated", "{\"ticketId\":\"" + ticketId + "\",\"clauses\":"
                + clauses(hit) + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        try {
            assertThat(created.json().get("question").asText()).isEqualTo("人工智能+教育由哪个部门牵头？");
            assertThat(created.json().get("answer").asText()).isEqualTo("由省教育厅牵头[1]。");
            assertThat(created.json().get("sourceTicket").asText()).isEqualTo("handoff:" + ticketId.substring(0, 8));
        } finally {
            assertThat(staff("POST", "/api/v1/console/curated/" + id + "/retire", null).status()).isEqualTo(200);
        }
    }
}
