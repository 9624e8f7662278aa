package io.govassist.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge-base behaviour of issue #16 through real HTTP, on whichever store the server runs: a PUBLIC
 * knowledge base holding only the AI plan answers and searches from the plan only; a STAFF one holding
 * 政府信息公开条例 gives anonymous callers none of its text (naming it: 404; unscoped: left out; a follow-up turn of a
 * staff conversation: not carried), while staff get it; unknown ids get {@code KNOWLEDGE_BASE_NOT_FOUND}. Run by
 * {@link KnowledgeBaseIT} (embedded Lucene) and {@link KnowledgeBasePostgresIT} (pgvector). Leaves the server's
 * knowledge bases as it found them.
 */
final class KnowledgeBaseScenario {

    static final String PLAN = "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";
    static final String LAW = "行政法规/政府信息公开条例(2019-04-03).md";
    static final String PUBLIC_KB = "ai-plan";
    static final String STAFF_KB = "open-gov-internal";
    static final String WELCOME = "您好！这里解答《人工智能+行动实施方案》的有关问题。";
    static final String LAW_QUESTION = "政府信息公开申请应当包括哪些内容";
    static final String PLAN_QUESTION = "人工智能+医疗由哪些部门负责？";
    /** Words of 政府信息公开条例 第二十九条 that no other demo document holds. */
    static final String LAW_TEXT = "申请人的姓名或者名称、身份证明、联系方式";
    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    static final String STAFF_USER = "kb-staff";
    static final String STAFF_PASSWORD = "kb-staff-pass-1";
    static final String STAFF = ServerTestSupport.basicAuth(STAFF_USER, STAFF_PASSWORD);

    private final ServerTestSupport server;

    KnowledgeBaseScenario(ServerTestSupport server) {
        this.server = server;
    }

    /** Creates the two knowledge bases (and a STAFF user); returns the ids of the plan and the law. */
    String[] setUp() {
        Reply user = send("POST", "/api/v1/admin/users", ADMIN,
                "{\"username\":\"" + STAFF_USER + "\",\"password\":\"" + STAFF_PASSWORD + "\",\"role\":\"STAFF\"}");
        assertThat(user.status()).as(user.body()).isIn(201, 409);
        String plan = documentId(PLAN);
        String law = documentId(LAW);
        Reply created = send("POST", "/api/v1/admin/knowledge-bases", ADMIN, "{\"id\":\"" + PUBLIC_KB
                + "\",\"name\":\"人工智能+行动\",\"audience\":\"PUBLIC\",\"welcome\":\"" + WELCOME
                + "\",\"suggestedQuestions\":[\"" + PLAN_QUESTION + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("audience").asText()).isEqualTo("PUBLIC");
        Reply staff = send("POST", "/api/v1/admin/knowledge-bases", ADMIN,
                "{\"id\":\"" + STAFF_KB + "\",\"name\":\"政务公开内部资料\",\"audience\":\"STAFF\"}");
        assertThat(staff.status()).as(staff.body()).isEqualTo(201);
        assertThat(setDocuments(PUBLIC_KB, plan).status()).isEqualTo(200);
        assertThat(setDocuments(STAFF_KB, law).status()).isEqualTo(200);
        return new String[]{plan, law};
    }

    /** Deletes the knowledge bases again: their documents return to {@code default}. */
    void tearDown() {
        send("DELETE", "/api/v1/admin/knowledge-bases/" + PUBLIC_KB, ADMIN, null);
        send("DELETE", "/api/v1/admin/knowledge-bases/" + STAFF_KB, ADMIN, null);
        send("DELETE", "/api/v1/admin/users/" + STAFF_USER, ADMIN, null);
    }

