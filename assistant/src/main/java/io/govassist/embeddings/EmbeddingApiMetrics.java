package io.govassist.embeddings;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Micrometer meters of the embedding API, served at {@code /actuator/prometheus} as
 * {@code govassist_embeddings_*}: requests (by model and outcome), inputs, tokens, texts per model call, queue wait,
 * request latency, rejections (by code) and the queue's current depth.
 */
final class EmbeddingApiMetrics {

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer queueWait;
    private final Timer inference;

    EmbeddingApiMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("govassist.embeddings.batch.size")
                .description("Texts embedded per model call by the micro-batcher")
                .baseUnit("texts")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        this.queueWait = Timer.builder("govassist.embeddings.queue.wait")
                .description("Time a request waited in the micro-batcher's queue before its model call started")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
        this.inference = Timer.builder("govassist.embeddings.inference")
                .description("Duration of one model call of the micro-batcher")
                .register(registry);
    }

    void queueDepth(Supplier<Number> pendingTexts) {
        Gauge.builder("govassist.embeddings.queue.texts", pendingTexts, s -> s.get().doubleValue())
                .description("Texts queued or in inference in the micro-batchers")
                .strongReference(true)
                .register(registry);
    }

    /** A request that got its embeddings. */
    void served(String model, int inputs, long tokens, Duration latency) {
        Counter.builder("govassist.embeddings.requests").description("Embedding API requests by outcome")
                .tag("model", model).tag("outcome", "ok").register(registry).increment();
        Counter.builder("govassist.embeddings.inputs").description("Texts embedded through the API")
                .tag("model", model).register(registry).increment(inputs);
        Counter.builder("govassist.embeddings.tokens").description("Model tokens embedded through the API")
                .tag("model", model).register(registry).increment(tokens);
        Timer.builder("govassist.embeddings.request.latency")
                .description("Latency of successful embedding requests, from request to response")
                .publishPercentiles(0.5, 0.95, 0.99)
                .tag("model", model).register(registry).record(latency);
    }

    /** A request refused or failed, by its OpenAI error code ({@code rate_limit_exceeded}, {@code server_overloaded}, …). */
    void rejected(String code) {
        Counter.builder("govassist.embeddings.requests").description("Embedding API requests by outcome")
                .tag("model", "none").tag("outcome", "error").register(registry).increment();
        Counter.builder("govassist.embeddings.rejections").description("Refused or failed API requests by error code")
                .tag("code", code == null ? "unknown" : code).register(registry).increment();
    }

    void batch(int texts, Duration duration) {
        batchSize.record(texts);
        inference.record(duration);
    }

    void queued(Duration wait) {
        queueWait.record(wait);
    }
}
