package io.govassist.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport.Reply;
import io.govassist.models.QueryAwareEmbeddingModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

import static io.govassist.embeddings.OpenAiApiClient.assertOpenAiError;
import static io.govassist.embeddings.OpenAiApiClient.cosine;
import static io.govassist.embeddings.OpenAiApiClient.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The OpenAI-compatible API over real HTTP on the demo server, checked against the model it serves. */
class EmbeddingApiIT extends DemoServerIT {

    private static final String TASK = "推进人工智能+政务服务，建设智能客服、智能审批和智能监管系统";

    @Autowired
    QueryAwareEmbeddingModel model;

    private OpenAiApiClient api;
    private String key;

    @BeforeEach
    void key() {
        api = new OpenAiApiClient(server);
        key = api.newKey("测试门户");
    }

    @Test
    void single_input_gets_a_unit_512_dimensional_passage_embedding_with_model_token_usage() {
        Reply reply = api.embed(key, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"" + TASK + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("model").asText()).isEqualTo("govassist-embed-zh-3");
        JsonNode item = body.get("data").get(0);
        assertThat(item.get("object").asText()).isEqualTo("embedding");
        assertThat(item.get("index").asInt()).isZero();
        float[] vector = floats(item.get("embedding"));
        assertThat(vector).hasSize(512);
        assertThat(cosine(vector, vector)).isCloseTo(1.0, within(1e-6));
        assertThat(cosine(vector, model.embedPassages(List.of(TASK)).get(0).vector())).isGreaterThanOrEqualTo(0.9999);
        int tokens = model.countTokens(TASK);
        assertThat(tokens).isGreaterThan(10);
        assertThat(body.get("usage").get("prompt_tokens").asInt()).isEqualTo(tokens);
        assertThat(body.get("usage").get("total_tokens").asInt()).isEqualTo(tokens);
        assertThat(reply.raw().headers().firstValue("x-ratelimit-limit-requests")).hasValue("600");
    }

