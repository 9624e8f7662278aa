package io.govassist.handoff;

import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 转人工 over real HTTP on the demo server (H2 application database): a case-status question is redirected, the
 * citizen hands it to staff, staff claim and reply, the citizen reads the reply by the ticket id alone.
 */
class HandoffIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    Reply staffPost(String path, String json) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json, StandardCharsets.UTF_8)));
    }

    Reply staffGet(String path) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", ADMIN).GET());
    }

    @Test
    void a_case_status_question_is_redirected_handed_off_claimed_answered_and_read_back_by_its_id() {
        Reply chat = server.postJson("/api/v1/chat", "{\"question\":\"我上个月交的公积金提取申请，批下来没有？\"}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        assertThat(chat.json().get("redirect").asText()).isEqualTo("CASE_STATUS");
        assertThat(chat.json().get("grounded").asBoolean()).isFalse();
        assertThat(chat.json().get("citations")).isEmpty();
        assertThat(chat.json().get("answer").asText()).contains("12345").contains("办件");
        String conversationId = chat.json().get("conversationId").asText();

        Reply opened = server.postJson("/api/v1/chat/handoff", "{\"conversationId\":\"" + conversationId
                + "\",\"contact\":\"13812345678\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String ticketId = opened.json().get("ticketId").asText();
        assertThat(ticketId).hasSize(43);
        assertThat(opened.json().get("status").asText()).isEqualTo("OPEN");

        Reply citizen = server.get("/api/v1/chat/handoff/" + ticketId);
        assertThat(citizen.status()).isEqualTo(200);
        assertThat(citizen.json().get("question").asText()).as("the conversation's last question")
                .isEqualTo("我上个月交的公积金提取申请，批下来没有？");
        assertThat(citizen.json().get("reply").isNull()).isTrue();
        assertThat(citizen.body()).doesNotContain("13812345678").doesNotContain("contact");

        assertThat(server.get("/api/v1/console/handoff").status()).as("staff only").isIn(401, 403);
        Reply queue = staffGet("/api/v1/console/handoff?status=OPEN");
        assertThat(queue.status()).isEqualTo(200);
        var listed = findTicket(queue, ticketId);
        assertThat(listed.get("contact").asText()).doesNotContain("12345678").startsWith("138");
        assertThat(listed.get("conversation").get(0).get("question").asText()).contains("公积金提取申请");
        assertThat(queue.json().get("counts").get("OPEN").asInt()).isPositive();

        Reply claim = staffPost("/api/v1/console/handoff/" + ticketId + "/claim", null);
        assertThat(claim.status()).as(claim.body()).isEqualTo(200);
        assertThat(claim.json().get("status").asText()).isEqualTo("CLAIMED");
        assertThat(claim.json().get("claimedBy").asText()).isEqualTo("admin");
        Reply again = staffPost("/api/v1/console/handoff/" + ticketId + "/claim", null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("error").get("code").asText()).isEqualTo("HANDOFF_NOT_OPEN");

        Reply empty = staffPost("/api/v1/console/handoff/" + ticketId + "/reply", "{\"text\":\"  \"}");
        assertThat(empty.status()).isEqualTo(400);
        Reply reply = staffPost("/api/v1/console/handoff/" + ticketId + "/reply",
                "{\"text\":\"您的提取申请已于昨日审核通过，款项3个工作日内到账。\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("status").asText()).isEqualTo("ANSWERED");

        Reply answered = server.get("/api/v1/chat/handoff/" + ticketId);
        assertThat(answered.json().get("status").asText()).isEqualTo("ANSWERED");
        assertThat(answered.json().get("reply").get("text").asText()).contains("审核通过");
        assertThat(answered.json().get("reply").get("repliedAt").asText()).isNotBlank();
        assertThat(answered.body()).as("staff names stay inside").doesNotContain("admin");

        Reply closed = staffPost("/api/v1/console/handoff/" + ticketId + "/close", null);
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(staffPost("/api/v1/console/handoff/" + ticketId + "/reply", "{\"text\":\"补充\"}").status())
                .as("a closed ticket takes no reply").isEqualTo(409);

        Reply audit = staffGet("/api/v1/admin/audit?limit=50");
        assertThat(audit.body()).contains("HANDOFF_OPEN", "HANDOFF_CLAIM", "HANDOFF_REPLY", "HANDOFF_CLOSE")
                .contains("handoff:" + ticketId.substring(0, 8)).doesNotContain(ticketId);
    }

    @Test
    void unknown_or_malformed_ticket_ids_are_404_and_bad_requests_get_stable_codes() {
        Reply unknown = server.get("/api/v1/chat/handoff/" + HandoffTickets.newId());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("HANDOFF_NOT_FOUND");
        assertThat(server.get("/api/v1/chat/handoff/abc").status()).isEqualTo(404);

        assertThat(code(server.postJson("/api/v1/chat/handoff", "{}"))).isEqualTo("EMPTY_QUESTION");
        assertThat(code(server.postJson("/api/v1/chat/handoff", "{\"conversationId\":\"not-a-uuid\"}")))
                .isEqualTo("INVALID_CONVERSATION_ID");
        Reply noConversation = server.postJson("/api/v1/chat/handoff",
                "{\"conversationId\":\"00000000-0000-4000-8000-000000000000\",\"question\":\"问题\"}");
        assertThat(noConversation.status()).isEqualTo(404);
        assertThat(code(server.postJson("/api/v1/chat/handoff", "{\"question\":\"问题\",\"contact\":\""
                + "1".repeat(101) + "\"}"))).isEqualTo("CONTACT_TOO_LONG");
        assertThat(code(staffGet("/api/v1/console/handoff?status=LOST"))).isEqualTo("INVALID_STATUS");
    }

    @Test
    void a_question_with_personal_data_is_stored_masked() {
        Reply opened = server.postJson("/api/v1/chat/handoff",
                "{\"question\":\"我的手机号13912345678，办的居住证到哪了\"}");
        assertThat(opened.status()).isEqualTo(201);
        Reply citizen = server.get("/api/v1/chat/handoff/" + opened.json().get("ticketId").asText());
        assertThat(citizen.json().get("question").asText()).doesNotContain("13912345678").contains("居住证");
    }

    private static String code(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isBetween(400, 499);
        return reply.json().get("error").get("code").asText();
    }

    private static com.fasterxml.jackson.databind.JsonNode findTicket(Reply list, String ticketId) {
        for (var t : list.json().get("tickets")) {
            if (t.get("ticketId").asText().equals(ticketId)) {
                return t;
            }
        }
        throw new AssertionError("ticket not listed: " + list.body());
    }
}
