package io.govassist.security.limits;

import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversized bodies on the JSON APIs (default cap 64 KB) get 413 {@code REQUEST_TOO_LARGE} in the JSON error shape,
 * whether they declare their length or arrive chunked; the embeddings API keeps its own 2 MB cap in OpenAI's shape.
 * No 500, no stack trace.
 */
class RequestBodyLimitIT extends DemoServerIT {

    private static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    /** A syntactically valid JSON object of about {@code bytes} bytes. */
    private static String bigJson(String field, int bytes) {
        return "{\"" + field + "\":\"" + "政".repeat(bytes / 3) + "\"}";
    }

    private Reply post(String path, String json, String authorization, boolean chunked) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/json")
                .POST(chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request);
    }

    private static void assertTooLarge(Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(413);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("REQUEST_TOO_LARGE");
        assertThat(reply.json().get("error").get("message").asText()).isEqualTo("请求体超过 64 KB 的上限");
        assertThat(reply.body()).doesNotContain("Exception");
    }

    @Test
    void oversized_bodies_with_a_content_length_get_413_on_chat_search_and_admin_apis() {
        assertTooLarge(post("/api/v1/chat", bigJson("question", 200_000), null, false));
        assertTooLarge(post("/api/v1/chat/stream", bigJson("question", 200_000), null, false));
        assertTooLarge(post("/api/v1/search", bigJson("query", 200_000), null, false));
        assertTooLarge(post("/api/v1/admin/api-keys", bigJson("name", 200_000), ADMIN, false));
        assertTooLarge(post("/api/v1/admin/users", bigJson("username", 200_000), ADMIN, false));
    }

    @Test
    void chunked_bodies_are_cut_off_at_the_cap_with_413() {
        assertTooLarge(post("/api/v1/search", bigJson("query", 5_000_000), null, true));
        assertTooLarge(post("/api/v1/chat", bigJson("question", 200_000), null, true));
        assertTooLarge(post("/api/v1/admin/api-keys", bigJson("name", 200_000), ADMIN, true));
    }

    @Test
    void bodies_under_the_cap_are_judged_by_the_api_itself() {
        for (boolean chunked : List.of(false, true)) {
            Reply longQuestion = post("/api/v1/chat", bigJson("question", 30_000), null, chunked);
            assertThat(longQuestion.status()).as(longQuestion.body()).isEqualTo(400);
            assertThat(longQuestion.json().get("error").get("code").asText()).isNotEqualTo("REQUEST_TOO_LARGE");
            Reply search = post("/api/v1/search", "{\"query\":\"政务服务\"}", null, chunked);
            assertThat(search.status()).as(search.body()).isEqualTo(200);
        }
    }

    @Test
    void the_embeddings_api_keeps_its_own_two_megabyte_cap_in_openai_shape() {
        Reply created = post("/api/v1/admin/api-keys", "{\"name\":\"大请求测试\"}", ADMIN, false);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("key").asText();
        Reply big = post("/v1/embeddings", "{\"model\":\"bge-small-zh-v1.5\",\"input\":\"" + "政".repeat(1_000_000)
                + "\"}", "Bearer " + key, false);
        assertThat(big.status()).as(big.body()).isEqualTo(413);
        assertThat(big.json().get("error").get("code").asText()).isEqualTo("request_too_large");
    }
}