    @Test
    void a_batch_keeps_input_order_and_sums_usage() {
        List<String> texts = List.of("政府信息公开", "你好", TASK, "行政许可");
        Reply reply = api.embed(key, "{\"model\":\"govassist-embed-zh-3\",\"input\":[\"政府信息公开\",\"你好\",\"" + TASK
                + "\",\"行政许可\"],\"encoding_format\":\"float\",\"user\":\"portal-user-1\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode data = reply.json().get("data");
        assertThat(data).hasSize(4);
        int expectedTokens = 0;
        for (int i = 0; i < texts.size(); i++) {
            assertThat(data.get(i).get("index").asInt()).isEqualTo(i);
            assertThat(cosine(floats(data.get(i).get("embedding")), model.embedPassages(List.of(texts.get(i))).get(0).vector()))
                    .as(texts.get(i)).isGreaterThanOrEqualTo(0.9999);
            expectedTokens += model.countTokens(texts.get(i));
        }
        assertThat(reply.json().get("usage").get("prompt_tokens").asInt()).isEqualTo(expectedTokens);
    }

    @Test
    void query_alias_adds_the_bge_instruction_and_counts_its_tokens() {
        Reply reply = api.embed(key, "{\"model\":\"govassist-embed-zh-3-query\",\"input\":\"政务服务智能化要建设哪些系统\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        float[] query = floats(reply.json().get("data").get(0).get("embedding"));
        assertThat(reply.json().get("model").asText()).isEqualTo("govassist-embed-zh-3-query");
        assertThat(cosine(query, model.embedQuery("政务服务智能化要建设哪些系统").vector())).isGreaterThanOrEqualTo(0.9999);
        assertThat(cosine(query, model.embedPassages(List.of("政务服务智能化要建设哪些系统")).get(0).vector()))
                .as("differs from the passage embedding").isLessThan(0.999);
        assertThat(reply.json().get("usage").get("prompt_tokens").asInt())
                .isEqualTo(model.countTokens(model.queryInstruction() + "政务服务智能化要建设哪些系统"));
    }

    @Test
    void base64_encoding_is_little_endian_float32_of_the_same_vector() {
        String body = "{\"model\":\"govassist-embed-zh-3\",\"input\":[\"" + TASK + "\"],\"encoding_format\":\"%s\"}";
        float[] plain = floats(api.embed(key, body.formatted("float")).json().get("data").get(0).get("embedding"));
        Reply reply = api.embed(key, body.formatted("base64"));
        assertThat(reply.status()).isEqualTo(200);
        byte[] bytes = Base64.getDecoder().decode(reply.json().get("data").get(0).get("embedding").asText());
        assertThat(bytes).hasSize(512 * 4);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (float expected : plain) {
            assertThat(buffer.getFloat()).isEqualTo(expected);
        }
    }

    @Test
    void dimensions_shortens_and_renormalises_like_openai() {
        float[] full = floats(api.embed(key, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"" + TASK + "\"}")
                .json().get("data").get(0).get("embedding"));
        Reply reply = api.embed(key, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"" + TASK + "\",\"dimensions\":64}");
        float[] shortened = floats(reply.json().get("data").get(0).get("embedding"));
        assertThat(shortened).hasSize(64);
        assertThat(cosine(shortened, shortened)).isCloseTo(1.0, within(1e-6));
        double norm = 0;
        for (float x : shortened) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, within(1e-5));
        float[] prefix = java.util.Arrays.copyOf(full, 64);
        assertThat(cosine(shortened, prefix)).isGreaterThanOrEqualTo(0.99999);
    }

    @Test
    void overlong_input_is_refused_unless_truncation_is_asked_for() {
        String longText = "公民、法人或者其他组织可以向地方各级人民政府申请获取相关政府信息。".repeat(20);
        assertThat(model.countTokens(longText)).isGreaterThan(512);
        JsonNode error = assertOpenAiError(api.embed(key, "{\"model\":\"govassist-embed-zh-3\",\"input\":[\"短\",\""
                + longText + "\"]}"), 400, "context_length_exceeded");
        assertThat(error.get("param").asText()).isEqualTo("input");
        assertThat(error.get("message").asText()).contains("input[1]").contains("truncate");

        Reply truncated = api.embed(key, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"" + longText + "\",\"truncate\":true}");
        assertThat(truncated.status()).as(truncated.body()).isEqualTo(200);
        assertThat(truncated.json().get("usage").get("prompt_tokens").asInt()).isEqualTo(512);
        assertThat(cosine(floats(truncated.json().get("data").get(0).get("embedding")),
                model.embedPassages(List.of(longText)).get(0).vector())).isGreaterThanOrEqualTo(0.9999);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"model\":\"govassist-embed-zh-3\",\"input\":|400|invalid_json",
            "[1,2]|400|invalid_json",
            "{\"input\":\"政务\"}|400|missing_required_parameter",
            "{\"model\":\"govassist-embed-zh-3\"}|400|missing_required_parameter",
            "{\"model\":\"text-embedding-3-small\",\"input\":\"政务\"}|404|model_not_found",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":\"\"}|400|invalid_value",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":[]}|400|invalid_value",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":[\"政务\",\"\"]}|400|invalid_value",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":[\"政务\",3]}|400|unsupported_input",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":[[101,102]]}|400|unsupported_input",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":{\"text\":\"政务\"}}|400|invalid_type",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\",\"encoding_format\":\"int8\"}|400|invalid_value",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\",\"dimensions\":0}|400|invalid_value",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\",\"dimensions\":513}|400|invalid_value",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\",\"dimensions\":\"64\"}|400|invalid_value",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\",\"dimensions\":1.5}|400|invalid_value",
            "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\",\"truncate\":\"yes\"}|400|invalid_type",
            "{\"model\":7,\"input\":\"政务\"}|400|invalid_type",
    })
    void invalid_requests_get_openai_shaped_errors(String body, int status, String code) {
        assertOpenAiError(api.embed(key, body), status, code);
    }

    @Test
    void too_many_inputs_or_too_large_a_body_is_413() {
        StringBuilder many = new StringBuilder("{\"model\":\"govassist-embed-zh-3\",\"input\":[");
        for (int i = 0; i < 257; i++) {
            many.append(i == 0 ? "" : ",").append("\"政务").append(i).append('"');
        }
        assertOpenAiError(api.embed(key, many.append("]}").toString()), 413, "too_many_inputs");
        String huge = "{\"model\":\"govassist-embed-zh-3\",\"input\":\"" + "政".repeat(800_000) + "\",\"truncate\":true}";
        assertOpenAiError(api.embed(key, huge), 413, "request_too_large");
    }

