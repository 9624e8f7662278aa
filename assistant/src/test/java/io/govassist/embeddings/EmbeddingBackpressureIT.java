package io.govassist.embeddings;

import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server whose embedding queue holds one request (2 texts): a burst of concurrent requests gets 503s with
 * {@code Retry-After} for what does not fit, the accepted ones are served, and the server stays healthy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "govassist.demo.enabled=false",
        "govassist.embedding-api.max-inputs-per-request=2",
        "govassist.embedding-api.batching.queue-capacity=2",
        "govassist.admin.password=" + ServerTestSupport.ADMIN_PASSWORD})
class EmbeddingBackpressureIT {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("govassist-backpressure-").toString();
        registry.add("govassist.data-dir", () -> dir);
    }

    @LocalServerPort
    int port;

    @Test
    void a_burst_beyond_the_queue_gets_503_with_retry_after_and_the_rest_is_served() throws Exception {
        ServerTestSupport server = new ServerTestSupport(port);
        server.awaitReady(Duration.ofMinutes(2));
        OpenAiApiClient api = new OpenAiApiClient(server);
        String key = api.newKey("突发流量");
        String text = "公民、法人或者其他组织可以向地方各级人民政府申请获取相关政府信息。".repeat(14);
        String body = "{\"model\":\"bge-small-zh-v1.5\",\"input\":[\"" + text + "\",\"" + text + "\"]}";

        int clients = 12;
        CountDownLatch go = new CountDownLatch(1);
        ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                replies.add(api.embed(key, body));
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join(Duration.ofMinutes(2));
        }

        assertThat(replies).hasSize(clients);
        List<Reply> served = replies.stream().filter(r -> r.status() == 200).toList();
        List<Reply> refused = replies.stream().filter(r -> r.status() != 200).toList();
        assertThat(served).as("at least the first request is served").isNotEmpty();
        assertThat(refused).as("one 2-text request fills the queue; the burst cannot all fit").isNotEmpty();
        for (Reply r : refused) {
            OpenAiApiClient.assertOpenAiError(r, 503, "server_overloaded");
            assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("1");
        }
        served.forEach(r -> assertThat(r.json().get("data")).hasSize(2));

        assertThat(server.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.embed(key, body).status()).as("served again once the burst is over").isEqualTo(200);
        assertThat(server.get("/actuator/prometheus").body())
                .contains("govassist_embeddings_rejections_total{code=\"server_overloaded\"}");
    }
}
