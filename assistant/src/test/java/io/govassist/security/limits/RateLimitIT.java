package io.govassist.security.limits;

import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-IP limits on a server of its own (the shared demo server turns them off): a burst from one client meets
 * 429 with Retry-After and a Chinese message, other clients (told apart by X-Forwarded-For from the trusted proxy
 * 127.0.0.1) and signed-in staff are not affected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitIT {

    static final int CHATS = 3;
    static final int SEARCHES = 5;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("govassist-ratelimit-it-").toString();
        registry.add("govassist.data-dir", () -> dir);
        registry.add("govassist.demo.enabled", () -> "false");
        registry.add("govassist.admin.password", () -> ServerTestSupport.ADMIN_PASSWORD);
        registry.add("govassist.rate-limit.chat-per-minute", () -> Integer.toString(CHATS));
        registry.add("govassist.rate-limit.search-per-minute", () -> Integer.toString(SEARCHES));
        registry.add("govassist.rate-limit.trusted-proxies", () -> "127.0.0.1");
    }

    @LocalServerPort
    int port;
    ServerTestSupport server;

    @BeforeEach
    void connect() {
        server = new ServerTestSupport(port);
        server.awaitReady(Duration.ofMinutes(3));
    }

    Reply post(String path, String json, String client, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return server.send(request);
    }

    @Test
    void a_chat_burst_from_one_client_meets_429_with_retry_after_and_a_chinese_message() {
        String question = "{\"question\":\"政府信息公开申请的答复期限是多久？\"}";
        for (int i = 0; i < CHATS; i++) {
            Reply ok = post("/api/v1/chat", question, "203.0.113.10", null);
            assertThat(ok.status()).as(ok.body()).isNotIn(429).isLessThan(500);
        }
        Reply limited = post("/api/v1/chat", question, "203.0.113.10", null);
        assertThat(limited.status()).isEqualTo(429);
        long retryAfter = Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 60L);
        assertThat(limited.json().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(limited.json().get("error").get("message").asText()).contains("请求过于频繁");

        Reply stream = post("/api/v1/chat/stream", question, "203.0.113.10", null);
        assertThat(stream.status()).as("the stream shares the chat budget").isEqualTo(429);

        Reply other = post("/api/v1/chat", question, "203.0.113.11", null);
        assertThat(other.status()).as("another client has its own budget").isNotEqualTo(429);

        Reply staff = post("/api/v1/chat", question, "203.0.113.10",
                ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD));
        assertThat(staff.status()).as("signed-in staff are not limited per IP").isNotEqualTo(429);
    }

    @Test
    void searches_have_their_own_larger_budget() {
        String query = "{\"query\":\"政务服务\"}";
        for (int i = 0; i < SEARCHES; i++) {
            Reply ok = post("/api/v1/search", query, "198.51.100.20", null);
            assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        }
        Reply limited = post("/api/v1/search", query, "198.51.100.20", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(post("/api/v1/chat", "{\"question\":\"政务服务\"}", "198.51.100.20", null).status())
                .as("searching does not use up the chat budget").isNotEqualTo(429);
    }

    @Test
    void handoff_tickets_have_a_small_budget_of_their_own() {
        String ticket = "{\"question\":\"我的低保申请审核到哪一步了？\"}";
        for (int i = 0; i < 3; i++) {
            Reply ok = post("/api/v1/chat/handoff", ticket, "198.51.100.30", null);
            assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        }
        Reply limited = post("/api/v1/chat/handoff", ticket, "198.51.100.30", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(post("/api/v1/chat", "{\"question\":\"政务服务\"}", "198.51.100.30", null).status())
                .as("handing off does not use up the chat budget").isNotEqualTo(429);
    }
}