    void admin_api_validates_and_counts(String plan, String law) {
        Reply again = send("POST", "/api/v1/admin/knowledge-bases", ADMIN,
                "{\"id\":\"" + PUBLIC_KB + "\",\"name\":\"重复\",\"audience\":\"PUBLIC\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(code(again)).isEqualTo("KNOWLEDGE_BASE_EXISTS");
        for (String bad : new String[]{"AI Plan", "-x", "", "a/b", "x".repeat(65)}) {
            Reply r = send("POST", "/api/v1/admin/knowledge-bases", ADMIN,
                    "{\"id\":\"" + bad + "\",\"name\":\"坏\",\"audience\":\"PUBLIC\"}");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(code(r)).as(bad).isEqualTo("INVALID_KNOWLEDGE_BASE_ID");
        }
        Reply badAudience = send("POST", "/api/v1/admin/knowledge-bases", ADMIN,
                "{\"id\":\"x1\",\"name\":\"坏\",\"audience\":\"EVERYONE\"}");
        assertThat(code(badAudience)).isEqualTo("INVALID_AUDIENCE");
        Reply unknownDoc = send("PUT", "/api/v1/admin/knowledge-bases/" + PUBLIC_KB + "/documents", ADMIN,
                "{\"documentIds\":[\"" + plan + "\",\"no-such-document\"]}");
        assertThat(unknownDoc.status()).isEqualTo(400);
        assertThat(code(unknownDoc)).isEqualTo("DOCUMENT_NOT_FOUND");
        assertThat(send("PUT", "/api/v1/admin/knowledge-bases/nope/documents", ADMIN, "{\"documentIds\":[]}").status())
                .isEqualTo(404);
        assertThat(code(send("DELETE", "/api/v1/admin/knowledge-bases/default", ADMIN, null)))
                .isEqualTo("KNOWLEDGE_BASE_DEFAULT");

        JsonNode list = send("GET", "/api/v1/admin/knowledge-bases", ADMIN, null).json().get("knowledgeBases");
        int documents = server.get("/api/v1/documents").json().get("documents").size();
        assertThat(list.get(0).get("id").asText()).isEqualTo("default");
        assertThat(list.get(0).get("documentCount").asInt()).isEqualTo(documents - 2);
        assertThat(count(list, PUBLIC_KB)).isEqualTo(1);
        assertThat(count(list, STAFF_KB)).isEqualTo(1);

        JsonNode docs = server.get("/api/v1/documents").json().get("documents");
        for (JsonNode d : docs) {
            String expected = d.get("id").asText().equals(plan) ? PUBLIC_KB
                    : d.get("id").asText().equals(law) ? STAFF_KB : "default";
            assertThat(d.get("knowledgeBases").toString()).as(d.get("source").asText()).isEqualTo("[\"" + expected + "\"]");
        }
        JsonNode events = send("GET", "/api/v1/admin/audit?limit=100&action=KNOWLEDGE_BASE_CREATE", ADMIN, null)
                .json().get("events");
        assertThat(events.toString()).contains(PUBLIC_KB, STAFF_KB, "KNOWLEDGE_BASE_EXISTS");
    }

    void a_public_knowledge_base_answers_from_its_documents_only(String plan) {
        for (String question : new String[]{LAW_QUESTION, PLAN_QUESTION}) {
            JsonNode hits = search(question, PUBLIC_KB, null);
            assertThat(hits).as(question).isNotEmpty();
            assertThat(hits.findValuesAsText("documentId")).as(question).containsOnly(plan);
        }
        JsonNode answer = chat("{\"question\":\"" + PLAN_QUESTION + "\",\"knowledgeBase\":\"" + PUBLIC_KB + "\"}", null);
        assertThat(answer.get("citations")).isNotEmpty();
        assertThat(answer.get("citations").findValuesAsText("documentId")).containsOnly(plan);
        assertThat(answer.get("citations").findValuesAsText("clauseLabel")).contains("二、（十）");

        // a knowledge base's own refusal threshold decides its requests: at 1.0 the same question is refused there
        Reply strict = send("POST", "/api/v1/admin/knowledge-bases", ADMIN,
                "{\"id\":\"ai-plan-strict\",\"name\":\"严格\",\"audience\":\"PUBLIC\",\"refusalThreshold\":1.0}");
        assertThat(strict.status()).as(strict.body()).isEqualTo(201);
        try {
            assertThat(setDocuments("ai-plan-strict", plan).status()).isEqualTo(200);
            JsonNode refused = chat("{\"question\":\"" + PLAN_QUESTION + "\",\"knowledgeBase\":\"ai-plan-strict\"}",
                    null);
            assertThat(refused.get("grounded").asBoolean()).as(refused.toString()).isFalse();
            assertThat(refused.get("citations")).isEmpty();
            JsonNode loose = send("PUT", "/api/v1/admin/knowledge-bases/ai-plan-strict", ADMIN,
                    "{\"refusalThreshold\":0.3}").json();
            assertThat(loose.get("refusalThreshold").asDouble()).isEqualTo(0.3);
            assertThat(chat("{\"question\":\"" + PLAN_QUESTION + "\",\"knowledgeBase\":\"ai-plan-strict\"}", null)
                    .get("grounded").asBoolean()).isTrue();
        } finally {
            send("DELETE", "/api/v1/admin/knowledge-bases/ai-plan-strict", ADMIN, null);
        }

        Reply widget = server.get("/api/v1/knowledge-bases/" + PUBLIC_KB);
        assertThat(widget.status()).isEqualTo(200);
        assertThat(widget.json().get("welcome").asText()).isEqualTo(WELCOME);
        assertThat(widget.json().get("suggestedQuestions").get(0).asText()).isEqualTo(PLAN_QUESTION);
    }

    void a_staff_knowledge_base_gives_anonymous_callers_none_of_its_text(String law) {
        Reply named = server.postJson("/api/v1/search",
                "{\"query\":\"" + LAW_QUESTION + "\",\"knowledgeBase\":\"" + STAFF_KB + "\"}");
        assertThat(named.status()).isEqualTo(404);
        assertThat(code(named)).isEqualTo("KNOWLEDGE_BASE_NOT_FOUND");
        assertThat(named.body()).doesNotContain(LAW_TEXT);
        Reply chatNamed = server.postJson("/api/v1/chat",
                "{\"question\":\"" + LAW_QUESTION + "\",\"knowledgeBase\":\"" + STAFF_KB + "\"}");
        assertThat(chatNamed.status()).isEqualTo(404);
        assertThat(code(chatNamed)).isEqualTo("KNOWLEDGE_BASE_NOT_FOUND");
        Reply streamNamed = server.postJson("/api/v1/chat/stream",
                "{\"question\":\"" + LAW_QUESTION + "\",\"knowledgeBase\":\"" + STAFF_KB + "\"}");
        assertThat(streamNamed.status()).isEqualTo(404);
        assertThat(streamNamed.body()).doesNotContain(LAW_TEXT);
        assertThat(server.get("/api/v1/knowledge-bases/" + STAFF_KB).status()).isEqualTo(404);

        JsonNode unscoped = search(LAW_QUESTION, null, null);
        assertThat(unscoped).isNotEmpty();
        assertThat(unscoped.findValuesAsText("documentId")).doesNotContain(law);
        assertThat(unscoped.toString()).doesNotContain(LAW_TEXT);
        JsonNode answer = chat("{\"question\":\"" + LAW_QUESTION + "？\"}", null);
        assertThat(answer.get("citations").findValuesAsText("documentId")).doesNotContain(law);
        assertThat(answer.toString()).doesNotContain(LAW_TEXT);
    }

    void staff_search_and_chat_in_the_staff_knowledge_base(String law) {
        JsonNode hits = search(LAW_QUESTION, STAFF_KB, STAFF);
        assertThat(hits).isNotEmpty();
        assertThat(hits.findValuesAsText("documentId")).containsOnly(law);
        assertThat(hits.toString()).contains(LAW_TEXT);
        assertThat(send("GET", "/api/v1/knowledge-bases/" + STAFF_KB, STAFF, null).status()).isEqualTo(200);

        // a staff conversation cites the law; an anonymous follow-up on the same conversation never carries it
        JsonNode first = chat("{\"question\":\"" + LAW_QUESTION + "？\",\"knowledgeBase\":\"" + STAFF_KB + "\"}", STAFF);
        assertThat(first.get("citations").findValuesAsText("documentId")).contains(law);
        String conversation = first.get("conversationId").asText();
        JsonNode followUp = chat("{\"question\":\"那要收费吗？\",\"conversationId\":\"" + conversation + "\"}", null);
        assertThat(followUp.get("citations").findValuesAsText("documentId")).doesNotContain(law);
        assertThat(followUp.toString()).doesNotContain(LAW_TEXT);

        // a curated answer (常见问题) resting on the law is served to staff in the STAFF knowledge base, not to citizens
        String curatedQuestion = "申请政府信息公开的申请书要写什么？";
        String clauseId = hits.get(0).get("clauseId").asText();
        Reply curated = send("POST", "/api/v1/console/curated", STAFF, "{\"question\":\"" + curatedQuestion
                + "\",\"answer\":\"申请书应当写明申请人的姓名或者名称、身份证明、联系方式等内容[1]。\",\"clauses\":[{\"documentId\":\""
                + law + "\",\"clauseId\":\"" + clauseId + "\"}]}");
        assertThat(curated.status()).as(curated.body()).isEqualTo(201);
        String curatedId = curated.json().get("id").asText();
        try {
            JsonNode staffAnswer = chat("{\"question\":\"" + curatedQuestion + "\",\"knowledgeBase\":\"" + STAFF_KB
                    + "\"}", STAFF);
            assertThat(staffAnswer.get("mode").asText()).isEqualTo("curated");
            JsonNode citizenAnswer = chat("{\"question\":\"" + curatedQuestion + "\"}", null);
            assertThat(citizenAnswer.get("mode").asText()).isNotEqualTo("curated");
            assertThat(citizenAnswer.toString()).doesNotContain(LAW_TEXT).doesNotContain(law);
        } finally {
            send("POST", "/api/v1/console/curated/" + curatedId + "/retire", STAFF, "{}");
        }
    }

    void unknown_knowledge_bases_are_404_with_a_stable_code() {
        for (String path : new String[]{"/api/v1/search", "/api/v1/chat", "/api/v1/chat/stream"}) {
            String field = path.equals("/api/v1/search") ? "query" : "question";
            Reply r = server.postJson(path, "{\"" + field + "\":\"" + PLAN_QUESTION + "\",\"knowledgeBase\":\"no-such-kb\"}");
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(code(r)).as(path).isEqualTo("KNOWLEDGE_BASE_NOT_FOUND");
        }
        assertThat(code(server.get("/api/v1/knowledge-bases/no-such-kb"))).isEqualTo("KNOWLEDGE_BASE_NOT_FOUND");
    }

    void deleting_the_staff_knowledge_base_returns_its_document_to_default(String law) {
        assertThat(send("DELETE", "/api/v1/admin/knowledge-bases/" + STAFF_KB, ADMIN, null).status()).isEqualTo(204);
        assertThat(server.get("/api/v1/documents/" + law).status()).as("the document stays").isEqualTo(200);
        assertThat(search(LAW_QUESTION, null, null).findValuesAsText("documentId")).contains(law);
        assertThat(search(LAW_QUESTION, "default", null).findValuesAsText("documentId")).contains(law);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    JsonNode search(String query, String knowledgeBase, String auth) {
        String body = "{\"query\":\"" + query + "\",\"topK\":10"
                + (knowledgeBase == null ? "" : ",\"knowledgeBase\":\"" + knowledgeBase + "\"") + "}";
        Reply r = send("POST", "/api/v1/search", auth, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("hits");
    }

    JsonNode chat(String body, String auth) {
        Reply r = send("POST", "/api/v1/chat", auth, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    Reply setDocuments(String kb, String... documentIds) {
        List<String> quoted = new ArrayList<>();
        for (String id : documentIds) {
            quoted.add("\"" + id + "\"");
        }
        return send("PUT", "/api/v1/admin/knowledge-bases/" + kb + "/documents", ADMIN,
                "{\"documentIds\":[" + String.join(",", quoted) + "]}");
    }

    Reply send(String method, String path, String auth, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path));
        if (auth != null) {
            request.header("Authorization", auth);
        }
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return server.send(request);
    }

    String documentId(String source) {
        for (JsonNode d : server.get("/api/v1/documents").json().get("documents")) {
            if (d.get("source").asText().equals(source)) {
                return d.get("id").asText();
            }
        }
        throw new AssertionError("no document " + source);
    }

    private static int count(JsonNode list, String id) {
        for (JsonNode kb : list) {
            if (kb.get("id").asText().equals(id)) {
                return kb.get("documentCount").asInt();
            }
        }
        throw new AssertionError("no knowledge base " + id + " in " + list);
    }

    private static String code(Reply r) {
        return r.json().get("error").get("code").asText();
    }
}
