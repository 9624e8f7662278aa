package io.govassist.chat;

import io.govassist.ServerTestSupport;
import io.govassist.search.HybridClauseRetriever;
import io.govassist.store.ClauseFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark, not a test (not run by {@code scripts/test}): time from sending a streaming chat request to the first
 * {@code delta} event in generative mode, excluding the LLM's own latency — the LLM is the local OpenAI-protocol
 * server, which streams its first piece as soon as it has the request. Reports the server's work before the LLM
 * call (request → LLM request received) and after it (LLM first piece → client's first delta) separately, with the
 * hybrid search alone for the same questions as the baseline of the same run. Run with
 * <pre>./mvnw -B -pl assistant -am verify -Dit.test=ChatStreamBenchmark -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatStreamBenchmark {

    static final FakeOpenAiServer LLM = new FakeOpenAiServer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        GenerativeChatIT.generativeServer(registry, LLM);
    }

    @AfterAll
    static void stop() {
        LLM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    HybridClauseRetriever retriever;

    record Sample(long totalNanos, long beforeLlmNanos, long afterLlmNanos) {
    }

    @Test
    void time_to_first_stream_event_excluding_the_llm() throws IOException, InterruptedException {
        new ServerTestSupport(port).awaitReady(Duration.ofMinutes(3));
        List<String> questions = new ArrayList<>();
        for (String line : new String(new ClassPathResource("chat/in-scope-questions.jsonl").getInputStream()
                .readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList()) {
            questions.add(ServerTestSupport.JSON.readTree(line).get("question").asText());
        }
        LLM.streaming(new FakeOpenAiServer.Stream(List.of("根据条款", "，牵头单位见[1]。"), Duration.ZERO, Duration.ZERO));
        for (int i = 0; i < 10; i++) {
            sample(questions.get(i));
        }
        long[] search = new long[questions.size()];
        for (int i = 0; i < search.length; i++) {
            long t = System.nanoTime();
            retriever.search(questions.get(i), 10, ClauseFilter.NONE);
            search[i] = System.nanoTime() - t;
        }
        Arrays.sort(search);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Machine: %d cores; %s; %d questions%n%n",
                Runtime.getRuntime().availableProcessors(), LocalDate.now(), questions.size()));
        out.append("| what | clients | p50 | p95 |\n| --- | --- | --- | --- |\n");
        out.append(String.format(Locale.ROOT, "| baseline: hybrid search only | 1 | %.1f ms | %.1f ms |%n",
                ms(search, 50), ms(search, 95)));
        for (int clients : new int[]{1, 8}) {
            List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger next = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    for (int i = next.getAndIncrement(); i < questions.size() * 2; i = next.getAndIncrement()) {
                        Sample s = sample(questions.get(i % questions.size()));
                        if (s != null) {
                            samples.add(s);
                        }
                    }
                }));
            }
            for (Thread t : threads) {
                t.join();
            }
            long[] total = samples.stream().mapToLong(Sample::totalNanos).sorted().toArray();
            long[] before = samples.stream().mapToLong(Sample::beforeLlmNanos).sorted().toArray();
            long[] after = samples.stream().mapToLong(Sample::afterLlmNanos).sorted().toArray();
            out.append(String.format(Locale.ROOT, "| first delta event, LLM latency excluded (%d streams) | %d | %.1f ms | %.1f ms |%n",
                    total.length, clients, ms(total, 50), ms(total, 95)));
            out.append(String.format(Locale.ROOT, "| … of which before the LLM call (validation, history, retrieval, prompt) | %d | %.1f ms | %.1f ms |%n",
                    clients, ms(before, 50), ms(before, 95)));
            out.append(String.format(Locale.ROOT, "| … of which relaying the LLM's first piece to the client | %d | %.1f ms | %.1f ms |%n",
                    clients, ms(after, 50), ms(after, 95)));
        }
        System.out.println(out);
    }

    /** One stream; null when the question was refused (no LLM call). */
    private Sample sample(String question) {
        String body;
        try {
            body = ServerTestSupport.JSON.writeValueAsString(Map.of("question", question));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        long start = System.nanoTime();
        try (SseClient stream = SseClient.post(port, "/api/v1/chat/stream", body)) {
            SseClient.Event first = stream.next();
            long firstEvent = System.nanoTime();
            stream.rest();
            if (!"delta".equals(first.name()) || !first.json().get("text").asText().startsWith("根据条款")) {
                return null;
            }
            FakeOpenAiServer.Exchange exchange = LLM.exchanges().stream()
                    .filter(e -> e.streaming() && e.receivedNanos >= start
                            && e.lastUserMessage().contains("用户问题：" + question + "\n"))
                    .findFirst().orElseThrow();
            long llmOwn = exchange.firstPieceNanos - exchange.receivedNanos;
            return new Sample(firstEvent - start - llmOwn, exchange.receivedNanos - start,
                    firstEvent - exchange.firstPieceNanos);
        }
    }

    private static double ms(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
