package io.govassist.chat;

import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import io.micrometer.core.instrument.MeterRegistry;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cap on open answer streams: per client IP ({@code max-streams-per-client=2}) and per replica
 * ({@code max-streams=4}). The fake LLM holds streams open by answering slowly; every way a stream can end —
 * completed, failed, timed out, abandoned by the client, refused as a bad request — frees its slot. Also the cap on
 * searches and chat questions in progress ({@code max-concurrent-queries=2}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamCapIT {

    static final FakeOpenAiServer LLM = new FakeOpenAiServer();
    private static final String QUESTION = "{\"question\":\"人工智能+医疗由哪些部门负责？\"}";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GenerativeChatIT.generativeServer(registry, LLM);
        registry.add("govassist.rate-limit.enabled", () -> "true");
        registry.add("govassist.rate-limit.chat-per-minute", () -> "1000");
        registry.add("govassist.rate-limit.trusted-proxies", () -> "127.0.0.1");
        registry.add("govassist.rate-limit.max-streams-per-client", () -> "2");
        registry.add("govassist.rate-limit.max-streams", () -> "4");
        registry.add("govassist.rate-limit.max-concurrent-queries", () -> "2");
        registry.add("govassist.chat.heartbeat-interval", () -> "200ms");
        registry.add("govassist.chat.stream-timeout", () -> "40s");
        registry.add("govassist.llm.timeout", () -> "60s");
    }

    @AfterAll
    static void stopLlm() {
        LLM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private final List<SseClient> clients = new ArrayList<>();

    @BeforeEach
    void ready() {
        new ServerTestSupport(port).awaitReady(Duration.ofMinutes(3));
        LLM.reset();
    }

    @AfterEach
    void hangUp() {
        clients.forEach(SseClient::close);
        awaitNoOpenStreams();
    }

    private static void slowAnswers() {
        LLM.streaming(new FakeOpenAiServer.Stream(new ArrayList<>(Collections.nCopies(200, "片段[1]")), Duration.ZERO,
                Duration.ofMillis(500)));
    }

    private SseClient open(String client) {
        SseClient stream = SseClient.post(port, "/api/v1/chat/stream", QUESTION, "X-Forwarded-For: " + client + "\r\n");
        clients.add(stream);
        return stream;
    }

    /** Opens a stream and waits for its first piece of answer, so that it is surely under way. */
    private SseClient openStarted(String client) {
        SseClient stream = open(client);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next().name()).isEqualTo("delta");
        return stream;
    }

    private double openStreams() {
        return meters.get("govassist.chat.streams.open").gauge().value();
    }

    private void awaitNoOpenStreams() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (openStreams() > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        assertThat(openStreams()).as("open streams").isZero();
    }

    @Test
    void a_third_stream_from_one_client_gets_429_too_many_streams_while_other_clients_are_served() {
        slowAnswers();
        openStarted("192.0.2.10");
        openStarted("192.0.2.10");
        assertThat(openStreams()).isEqualTo(2);

        SseClient third = open("192.0.2.10");
        assertThat(third.status()).isEqualTo(429);
        assertThat(third.contentType()).startsWith("application/json");
        String body = third.body();
        assertThat(body).contains("\"code\":\"TOO_MANY_STREAMS\"").contains("每个客户端最多 2 个");
        assertThat(openStreams()).as("the refused stream holds no slot").isEqualTo(2);

        assertThat(openStarted("192.0.2.11").status()).as("another client is served").isEqualTo(200);
    }

    @Test
    void the_replica_wide_cap_answers_503_server_busy() {
        slowAnswers();
        for (int i = 1; i <= 4; i++) {
            openStarted("198.51.100." + i);
        }
        SseClient fifth = open("198.51.100.5");
        assertThat(fifth.status()).isEqualTo(503);
        assertThat(fifth.body()).contains("\"code\":\"SERVER_BUSY\"").contains("请稍后再试");
    }

    @Test
    void completed_streams_free_their_slots() {
        LLM.streaming(new FakeOpenAiServer.Stream(List.of("牵头单位为省卫生健康委[1]。"), Duration.ZERO, Duration.ZERO));
        for (int i = 0; i < 5; i++) {
            SseClient stream = open("192.0.2.20");
            assertThat(stream.status()).as("stream %d", i).isEqualTo(200);
            assertThat(stream.rest().getLast().name()).isEqualTo("done");
            awaitNoOpenStreams();
        }
    }

    @Test
    void streams_whose_llm_fails_and_rejected_requests_free_their_slots() {
        LLM.streaming(new FakeOpenAiServer.Fail(500));
        for (int i = 0; i < 3; i++) {
            SseClient stream = open("192.0.2.30");
            assertThat(stream.status()).as("stream %d", i).isEqualTo(200);
            assertThat(stream.rest().getLast().name()).isEqualTo("done");
        }
        for (int i = 0; i < 3; i++) {
            SseClient bad = SseClient.post(port, "/api/v1/chat/stream", "{\"question\":\"\"}",
                    "X-Forwarded-For: 192.0.2.30\r\n");
            clients.add(bad);
            assertThat(bad.status()).as("an empty question is a bad request").isEqualTo(400);
        }
        awaitNoOpenStreams();
        slowAnswers();
        openStarted("192.0.2.30");
        openStarted("192.0.2.30");
    }

    @Test
    void a_client_that_hangs_up_frees_its_slots() {
        slowAnswers();
        SseClient first = openStarted("192.0.2.40");
        SseClient second = openStarted("192.0.2.40");
        assertThat(open("192.0.2.40").status()).isEqualTo(429);
        first.close();
        second.close();
        awaitNoOpenStreams();
        openStarted("192.0.2.40");
        openStarted("192.0.2.40");
    }

    @Test
    void streams_that_time_out_free_their_slots() {
        slowAnswers();
        SseClient first = openStarted("192.0.2.50");
        SseClient second = openStarted("192.0.2.50");
        assertThat(open("192.0.2.50").status()).isEqualTo(429);
        // 200 pieces 0.5 s apart take far longer than the 40 s stream timeout: the server ends both streams
        for (SseClient stream : List.of(first, second)) {
            SseClient.Event last = stream.rest().getLast();
            assertThat(last.name()).isEqualTo("error");
            assertThat(last.json().get("error").get("code").asText()).isEqualTo("STREAM_TIMEOUT");
        }
        awaitNoOpenStreams();
        openStarted("192.0.2.50");
    }

    @Test
    void queries_beyond_the_replica_wide_cap_get_an_immediate_503_instead_of_queueing() throws Exception {
        LLM.streaming(new FakeOpenAiServer.Stream(new ArrayList<>(Collections.nCopies(8, "片段[1]")), Duration.ZERO,
                Duration.ofMillis(500)));
        ServerTestSupport server = new ServerTestSupport(port);
        List<CompletableFuture<ServerTestSupport.Reply>> slow = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String client = "192.0.2.6" + i;
            slow.add(CompletableFuture.supplyAsync(() -> server.send(HttpRequest.newBuilder(
                            URI.create(server.base() + "/api/v1/chat")).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", client)
                    .POST(HttpRequest.BodyPublishers.ofString(QUESTION, StandardCharsets.UTF_8)))));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (LLM.exchanges().size() < 2 && System.nanoTime() < deadline) {
            sleep(50);
        }
        assertThat(LLM.exchanges()).as("both questions are with the LLM").hasSize(2);

        ServerTestSupport.Reply busy = server.postJson("/api/v1/search", "{\"query\":\"政务服务\"}");
        assertThat(slow.stream().noneMatch(CompletableFuture::isDone)).as("the slow questions were still running")
                .isTrue();
        assertThat(busy.status()).as(busy.body()).isEqualTo(503);
        assertThat(busy.json().get("error").get("code").asText()).isEqualTo("SERVER_BUSY");
        assertThat(busy.raw().headers().firstValue("Retry-After")).hasValue("1");

        for (CompletableFuture<ServerTestSupport.Reply> f : slow) {
            assertThat(f.get().status()).as(f.get().body()).isEqualTo(200);
        }
        assertThat(server.postJson("/api/v1/search", "{\"query\":\"政务服务\"}").status()).isEqualTo(200);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
