package io.govassist.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The micro-batcher on the real bundled model. */
class EmbeddingMicroBatcherTest {

    private static OnnxBertEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static final List<String> TEXTS = List.of(
            "政务服务",
            "推进人工智能+政务服务，建设智能客服、智能审批和智能监管系统，提升政务服务效能。",
            "行政机关应当及时、准确地公开政府信息。",
            "公民、法人或者其他组织可以向地方各级人民政府申请获取相关政府信息。" .repeat(6),
            "你好",
            "省政务服务和资源交易服务中心牵头，各市（州）人民政府负责。");

    private static double cosine(float[] a, float[] b) {
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

    /** Delegates to the real model; its first call waits until released, so that requests pile up behind it. */
    private static final class GatedModel implements QueryAwareEmbeddingModel {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();

        private void gate() {
            if (calls.getAndIncrement() == 0) {
                started.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public List<Embedding> embedPassages(List<String> passages) {
            gate();
            return model.embedPassages(passages);
        }

        @Override
        public List<Embedding> embedQueries(List<String> queries) {
            gate();
            return model.embedQueries(queries);
        }

        @Override
        public String modelId() {
            return model.modelId();
        }

        @Override
        public Embedding embedQuery(String query) {
            return model.embedQuery(query);
        }

        @Override
        public int countTokens(String text) {
            return model.countTokens(text);
        }

        @Override
        public long[] tokenIds(String text) {
            return model.tokenIds(text);
        }

        @Override
        public int maxTokens() {
            return model.maxTokens();
        }

        @Override
        public String queryInstruction() {
            return model.queryInstruction();
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            return model.embedAll(segments);
        }

        @Override
        public int dimension() {
            return model.dimension();
        }
    }

    private static EmbeddingApiProperties.Batching batching(int maxTexts, int capacity) {
        return new EmbeddingApiProperties.Batching(maxTexts, Duration.ofMillis(2), capacity, 1);
    }

    @Test
    void concurrent_requests_are_grouped_and_batched_vectors_equal_unbatched_ones() throws Exception {
        GatedModel gated = new GatedModel();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EmbeddingMicroBatcher batcher = new EmbeddingMicroBatcher(gated, batching(64, 1024),
                new EmbeddingApiMetrics(registry))) {
            CompletableFuture<List<Embedding>> blocker = batcher.submit(List.of("先行请求"), false);
            assertThat(gated.started.await(30, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<List<Embedding>>> passages = new ArrayList<>();
            List<CompletableFuture<List<Embedding>>> queries = new ArrayList<>();
            for (String text : TEXTS) {
                passages.add(batcher.submit(List.of(text), false));
                queries.add(batcher.submit(List.of(text), true));
            }
            CompletableFuture<List<Embedding>> several = batcher.submit(TEXTS, false);
            assertThat(batcher.pendingTexts()).isEqualTo(1 + 3 * TEXTS.size());
            gated.release.countDown();

            blocker.get(60, TimeUnit.SECONDS);
            for (int i = 0; i < TEXTS.size(); i++) {
                float[] alone = model.embedPassages(List.of(TEXTS.get(i))).get(0).vector();
                float[] aloneQuery = model.embedQuery(TEXTS.get(i)).vector();
                assertThat(cosine(passages.get(i).get(60, TimeUnit.SECONDS).get(0).vector(), alone))
                        .as("passage %d", i).isGreaterThanOrEqualTo(0.9999);
                assertThat(cosine(queries.get(i).get(60, TimeUnit.SECONDS).get(0).vector(), aloneQuery))
                        .as("query %d", i).isGreaterThanOrEqualTo(0.9999);
                assertThat(cosine(several.get(60, TimeUnit.SECONDS).get(i).vector(), alone))
                        .as("multi-input %d", i).isGreaterThanOrEqualTo(0.9999);
            }
            // Everything queued behind the blocker went into one grouped call (passages and queries: two model calls).
            assertThat(gated.calls.get()).isEqualTo(3);
            assertThat(registry.get("govassist.embeddings.batch.size").summary().max()).isEqualTo(3 * TEXTS.size());
            assertThat(batcher.pendingTexts()).isZero();
        }
    }

    @Test
    void a_full_queue_refuses_at_once_and_frees_room_when_requests_finish() throws Exception {
        GatedModel gated = new GatedModel();
        try (EmbeddingMicroBatcher batcher = new EmbeddingMicroBatcher(gated, batching(4, 5),
                new EmbeddingApiMetrics(new SimpleMeterRegistry()))) {
            CompletableFuture<List<Embedding>> first = batcher.submit(List.of("一", "二"), false);
            assertThat(gated.started.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<Embedding>> second = batcher.submit(List.of("三", "四", "五"), false);
            assertThatThrownBy(() -> batcher.submit(List.of("六"), false))
                    .isInstanceOf(EmbeddingMicroBatcher.QueueFullException.class);
            assertThatThrownBy(() -> batcher.submit(List.of("1", "2", "3", "4", "5", "6"), false))
                    .isInstanceOf(EmbeddingMicroBatcher.QueueFullException.class);
            gated.release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS)).hasSize(2);
            assertThat(second.get(60, TimeUnit.SECONDS)).hasSize(3);
            assertThat(batcher.submit(List.of("六"), false).get(60, TimeUnit.SECONDS)).hasSize(1);
            assertThat(batcher.pendingTexts()).isZero();
        }
    }

    @Test
    void a_cancelled_request_is_not_embedded_and_gives_its_room_back() throws Exception {
        GatedModel gated = new GatedModel();
        try (EmbeddingMicroBatcher batcher = new EmbeddingMicroBatcher(gated, batching(1, 4),
                new EmbeddingApiMetrics(new SimpleMeterRegistry()))) {
            CompletableFuture<List<Embedding>> first = batcher.submit(List.of("一"), false);
            assertThat(gated.started.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<Embedding>> abandoned = batcher.submit(List.of("二", "三"), false);
            abandoned.cancel(false);
            assertThat(batcher.pendingTexts()).isEqualTo(1);
            gated.release.countDown();
            first.get(60, TimeUnit.SECONDS);
            batcher.submit(List.of("四"), false).get(60, TimeUnit.SECONDS);
            assertThat(gated.calls.get()).as("the cancelled request never reached the model").isEqualTo(2);
        }
    }
}
