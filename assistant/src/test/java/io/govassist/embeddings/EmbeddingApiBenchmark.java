package io.govassist.embeddings;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.GovAssistApplication;
import io.govassist.ServerTestSupport;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.models.PoolingMode;
import io.govassist.models.QueryAwareEmbeddingModel;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Load generator for the embedding API — a benchmark, not a test. Starts the server in this JVM on a loopback port
 * (no demo corpus), creates an API key through the admin API, then measures in one run:
 * <ol>
 *   <li>the raw model limit: {@code embedPassages} called directly, without HTTP, with the served model's padded batch
 *       size (calls of 1 and of 64 texts) and with separately loaded models padding 4 and 8 texts per batch — the best
 *       of these is "the machine's limit";</li>
 *   <li>{@code POST /v1/embeddings} with one 128-character Chinese text per request from 1, 8 and 32 concurrent
 *       clients (real HTTP over 127.0.0.1): texts/s and latency percentiles.</li>
 * </ol>
 * Loopback only; every phase is bounded in time and in requests. Arguments: {@code [seconds-per-phase]} (default 20),
 * then any {@code --spring.property=value} for the server (e.g.
 * {@code --govassist.embedding-api.batching.max-texts=1}). See docs/benchmarks.md for the command.
 */
public final class EmbeddingApiBenchmark {

