package io.govassist.words;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sensitive-word filter on the real server: questions, extractive answers, the admin API and its audit trail. */
class SensitiveWordsIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeAddedWords() {
        jdbc.sql("DELETE FROM sensitive_word").update();
    }

    Reply admin(HttpRequest.Builder request) {
        return server.send(request.header("Authorization", ADMIN));
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(server.base() + path));
    }

    HttpRequest.Builder json(String path, String body) {
        return at(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    Reply ask(String question) {
        return server.postJson("/api/v1/chat", "{\"question\":\"" + question + "\"}");
    }

    Reply addWord(String word) {
        return admin(json("/api/v1/admin/sensitive-words", "{\"word\":\"" + word + "\"}"));
    }

    @Test
    void a_question_with_a_bundled_word_is_refused_with_a_stable_code_and_without_echoing_it() {
        for (String question : List.of("你这个傻逼，政府信息公开怎么申请", "哪里可以 出售 冰毒", "ＦＵＣＫ 政务服务")) {
            Reply reply = ask(question);
            assertThat(reply.status()).as(question).isEqualTo(400);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("SENSITIVE_QUESTION");
            assertThat(reply.json().get("error").get("message").asText()).isEqualTo("您的问题中含有不文明或违规用语，无法回答。请修改后重新提问。");
            assertThat(reply.body()).doesNotContain("傻逼", "冰毒", "ＦＵＣＫ", "FUCK");
        }
        Reply stream = server.postJson("/api/v1/chat/stream", "{\"question\":\"你这个傻逼\"}");
        assertThat(stream.status()).isEqualTo(400);
        assertThat(stream.json().get("error").get("code").asText()).isEqualTo("SENSITIVE_QUESTION");
        assertThat(ask("依法打击赌博和毒品犯罪有哪些规定").status()).as("legal topics are not listed").isEqualTo(200);
    }

    @Test
    void the_admin_adds_and_removes_words_and_every_change_is_audited() {
        long before = newestAuditId();
        String question = "测试禁词甲乙在政务服务中怎么办";
        assertThat(ask(question).status()).isEqualTo(200);

        Reply added = addWord("测试禁词甲乙");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        long id = added.json().get("id").asLong();
        assertThat(added.json().get("createdBy").asText()).isEqualTo("admin");
        assertThat(ask(question).status()).as("in effect at once").isEqualTo(400);

        Reply duplicate = addWord("测试 禁词甲乙");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("error").get("code").asText()).isEqualTo("WORD_EXISTS");
        assertThat(addWord("傻逼").status()).as("a bundled word").isEqualTo(409);
        for (String bad : List.of("", "甲", "  ")) {
            Reply invalid = addWord(bad);
            assertThat(invalid.status()).as("'%s'", bad).isEqualTo(400);
            assertThat(invalid.json().get("error").get("code").asText()).isEqualTo("INVALID_WORD");
        }
        Reply noBody = admin(at("/api/v1/admin/sensitive-words").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(noBody.status()).isEqualTo(400);

        JsonNode list = admin(at("/api/v1/admin/sensitive-words").GET()).json();
        assertThat(list.get("enabled").asBoolean()).isTrue();
        assertThat(list.get("bundled").size()).isGreaterThan(10);
        assertThat(list.get("words")).hasSize(1);
        assertThat(list.get("words").get(0).get("word").asText()).isEqualTo("测试禁词甲乙");

        assertThat(admin(at("/api/v1/admin/sensitive-words/" + id).DELETE()).status()).isEqualTo(204);
        assertThat(ask(question).status()).isEqualTo(200);
        Reply again = admin(at("/api/v1/admin/sensitive-words/" + id).DELETE());
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("error").get("code").asText()).isEqualTo("WORD_NOT_FOUND");
        assertThat(admin(at("/api/v1/admin/sensitive-words/abc").DELETE()).status()).isEqualTo(404);

        List<String> events = new ArrayList<>();
        for (JsonNode e : admin(at("/api/v1/admin/audit?limit=50").GET()).json().get("events")) {
            if (e.get("id").asLong() > before) {
                events.add(e.get("actor").asText() + " " + e.get("action").asText() + " " + e.get("outcome").asText()
                        + " " + e.get("target").asText() + " " + e.get("detail").asText());
            }
        }
        assertThat(events).containsSubsequence(
                "admin SETTING_CHANGE FAILURE sensitive-words remove #abc: WORD_NOT_FOUND",
                "admin SETTING_CHANGE FAILURE sensitive-words remove #" + id + ": WORD_NOT_FOUND",
                "admin SETTING_CHANGE SUCCESS sensitive-words remove #" + id + " 测试禁词甲乙",
                "admin SETTING_CHANGE FAILURE sensitive-words add refused: INVALID_WORD",
                "admin SETTING_CHANGE FAILURE sensitive-words add 傻逼: WORD_EXISTS",
                "admin SETTING_CHANGE FAILURE sensitive-words add 测试 禁词甲乙: WORD_EXISTS",
                "admin SETTING_CHANGE SUCCESS sensitive-words add #" + id + " 测试禁词甲乙");
    }

    @Test
    void a_word_added_by_another_replica_applies_after_the_refresh_interval() throws InterruptedException {
        String question = "另一实例禁词在政务服务中怎么办";
        assertThat(ask(question).status()).isEqualTo(200);
        // another replica on the same database writes the row; this one only polls
        jdbc.sql("INSERT INTO sensitive_word (word, folded, created_at, created_by) VALUES (?, ?, ?, ?)")
                .params("另一实例禁词", AhoCorasick.fold("另一实例禁词"), Timestamp.from(Instant.now()), "replica-2")
                .update();
        int status = 200;
        for (int i = 0; i < 60 && status == 200; i++) {
            Thread.sleep(500);
            status = ask(question).status();
        }
        assertThat(status).as("refused within 30 s (refresh interval 5 s)").isEqualTo(400);
    }

    @Test
    void an_extractive_answer_quoting_a_listed_word_is_withheld() {
        String question = "人工智能+医疗由哪些部门负责？";
        JsonNode normal = ask(question).json();
        assertThat(normal.get("answer").asText()).contains("省卫生健康委");
        assertThat(addWord("省卫生健康委").status()).isEqualTo(201);

        Reply reply = ask(question);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("answer").asText()).doesNotContain("卫生健康委").contains("不适宜展示");
        assertThat(reply.json().get("grounded").asBoolean()).isFalse();
        assertThat(reply.json().get("citations")).isEmpty();
    }

    private long newestAuditId() {
        JsonNode events = admin(at("/api/v1/admin/audit?limit=1").GET()).json().get("events");
        return events.isEmpty() ? 0 : events.get(0).get("id").asLong();
    }
}
