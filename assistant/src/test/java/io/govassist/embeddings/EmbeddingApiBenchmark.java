package io.govassist.embeddings;

import io.govassist.system.DemoCorpus;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.GovAssistApplication;
import io.govassist.ServerTestSupport;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.models.PoolingMode;
import io.govassist.models.QueryAwareEmbeddingModel;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
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
 * The machine is shared, so the configurations are measured interleaved: each round runs every raw configuration and
 * every client count for one slice, and the totals over all rounds are compared — every number sees the same
 * background load. Loopback only; every slice is bounded in time and in requests. Arguments:
 * {@code [slice-seconds (5)] [rounds (6)]}, then any {@code --spring.property=value} for the server (e.g.
 * {@code --govassist.embedding-api.batching.max-texts=1}). See docs/benchmarks.md for the command.
 */
public final class EmbeddingApiBenchmark {

    private static final int TEXT_LENGTH = 128;
    private static final int MAX_REQUESTS_PER_PHASE = 200_000;

    public static void main(String[] args) throws Exception {
        List<String> numbers = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        int slice = numbers.size() > 0 ? Integer.parseInt(numbers.get(0)) : 5;
        int rounds = numbers.size() > 1 ? Integer.parseInt(numbers.get(1)) : 6;
        List<String> springArgs = new ArrayList<>(Arrays.stream(args).filter(a -> a.startsWith("--")).toList());
        Path data = Files.createTempDirectory("govassist-bench-");
        springArgs.addAll(List.of("--server.port=0", "--govassist.data-dir=" + data, "--govassist.demo.enabled=false",
                "--govassist.admin.password=bench-admin", "--logging.level.root=WARN", "--spring.main.banner-mode=off"));
        List<String> texts = texts(2000);
        System.out.printf(Locale.ROOT, "# Embedding API benchmark, %s, %d cores, %s, %d texts of %d characters, "
                        + "%d interleaved rounds of %d s slices per configuration%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                texts.size(), TEXT_LENGTH, rounds, slice);
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

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            List<OnnxBertEmbeddingModel> padded = new ArrayList<>();
            try {
                for (int batch : new int[]{4, 8}) {
                    padded.add(OnnxBertEmbeddingModel.load(new EmbeddingModelSettings(null, null, PoolingMode.CLS,
                            null, null, threads, batch)));
                }
                List<String> rawLabels = List.of(
                        "served model (padded batch " + servedBatch + "), calls of 1 text",
                        "served model (padded batch " + servedBatch + "), calls of 64 texts",
                        "padded batch 4, calls of 64 texts",
                        "padded batch 8, calls of 64 texts");
                List<QueryAwareEmbeddingModel> rawModels = List.of(served, served, padded.get(0), padded.get(1));
                int[] rawCallSizes = {1, 64, 64, 64};
                int[] levels = {1, 8, 32};
                // Warm-up: every configuration once, untimed.
                for (int i = 0; i < rawModels.size(); i++) {
                    raw(rawModels.get(i), texts, rawCallSizes[i], 2);
                }
                load(http, port, key, texts, 8, 3);
                // Interleaved rounds: each configuration gets one slice per round, so all of them see the same
                // background load on this shared machine; totals are summed over the rounds.
                double[] rawTexts = new double[rawModels.size()];
                double[] rawSeconds = new double[rawModels.size()];
                List<List<Load>> loads = new ArrayList<>();
                for (int level : levels) {
                    loads.add(new ArrayList<>());
                }
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < rawModels.size(); i++) {
                        double[] r = raw(rawModels.get(i), texts, rawCallSizes[i], slice);
                        rawTexts[i] += r[0];
                        rawSeconds[i] += r[1];
                    }
                    for (int l = 0; l < levels.length; l++) {
                        loads.get(l).add(load(http, port, key, texts, levels[l], slice));
                    }
                    System.out.printf(Locale.ROOT, "# round %d/%d done, load average %.2f%n", round + 1, rounds,
                            loadAverage());
                }
                System.out.println();
                System.out.println("| raw model (no HTTP) | texts/s |");
                System.out.println("| --- | ---: |");
                double best = 0;
                for (int i = 0; i < rawModels.size(); i++) {
                    double rate = rawTexts[i] / rawSeconds[i];
                    System.out.printf(Locale.ROOT, "| %s | %.1f |%n", rawLabels.get(i), rate);
                    best = Math.max(best, rate);
                }
                System.out.printf(Locale.ROOT, "| **limit (best of the above)** | **%.1f** |%n", best);

                System.out.println();
                System.out.println("| clients | requests | texts/s | % of limit | p50 ms | p95 ms | p99 ms | errors |");
                System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
                for (int l = 0; l < levels.length; l++) {
                    Load total = Load.merge(loads.get(l));
                    System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %.0f%% | %.1f | %.1f | %.1f | %d |%n",
                            levels[l], total.requests(), total.textsPerSecond(), 100 * total.textsPerSecond() / best,
                            total.percentile(0.50), total.percentile(0.95), total.percentile(0.99), total.errors());
                }
            } finally {
                padded.forEach(OnnxBertEmbeddingModel::close);
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

    /** {texts, seconds} of {@code embedPassages} in calls of {@code callSize} texts, one caller, for a time slice. */
    private static double[] raw(QueryAwareEmbeddingModel model, List<String> texts, int callSize, int seconds) {
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
        return new double[]{done, (System.nanoTime() - start) / 1e9};
    }

    private record Load(long requests, long errors, long texts, double seconds, long[] latenciesNanos) {

        static Load merge(List<Load> slices) {
            long[] all = slices.stream().flatMapToLong(l -> Arrays.stream(l.latenciesNanos())).sorted().toArray();
            return new Load(slices.stream().mapToLong(Load::requests).sum(), slices.stream().mapToLong(Load::errors).sum(),
                    slices.stream().mapToLong(Load::texts).sum(), slices.stream().mapToDouble(Load::seconds).sum(), all);
        }

        double textsPerSecond() {
            return texts / seconds;
        }

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
        return new Load(ok.get() + errors.get(), errors.get(), ok.get(), elapsed, sorted);
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
        for (String file : DemoCorpus.files()) {
            String text = new String(DemoCorpus.read(file).orElseThrow(), StandardCharsets.UTF_8);
            all.append(text.replaceAll("<[^>]*>", "").replaceAll("[\\s\"\\\\#*|\\-]+", ""));
        }
        List<String> texts = new ArrayList<>(count);
        int step = Math.max(1, (all.length() - TEXT_LENGTH) / count);
        for (int i = 0; texts.size() < count && i + TEXT_LENGTH <= all.length(); i += step) {
            texts.add(all.substring(i, i + TEXT_LENGTH));
        }
        return texts;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