    @Test
    void missing_wrong_revoked_or_basic_credentials_get_401() {
        assertOpenAiError(api.embed(null, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\"}"), 401, "missing_api_key");
        assertOpenAiError(api.embed("ga-not-a-real-key", "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\"}"), 401,
                "invalid_api_key");
        assertOpenAiError(api.get(null, "/v1/models"), 401, "missing_api_key");
        Reply basic = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/models"))
                .header("Authorization", OpenAiApiClient.ADMIN).GET());
        assertOpenAiError(basic, 401, "missing_api_key");

        JsonNode created = api.createKey("即将吊销", "");
        String revocable = created.get("key").asText();
        assertThat(api.embed(revocable, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\"}").status()).isEqualTo(200);
        Reply revoke = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/api-keys/"
                + created.get("id").asText())).header("Authorization", OpenAiApiClient.ADMIN).DELETE());
        assertThat(revoke.status()).isEqualTo(204);
        assertOpenAiError(api.embed(revocable, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\"}"), 401, "invalid_api_key");
    }

    @Test
    void unknown_paths_and_wrong_methods_under_v1_use_the_openai_error_shape() {
        assertOpenAiError(api.get(key, "/v1/chat/nothing"), 404, "unknown_url");
        Reply wrongMethod = api.get(key, "/v1/embeddings");
        assertOpenAiError(wrongMethod, 405, "method_not_allowed");
        assertThat(wrongMethod.raw().headers().firstValue("Allow")).hasValue("POST");
        // the rest of the API keeps its own error shape
        assertThat(server.get("/api/v1/nothing-here").json().get("error").get("code").asText()).isEqualTo("NOT_FOUND");
    }

    @Test
    void models_lists_the_served_model_and_its_query_alias() {
        Reply reply = api.get(key, "/v1/models");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("object").asText()).isEqualTo("list");
        assertThat(reply.json().get("data").findValuesAsText("id"))
                .containsExactly("govassist-embed-zh-3", "govassist-embed-zh-3-query", "bge-small-zh-v1.5",
                        "bge-small-zh-v1.5-query");
        JsonNode one = api.get(key, "/v1/models/govassist-embed-zh-3-query").json();
        assertThat(one.get("object").asText()).isEqualTo("model");
        assertThat(one.get("owned_by").asText()).isEqualTo("govassist");
        assertThat(one.get("created").asLong()).isPositive();
        assertOpenAiError(api.get(key, "/v1/models/gpt-4o"), 404, "model_not_found");
    }

    @Test
    void a_flood_gets_429_with_retry_after_and_the_server_stays_healthy() {
        String limited = api.createKey("限流测试", ",\"requestsPerMinute\":3").get("key").asText();
        String body = "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\"}";
        int ok = 0;
        Reply refused = null;
        for (int i = 0; i < 10; i++) {
            Reply reply = api.embed(limited, body);
            if (reply.status() == 200) {
                ok++;
            } else {
                refused = reply;
            }
        }
        assertThat(ok).isEqualTo(3);
        JsonNode error = assertOpenAiError(refused, 429, "rate_limit_exceeded");
        assertThat(error.get("type").asText()).isEqualTo("requests");
        int retryAfter = Integer.parseInt(refused.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1, 20);
        assertThat(refused.raw().headers().firstValue("x-ratelimit-remaining-requests")).hasValue("0");

        assertThat(server.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.embed(key, body).status()).as("other keys are unaffected").isEqualTo(200);
    }

    @Test
    void token_budget_is_enforced_per_key() {
        int tokens = model.countTokens(TASK);
        String limited = api.createKey("词元限额", ",\"tokensPerMinute\":" + (tokens + tokens / 2)).get("key").asText();
        String body = "{\"model\":\"govassist-embed-zh-3\",\"input\":\"" + TASK + "\"}";
        assertThat(api.embed(limited, body).status()).isEqualTo(200);
        Reply refused = api.embed(limited, body);
        JsonNode error = assertOpenAiError(refused, 429, "rate_limit_exceeded");
        assertThat(error.get("type").asText()).isEqualTo("tokens");
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        assertOpenAiError(api.embed(limited, "{\"model\":\"govassist-embed-zh-3\",\"input\":[\"" + TASK + "\",\"" + TASK
                + "\"]}"), 413, "tokens_per_minute_exceeded");
    }

    @Test
    void admin_api_creates_lists_and_revokes_keys_and_never_shows_a_key_again() {
        JsonNode created = api.createKey("绵阳市门户", ",\"requestsPerMinute\":120,\"tokensPerMinute\":50000");
        String plaintext = created.get("key").asText();
        assertThat(plaintext).startsWith("ga-");
        assertThat(created.get("requestsPerMinute").asInt()).isEqualTo(120);
        api.embed(plaintext, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\"}");

        Reply list = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/api-keys"))
                .header("Authorization", OpenAiApiClient.ADMIN).GET());
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).doesNotContain(plaintext);
        JsonNode listed = null;
        for (JsonNode k : list.json().get("keys")) {
            if (k.get("id").asText().equals(created.get("id").asText())) {
                listed = k;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("name").asText()).isEqualTo("绵阳市门户");
        assertThat(listed.get("prefix").asText()).isEqualTo(plaintext.substring(0, 9));
        assertThat(listed.get("tokensPerMinute").asInt()).isEqualTo(50000);
        assertThat(listed.get("lastUsedAt").isNull()).as("last use recorded").isFalse();
        assertThat(listed.get("active").asBoolean()).isTrue();

        HttpRequest.Builder delete = HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/api-keys/"
                + created.get("id").asText())).header("Authorization", OpenAiApiClient.ADMIN).DELETE();
        assertThat(server.send(delete).status()).isEqualTo(204);
        Reply again = server.send(delete);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().get("error").get("code").asText()).isEqualTo("API_KEY_NOT_FOUND");
    }

    @Test
    void admin_api_needs_the_admin_and_validates_input() {
        Reply anonymous = server.postJson("/api/v1/admin/api-keys", "{\"name\":\"x\"}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(server.get("/api/v1/admin/api-keys").status()).isEqualTo(401);
        Reply withApiKey = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/api-keys"))
                .header("Authorization", "Bearer " + key).GET());
        assertThat(withApiKey.status()).as("an API key is no admin credential").isEqualTo(401);

        for (String body : List.of("{}", "{\"name\":\"  \"}", "{\"name\":\"" + "长".repeat(201) + "\"}")) {
            Reply reply = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/api-keys"))
                    .header("Authorization", OpenAiApiClient.ADMIN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(reply.status()).as(body).isEqualTo(400);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("INVALID_KEY_NAME");
        }
        for (String limits : List.of("\"requestsPerMinute\":0", "\"tokensPerMinute\":-5", "\"requestsPerMinute\":10000000")) {
            Reply reply = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/api-keys"))
                    .header("Authorization", OpenAiApiClient.ADMIN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"," + limits + "}")));
            assertThat(reply.status()).as(limits).isEqualTo(400);
            assertThat(reply.json().get("error").get("code").asText()).isEqualTo("INVALID_RATE_LIMIT");
        }
    }

    @Test
    void prometheus_serves_the_embedding_metrics() {
        api.embed(key, "{\"model\":\"govassist-embed-zh-3\",\"input\":[\"政务\",\"服务\"]}");
        api.embed(null, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"政务\"}");
        api.embed(key, "{\"model\":\"govassist-embed-zh-3\",\"input\":\"\"}");
        Reply reply = server.get("/actuator/prometheus");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body())
                .contains("govassist_embeddings_requests_total{model=\"govassist-embed-zh-3\",outcome=\"ok\"}")
                .contains("govassist_embeddings_inputs_total{model=\"govassist-embed-zh-3\"}")
                .contains("govassist_embeddings_tokens_total{model=\"govassist-embed-zh-3\"}")
                .contains("govassist_embeddings_batch_size_texts_bucket")
                .contains("govassist_embeddings_queue_wait_seconds_count")
                .contains("govassist_embeddings_request_latency_seconds{model=\"govassist-embed-zh-3\",quantile=\"0.95\"}")
                .contains("govassist_embeddings_rejections_total{code=\"missing_api_key\"}")
                .contains("govassist_embeddings_rejections_total{code=\"invalid_value\"}")
                .containsPattern("govassist_embeddings_queue_texts [0-9.]+");
    }
}
