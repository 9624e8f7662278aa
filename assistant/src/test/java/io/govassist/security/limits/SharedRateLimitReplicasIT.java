package io.govassist.security.limits;

import io.govassist.GovAssistApplication;
import io.govassist.PostgresSupport;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas on one PostgreSQL schema ({@code govassist.store=pgvector}): a burst that alternates between them
 * meets 429 after one budget, not two, for the per-IP chat and search limits and for an API key's embeddings.
 * Clients are told apart by {@code X-Forwarded-For} from the trusted proxy 127.0.0.1.
 */
class SharedRateLimitReplicasIT {

    private static final int CHATS = 4;
    private static final int SEARCHES = 6;
    private static final PostgresSupport db = new PostgresSupport();
    private static String url;
    private static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private static ServerTestSupport a;
    private static ServerTestSupport b;

    @BeforeAll
    static void replicas() throws Exception {
        PostgresSupport.requireAvailable();
        url = db.newSchemaUrl("shared_limits_it");
        a = start();
        b = start();
    }

    private static ServerTestSupport start() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GovAssistApplication.class).run(
                "--server.port=0", "--govassist.store=pgvector", "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + PostgresSupport.USER,
                "--spring.datasource.password=" + PostgresSupport.PASSWORD,
                "--govassist.data-dir=" + Files.createTempDirectory("govassist-shared-limits-it-"),
                "--govassist.demo.enabled=false", "--govassist.admin.password=" + ServerTestSupport.ADMIN_PASSWORD,
                "--govassist.rate-limit.chat-per-minute=" + CHATS,
                "--govassist.rate-limit.search-per-minute=" + SEARCHES,
                "--govassist.rate-limit.trusted-proxies=127.0.0.1");
        contexts.add(context);
        ServerTestSupport server = new ServerTestSupport(
                Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        server.awaitReady(Duration.ofMinutes(5));
        return server;
    }

    @AfterAll
    static void stop() {
        contexts.forEach(ConfigurableApplicationContext::close);
        db.dropAll();
    }

    private static Reply post(ServerTestSupport server, String path, String json, String client) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    @Test
    void a_search_burst_alternating_between_replicas_meets_429_after_one_budget() {
        String query = "{\"query\":\"政务服务\"}";
        for (int i = 0; i < SEARCHES; i++) {
            Reply ok = post(i % 2 == 0 ? a : b, "/api/v1/search", query, "203.0.113.70");
            assertThat(ok.status()).as("request %d: %s", i, ok.body()).isEqualTo(200);
        }
        for (ServerTestSupport replica : List.of(a, b)) {
            Reply limited = post(replica, "/api/v1/search", query, "203.0.113.70");
            assertThat(limited.status()).as(limited.body()).isEqualTo(429);
            assertThat(limited.json().get("error").get("code").asText()).isEqualTo("RATE_LIMITED");
            assertThat(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow()))
                    .isBetween(1L, 60L);
        }
        assertThat(post(b, "/api/v1/search", query, "203.0.113.71").status())
                .as("another client has its own budget").isEqualTo(200);
    }

    @Test
    void a_chat_burst_alternating_between_replicas_meets_429_after_one_budget() {
        String question = "{\"question\":\"政府信息公开申请的答复期限是多久？\"}";
        for (int i = 0; i < CHATS; i++) {
            Reply ok = post(i % 2 == 0 ? b : a, "/api/v1/chat", question, "203.0.113.80");
            assertThat(ok.status()).as("request %d: %s", i, ok.body()).isNotEqualTo(429).isLessThan(500);
        }
        assertThat(post(a, "/api/v1/chat", question, "203.0.113.80").status()).isEqualTo(429);
        assertThat(post(b, "/api/v1/chat/stream", question, "203.0.113.80").status())
                .as("the stream shares the chat budget on the other replica too").isEqualTo(429);
    }

    @Test
    void an_api_keys_embedding_budget_is_one_across_replicas() throws SQLException {
        Reply created = a.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/v1/admin/api-keys"))
                .header("Authorization", ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"共享限额\",\"requestsPerMinute\":3}",
                        StandardCharsets.UTF_8)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().get("key").asText();

        for (int i = 0; i < 3; i++) {
            Reply ok = embed(i % 2 == 0 ? a : b, key);
            assertThat(ok.status()).as("request %d: %s", i, ok.body()).isEqualTo(200);
            assertThat(ok.raw().headers().firstValue("x-ratelimit-remaining-requests")).hasValue(
                    Integer.toString(2 - i));
        }
        for (ServerTestSupport replica : List.of(b, a)) {
            Reply limited = embed(replica, key);
            assertThat(limited.status()).as(limited.body()).isEqualTo(429);
            assertThat(limited.json().get("error").get("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        }
        assertThat(count("SELECT count(*) FROM rate_limit_bucket WHERE id LIKE 'key-requests|%'")).isEqualTo(1);
    }

    private static Reply embed(ServerTestSupport server, String key) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/embeddings"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"bge-small-zh-v1.5\",\"input\":\"行政许可\"}",
                        StandardCharsets.UTF_8)));
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, PostgresSupport.USER, PostgresSupport.PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