    private static final int TEXT_LENGTH = 128;
    private static final int MAX_REQUESTS_PER_PHASE = 200_000;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 20;
        List<String> springArgs = new ArrayList<>(Arrays.stream(args).filter(a -> a.startsWith("--")).toList());
        Path data = Files.createTempDirectory("govassist-bench-");
        springArgs.addAll(List.of("--server.port=0", "--govassist.data-dir=" + data, "--govassist.demo.enabled=false",
                "--govassist.admin.password=bench-admin", "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
        List<String> texts = texts(2000);
        System.out.printf(Locale.ROOT, "# Embedding API benchmark, %s, %d cores, %s, %d texts of %d characters, %d s per phase%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                texts.size(), TEXT_LENGTH, seconds);
        System.out.println("# server args: " + springArgs);
        System.out.printf(Locale.ROOT, "# load average at start: %.2f%n", loadAverage());

        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(GovAssistApplication.class)
                .run(springArgs.toArray(String[]::new))) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            ServerTestSupport server = new ServerTestSupport(port);
            server.awaitReady(Duration.ofMinutes(2));
            String key = createKey(server);
            QueryAwareEmbeddingModel served = app.getBean(QueryAwareEmbeddingModel.class);
            int servedBatch = app.getEnvironment().getProperty("govassist.embedding.max-batch-size", Integer.class, 1);
            int threads = app.getEnvironment().getProperty("govassist.embedding.threads", Integer.class, 0);

            System.out.println();
            System.out.println("| raw model (no HTTP) | texts/s |");
            System.out.println("| --- | ---: |");
            raw(served, texts, 1, seconds / 2);
            double best = 0;
            best = Math.max(best, report("served model (padded batch " + servedBatch + "), calls of 1 text",
                    raw(served, texts, 1, seconds)));
            best = Math.max(best, report("served model (padded batch " + servedBatch + "), calls of 64 texts",
                    raw(served, texts, 64, seconds)));
            for (int padded : new int[]{4, 8}) {
                try (OnnxBertEmbeddingModel model = OnnxBertEmbeddingModel.load(new EmbeddingModelSettings(null, null,
                        PoolingMode.CLS, null, null, threads, padded))) {
                    raw(model, texts, 64, Math.max(2, seconds / 4));
                    best = Math.max(best, report("padded batch " + padded + ", calls of 64 texts",
                            raw(model, texts, 64, seconds)));
                }
            }
            System.out.printf(Locale.ROOT, "| **limit (best of the above)** | **%.1f** |%n", best);

            System.out.println();
            System.out.println("| clients | requests | texts/s | % of limit | p50 ms | p95 ms | p99 ms | errors |");
            System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            load(http, port, key, texts, 8, Math.max(2, seconds / 4));
            for (int clients : new int[]{1, 8, 32}) {
                Load result = load(http, port, key, texts, clients, seconds);
                System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.0f%% | %.1f | %.1f | %.1f | %d |%n", clients,
                        result.requests(), result.textsPerSecond(), 100 * result.textsPerSecond() / best,
                        result.percentile(0.50), result.percentile(0.95), result.percentile(0.99), result.errors());
            }
            System.out.println();
            System.out.println("# micro-batcher (server side, from /actuator/prometheus):");
            server.get("/actuator/prometheus").body().lines()
                    .filter(l -> l.startsWith("govassist_embeddings_batch_size_texts_count")
                            || l.startsWith("govassist_embeddings_batch_size_texts_sum")
                            || l.startsWith("govassist_embeddings_batch_size_texts_max")
                            || l.startsWith("govassist_embeddings_queue_wait_seconds{"))
                    .forEach(l -> System.out.println("#   " + l));
            System.out.printf(Locale.ROOT, "# load average at end: %.2f%n", loadAverage());
        }
    }

    private static double report(String label, double textsPerSecond) {
        System.out.printf(Locale.ROOT, "| %s | %.1f |%n", label, textsPerSecond);
        return textsPerSecond;
    }

    /** Texts per second of {@code embedPassages} in calls of {@code callSize} texts, one caller. */
    private static double raw(QueryAwareEmbeddingModel model, List<String> texts, int callSize, int seconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        long done = 0;
        int next = 0;
        while (System.nanoTime() < deadline) {
            List<String> call = new ArrayList<>(callSize);
            for (int i = 0; i < callSize; i++) {
                call.add(texts.get(next++ % texts.size()));
            }
            model.embedPassages(call);
            done += callSize;
        }
        return done / ((System.nanoTime() - start) / 1e9);
    }

    private record Load(long requests, long errors, double textsPerSecond, long[] latenciesNanos) {
        double percentile(double p) {
            if (latenciesNanos.length == 0) {
                return Double.NaN;
            }
            return latenciesNanos[(int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1)] / 1e6;
        }
    }

    private static Load load(HttpClient http, int port, String key, List<String> texts, int clients, int seconds)
            throws InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/embeddings");
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicInteger issued = new AtomicInteger();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            threads.add(Thread.ofPlatform().daemon(true).start(() -> {
                while (System.nanoTime() < deadline) {
                    int n = issued.getAndIncrement();
                    if (n >= MAX_REQUESTS_PER_PHASE) {
                        return;
                    }
                    String body = "{\"model\":\"bge-small-zh-v1.5\",\"input\":\"" + texts.get(n % texts.size()) + "\"}";
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + key)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200) {
                            latencies.add(System.nanoTime() - t0);
                            ok.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        return new Load(ok.get() + errors.get(), errors.get(), ok.get() / elapsed, sorted);
    }

    private static String createKey(ServerTestSupport server) throws IOException {
        ServerTestSupport.Reply reply = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/api-keys"))
                .header("Authorization", ServerTestSupport.basicAuth("admin", "bench-admin"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"benchmark\",\"requestsPerMinute\":1000000,\"tokensPerMinute\":1000000000}")));
        if (reply.status() != 201) {
            throw new IllegalStateException("cannot create a key: " + reply.status() + " " + reply.body());
        }
        JsonNode json = reply.json();
        return json.get("key").asText();
    }

    /** Distinct 128-character windows of the bundled demo corpus (whitespace removed), JSON-safe. */
    static List<String> texts(int count) throws IOException {
        StringBuilder all = new StringBuilder();
        for (String file : demoFiles()) {
            try (InputStream in = new ClassPathResource("demo-corpus/" + file).getInputStream()) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                all.append(text.replaceAll("<[^>]*>", "").replaceAll("[\\s\"\\\\#*|\\-]+", ""));
            }
        }
        List<String> texts = new ArrayList<>(count);
        int step = Math.max(1, (all.length() - TEXT_LENGTH) / count);
        for (int i = 0; texts.size() < count && i + TEXT_LENGTH <= all.length(); i += step) {
            texts.add(all.substring(i, i + TEXT_LENGTH));
        }
        return texts;
    }

    private static List<String> demoFiles() throws IOException {
        try (InputStream in = new ClassPathResource("demo-corpus/files.txt").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).collect(Collectors.toList());
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
