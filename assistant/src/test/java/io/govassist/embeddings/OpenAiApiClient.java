package io.govassist.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.ServerTestSupport;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Test helper: creates API keys through the admin API and calls {@code /v1/**} with them over real HTTP. */
final class OpenAiApiClient {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    private final ServerTestSupport server;

    OpenAiApiClient(ServerTestSupport server) {
        this.server = server;
    }

    /** Creates a key as the admin; {@code limits} is extra JSON such as {@code ,"requestsPerMinute":3}. */
    JsonNode createKey(String name, String limits) {
        ServerTestSupport.Reply reply = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/api-keys"))
                .header("Authorization", ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"" + limits + "}", StandardCharsets.UTF_8)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    String newKey(String name) {
        return createKey(name, "").get("key").asText();
    }

    ServerTestSupport.Reply embed(String key, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + "/v1/embeddings"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return server.send(request);
    }

    ServerTestSupport.Reply get(String key, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path)).GET();
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return server.send(request);
    }

    /** Asserts OpenAI's error shape with the given status and code. */
    static JsonNode assertOpenAiError(ServerTestSupport.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode error = reply.json().get("error");
        assertThat(error).as(reply.body()).isNotNull();
        assertThat(error.has("message") && error.has("type") && error.has("param") && error.has("code")).as(reply.body()).isTrue();
        assertThat(error.get("code").asText()).isEqualTo(code);
        assertThat(error.get("message").asText()).containsPattern("\\p{IsHan}");
        assertThat(reply.body()).doesNotContain("Exception").doesNotContain("at io.");
        return error;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }
}
