import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends N identical POST requests at once (one virtual thread each) to a local GovAssist and prints the status
 * counts and latency percentiles per status. Usage:
 * {@code java scripts/flood.java http://127.0.0.1:8080/api/v1/search '{"query":"政务服务"}' 400}
 */
public class flood {
    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String body = args[1];
        int n = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> results = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                            .header("Content-Type", "application/json").timeout(Duration.ofMinutes(5))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    return new long[]{r.statusCode(), (System.nanoTime() - t0) / 1_000_000};
                }));
            }
            long t0 = System.nanoTime();
            start.countDown();
            Map<Long, List<Long>> byStatus = new TreeMap<>();
            for (Future<long[]> f : results) {
                long[] r;
                try {
                    r = f.get();
                } catch (Exception e) {
                    r = new long[]{-1, 0};
                }
                byStatus.computeIfAbsent(r[0], k -> new ArrayList<>()).add(r[1]);
            }
            System.out.printf("%d requests in %d ms%n", n, (System.nanoTime() - t0) / 1_000_000);
            byStatus.forEach((status, ms) -> {
                Collections.sort(ms);
                System.out.printf("status %d: %d, latency ms p50 %d p90 %d p99 %d max %d%n", status, ms.size(),
                        ms.get(ms.size() / 2), ms.get(ms.size() * 9 / 10), ms.get(Math.min(ms.size() - 1,
                                ms.size() * 99 / 100)), ms.getLast());
            });
        }
    }
}
