import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load test for a running GovAssist server (run by {@code scripts/load-test}; plain JDK, no dependencies): N
 * concurrent clients send chat questions for a fixed time, each waiting for its answer before asking the next, to
 * {@code /api/v1/chat} (whole JSON answer) or {@code /api/v1/chat/stream} (server-sent events: time to the first
 * event and to the last). Counts status codes, transport errors and timeouts, and {@code error} events of streams;
 * prints latency percentiles, throughput and the load average of the machine during the run.
 *
 * <pre>java scripts/LoadTest.java --url=http://localhost:8080 --questions=train.jsonl [--clients=50]
 *      [--duration=120] [--endpoint=chat|stream] [--timeout=60] [--label=...]</pre>
 */
public final class LoadTest {

    private static final Pattern QUESTION = Pattern.compile("\"question\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern ERROR_CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

    private final String url;
    private final List<String> questions;
    private final int clients;
    private final Duration duration;
    private final boolean stream;
    private final Duration timeout;
    private final HttpClient http;

    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> firstEvents = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private final AtomicInteger grounded = new AtomicInteger();
    private final AtomicLong maxLatency = new AtomicLong();
    private final AtomicLong slowestFailure = new AtomicLong();
    private final AtomicLong firstFailure = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastFailure = new AtomicLong(Long.MIN_VALUE);
    private volatile long runStart;

    private LoadTest(String url, List<String> questions, int clients, Duration duration, boolean stream,
                     Duration timeout) {
        this.url = url.replaceAll("/+$", "");
        this.questions = questions;
        this.clients = clients;
        this.duration = duration;
        this.stream = stream;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                System.err.println("usage: java LoadTest.java --url=http://localhost:8080 --questions=FILE.jsonl "
                        + "[--clients=50] [--duration=120] [--endpoint=chat|stream] [--timeout=60] [--label=TEXT]");
                System.exit(2);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        List<String> questions = readQuestions(Path.of(options.getOrDefault("questions", "")));
        String endpoint = options.getOrDefault("endpoint", "chat");
        if (!endpoint.equals("chat") && !endpoint.equals("stream")) {
            System.err.println("--endpoint must be chat or stream");
            System.exit(2);
        }
        LoadTest test = new LoadTest(options.getOrDefault("url", "http://localhost:8080"), questions,
                Integer.parseInt(options.getOrDefault("clients", "50")),
                Duration.ofSeconds(Long.parseLong(options.getOrDefault("duration", "120"))),
                endpoint.equals("stream"), Duration.ofSeconds(Long.parseLong(options.getOrDefault("timeout", "60"))));
        boolean ok = test.run(options.getOrDefault("label", endpoint));
        System.exit(ok ? 0 : 1);
    }

    static List<String> readQuestions(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            System.err.println("--questions: no such file: " + file);
            System.exit(2);
        }
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = QUESTION.matcher(line);
            if (m.find()) {
                out.add(unescape(m.group(1)));
            }
        }
        if (out.isEmpty()) {
            System.err.println("no \"question\" fields in " + file);
            System.exit(2);
        }
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'u' -> {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    boolean run(String label) throws InterruptedException {
        List<double[]> load = Collections.synchronizedList(new ArrayList<>());
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        runStart = start;
        long deadline = start + duration.toNanos();
        Thread sampler = Thread.ofPlatform().daemon(true).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                load.add(loadAverage());
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(c);
            threads.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                while (System.nanoTime() < deadline) {
                    ask(questions.get(random.nextInt(questions.size())));
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        load.add(loadAverage());
        report(label, startedAt, seconds, load);
        int serverErrors = outcomes.entrySet().stream().filter(e -> e.getKey().startsWith("5"))
                .mapToInt(e -> e.getValue().get()).sum();
        int failures = outcomes.entrySet().stream().filter(e -> !e.getKey().equals("200"))
                .mapToInt(e -> e.getValue().get()).sum();
        return serverErrors == 0 && failures == 0;
    }

    private void ask(String question) {
        String body = "{\"question\":" + json(question) + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + (stream ? "/api/v1/chat/stream" : "/api/v1/chat")))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long t0 = System.nanoTime();
        try {
            if (stream) {
                askStream(request, t0);
            } else {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                long nanos = System.nanoTime() - t0;
                String outcome = Integer.toString(response.statusCode());
                if (response.statusCode() == 200) {
                    record(nanos);
                    if (response.body().contains("\"grounded\":true")) {
                        grounded.incrementAndGet();
                    }
                } else {
                    failed(t0);
                    sample(outcome + " " + abbreviate(response.body()));
                }
                count(outcome);
            }
        } catch (HttpTimeoutException e) {
            failed(t0);
            count("timeout");
            sample("timeout after " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            failed(t0);
            count("connection-refused");
            sample("connect: " + e);
            pause();
        } catch (IOException e) {
            failed(t0);
            count("io-error");
            sample("io: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            failed(t0);
            count("io-error");
            sample("io: " + e.getCause());
        }
    }

    private void askStream(HttpRequest request, long t0) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            String text = String.join("\n", response.body().toList());
            failed(t0);
            count(Integer.toString(response.statusCode()));
            sample(response.statusCode() + " " + abbreviate(text));
            return;
        }
        long first = -1;
        String lastEvent = null;
        String errorData = null;
        boolean inError = false;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.startsWith("event:")) {
                    if (first < 0) {
                        first = System.nanoTime() - t0;
                    }
                    lastEvent = line.substring(6).strip();
                    inError = lastEvent.equals("error");
                } else if (line.startsWith("data:")) {
                    if (inError) {
                        errorData = line.substring(5);
                    } else if ("done".equals(lastEvent) && line.contains("\"grounded\":true")) {
                        grounded.incrementAndGet();
                    }
                }
            }
        }
        long nanos = System.nanoTime() - t0;
        if ("done".equals(lastEvent)) {
            count("200");
            record(nanos);
            firstEvents.add(first);
        } else if ("error".equals(lastEvent)) {
            failed(t0);
            Matcher m = ERROR_CODE.matcher(errorData == null ? "" : errorData);
            String code = m.find() ? m.group(1) : "?";
            count("200+error-event:" + code);
            sample("error event " + abbreviate(errorData));
        } else {
            failed(t0);
            count("200+incomplete-stream");
            sample("stream ended after event " + lastEvent);
        }
    }

    private void record(long nanos) {
        latencies.add(nanos);
        maxLatency.accumulateAndGet(nanos, Math::max);
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A request that got no answer: when (since the start of the run) and how long it took to fail. */
    private void failed(long t0) {
        long now = System.nanoTime();
        slowestFailure.accumulateAndGet(now - t0, Math::max);
        firstFailure.accumulateAndGet(t0 - runStart, Math::min);
        lastFailure.accumulateAndGet(now - runStart, Math::max);
    }

    private void sample(String text) {
        if (samples.size() < 10) {
            samples.add(text);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String one = s.replace('\n', ' ');
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }

    private static double[] loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    private void report(String label, Instant startedAt, double seconds, List<double[]> load) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] first = firstEvents.stream().mapToLong(Long::longValue).sorted().toArray();
        int total = outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
        Map<String, Integer> byOutcome = new TreeMap<>();
        outcomes.forEach((k, v) -> byOutcome.put(k, v.get()));
        double loadMean = load.stream().mapToDouble(l -> l[0]).average().orElse(Double.NaN);
        double loadMax = load.stream().mapToDouble(l -> l[0]).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "%n## %s: %d clients, %s, %.0f s, started %s, %d cores%n%n", label, clients,
                stream ? "POST /api/v1/chat/stream" : "POST /api/v1/chat", seconds, startedAt,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "requests: %d  outcomes: %s  grounded answers: %d%n", total, byOutcome,
                grounded.get());
        System.out.printf(Locale.ROOT, "throughput: %.2f answers/s%n", sorted.length / seconds);
        System.out.printf(Locale.ROOT, "latency (complete answer): p50 %.0f ms  p95 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), maxLatency.get() / 1e6);
        if (stream) {
            System.out.printf(Locale.ROOT, "time to first event: p50 %.0f ms  p95 %.0f ms  p99 %.0f ms  max %.0f ms%n",
                    percentile(first, 50), percentile(first, 95), percentile(first, 99),
                    first.length == 0 ? Double.NaN : first[first.length - 1] / 1e6);
        }
        if (slowestFailure.get() > 0) {
            System.out.printf(Locale.ROOT, "failed requests: from %.1f s to %.1f s into the run; slowest failure took %.0f ms%n",
                    firstFailure.get() / 1e9, lastFailure.get() / 1e9, slowestFailure.get() / 1e6);
        }
        System.out.printf(Locale.ROOT, "load average (1 min) during the run: mean %.1f, max %.1f (sampled every 5 s)%n",
                loadMean, loadMax);
        if (!samples.isEmpty()) {
            System.out.println("first failures:");
            samples.forEach(s -> System.out.println("  " + s));
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.0f s | %d | %s | %.2f/s | %.0f | %.0f | %.0f | %.0f | %s | %.1f / %.1f |%n",
                stream ? "stream" : "chat", clients, seconds, total, byOutcome, sorted.length / seconds,
                percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), maxLatency.get() / 1e6,
                stream ? String.format(Locale.ROOT, "%.0f / %.0f", percentile(first, 50), percentile(first, 95)) : "–",
                loadMean, loadMax);
    }

    private static double percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
