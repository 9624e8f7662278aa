package io.govassist.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/v1/chat/feedback} and the staff's to-do list {@code GET /api/v1/console/feedback}. */
class ChatFeedbackApiIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    @Autowired
    JdbcClient jdbc;

    @Test
    void a_rating_with_a_comment_is_stored_with_the_turn_and_can_be_changed() {
        JsonNode answer = server.postJson("/api/v1/chat", "{\"question\":\"政务服务智能化要建设哪些系统？\"}").json();
        String conversation = answer.get("conversationId").asText();
        String turn = answer.get("turnId").asText();

        assertThat(rate(conversation, turn, "down", "没有列出具体系统").status()).isEqualTo(204);
        Map<String, Object> row = jdbc.sql("SELECT feedback, feedback_comment, feedback_at FROM chat_turn WHERE id = ?")
                .param(turn).query().singleRow();
        assertThat(((Number) row.get("feedback")).intValue()).isEqualTo(-1);
        assertThat(row.get("feedback_comment")).isEqualTo("没有列出具体系统");
        assertThat(row.get("feedback_at")).isNotNull();
        JsonNode first = list("?kind=DOWNVOTED").get(0);
        assertThat(first.get("turnId").asText()).isEqualTo(turn);
        assertThat(first.get("kind").asText()).isEqualTo("DOWNVOTED");
        assertThat(first.get("question").asText()).isEqualTo("政务服务智能化要建设哪些系统？");
        assertThat(first.get("answer").asText()).isEqualTo(answer.get("answer").asText());

        assertThat(rate(conversation, turn, "up", null).status()).isEqualTo(204);
        row = jdbc.sql("SELECT feedback, feedback_comment FROM chat_turn WHERE id = ?").param(turn).query().singleRow();
        assertThat(((Number) row.get("feedback")).intValue()).isEqualTo(1);
        assertThat(row.get("feedback_comment")).isNull();
        assertThat(list("?kind=DOWNVOTED").findValuesAsText("turnId")).doesNotContain(turn);
    }

    @Test
    void bad_feedback_is_refused_with_a_code_and_nothing_is_stored() {
        JsonNode answer = server.postJson("/api/v1/chat", "{\"question\":\"政府信息公开申请应当包括哪些内容？\"}").json();
        String conversation = answer.get("conversationId").asText();
        String turn = answer.get("turnId").asText();
        assertError(rate(conversation, turn, "meh", null), 400, "INVALID_RATING");
        assertError(rate(conversation, turn, "down", "长".repeat(501)), 400, "COMMENT_TOO_LONG");
        assertError(rate(conversation, "00000000-0000-0000-0000-000000000000", "down", null), 404, "TURN_NOT_FOUND");
        assertError(rate("00000000-0000-0000-0000-000000000000", turn, "down", null), 404, "TURN_NOT_FOUND");
        assertError(server.postJson("/api/v1/chat/feedback", "{\"rating\":\"up\"}"), 400, "INVALID_FEEDBACK");
        assertError(server.postJson("/api/v1/chat/feedback", "{oops"), 400, "MALFORMED_JSON");
        assertThat(jdbc.sql("SELECT feedback FROM chat_turn WHERE id = ?").param(turn).query(Integer.class).optional())
                .isEmpty();
    }

    @Test
    void the_to_do_list_has_unanswered_questions_and_is_for_staff_only() {
        JsonNode refused = server.postJson("/api/v1/chat", "{\"question\":\"周末去哪里钓鱼比较好？\"}").json();
        assertThat(refused.get("grounded").asBoolean()).isFalse();
        JsonNode first = list("?kind=UNANSWERED").get(0);
        assertThat(first.get("kind").asText()).isEqualTo("UNANSWERED");
        assertThat(first.get("turnId").asText()).isEqualTo(refused.get("turnId").asText());
        assertThat(first.get("grounded").asBoolean()).isFalse();
        assertThat(list("").findValuesAsText("turnId")).contains(refused.get("turnId").asText());

        assertThat(server.get("/api/v1/console/feedback").status()).isEqualTo(401);
        assertError(send("/api/v1/console/feedback?kind=OTHER"), 400, "INVALID_KIND");
        assertError(send("/api/v1/console/feedback?limit=0"), 400, "INVALID_LIMIT");
    }

    private Reply rate(String conversation, String turn, String rating, String comment) {
        String body = "{\"conversationId\":\"" + conversation + "\",\"turnId\":\"" + turn + "\",\"rating\":\"" + rating + "\""
                + (comment == null ? "" : ",\"comment\":\"" + comment + "\"") + "}";
        return server.postJson("/api/v1/chat/feedback", body);
    }

    private JsonNode list(String query) {
        Reply reply = send("/api/v1/console/feedback" + query);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("items");
    }

    private Reply send(String path) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", ADMIN).GET());
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo(code);
        assertThat(reply.json().get("error").get("message").asText()).containsPattern("\\p{IsHan}");
    }
}
