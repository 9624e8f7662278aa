package io.govassist.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchApiIT extends DemoServerIT {

    @Test
    void readme_example_finds_the_plans_task_fifteen_first_with_path_label_and_lead_unit() {
        Reply reply = server.postJson("/api/v1/search", "{\"query\":\"政务服务智能化要建设哪些系统\",\"topK\":3}");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode hits = reply.json().get("hits");
        assertThat(hits).hasSize(3);
        JsonNode first = hits.get(0);
        assertThat(first.get("clauseLabel").asText()).isEqualTo("二、（十五）");
        assertThat(first.get("clausePath").get(0).asText()).isEqualTo("二、重点任务");
        assertThat(first.get("clausePath").get(1).asText()).isEqualTo("（十五）人工智能+政务服务");
        assertThat(first.get("documentTitle").asText()).contains("四川省贯彻落实国务院人工智能+行动实施方案");
        assertThat(first.get("source").asText()).isEqualTo("四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt");
        assertThat(first.get("text").asText()).contains("智能客服");
        assertThat(first.get("responsibleUnits").get("lead").get(0).asText()).isEqualTo("省政务服务和资源交易服务中心");
        assertThat(first.get("responsibleUnits").get("cooperating")).isEmpty();
        assertThat(first.get("score").asDouble()).isGreaterThan(0);
        assertThat(reply.json().get("tookMs").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(hits.get(0).get("score").asDouble()).isGreaterThanOrEqualTo(hits.get(1).get("score").asDouble());
    }

    @Test
    void regulation_articles_are_found_with_their_chapter_path_and_source() {
        Reply reply = server.postJson("/api/v1/search", "{\"query\":\"政府信息公开申请应当包括哪些内容\",\"topK\":5}");
        JsonNode hits = reply.json().get("hits");
        List<String> labels = new ArrayList<>();
        for (JsonNode hit : hits) {
            if (hit.get("source").asText().equals("行政法规/政府信息公开条例(2019-04-03).md")) {
                labels.add(hit.get("clauseLabel").asText());
                assertThat(hit.get("clausePath").get(0).asText()).startsWith("第");
            }
        }
        assertThat(labels).contains("第二十九条");
    }

    @Test
    void filter_restricts_hits_to_the_given_documents() {
        JsonNode all = server.postJson("/api/v1/search", "{\"query\":\"人工智能\",\"topK\":20}").json().get("hits");
        String someDocument = all.get(all.size() - 1).get("documentId").asText();
        JsonNode filtered = server.postJson("/api/v1/search",
                "{\"query\":\"人工智能\",\"topK\":5,\"filter\":{\"documentIds\":[\"" + someDocument + "\"]}}").json().get("hits");
        assertThat(filtered).isNotEmpty();
        filtered.forEach(h -> assertThat(h.get("documentId").asText()).isEqualTo(someDocument));
    }

    @Test
    void default_top_k_is_ten() {
        assertThat(server.postJson("/api/v1/search", "{\"query\":\"人工智能\"}").json().get("hits")).hasSize(10);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"query\":\"\"}", "{\"query\":\"   \"}", "{}", "{\"topK\":3}"})
    void empty_query_is_a_400_with_a_chinese_message(String body) {
        assertError(server.postJson("/api/v1/search", body), 400, "EMPTY_QUERY");
    }

    @Test
    void query_over_2000_characters_is_rejected() {
        assertError(server.postJson("/api/v1/search", "{\"query\":\"" + "政".repeat(2001) + "\"}"), 400, "QUERY_TOO_LONG");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 101, 100000})
    void top_k_out_of_range_is_rejected(int topK) {
        assertError(server.postJson("/api/v1/search", "{\"query\":\"政务\",\"topK\":" + topK + "}"), 400, "INVALID_TOP_K");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"query\":", "not json", "{\"query\":\"政务\",\"topK\":\"many\"}", "[1,2]"})
    void malformed_json_is_a_400_not_a_500(String body) {
        assertError(server.postJson("/api/v1/search", body), 400, "MALFORMED_JSON");
    }

    @Test
    void unknown_api_path_is_a_json_404() {
        assertError(server.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        JsonNode error = reply.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).containsPattern("\\p{IsHan}");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.");
    }
}
