package io.govassist.embeddings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Settings of the OpenAI-compatible embedding API (prefix {@code govassist.embedding-api}).
 *
 * @param maxInputsPerRequest texts in one request; more is a 413
 * @param maxTokensPerRequest model tokens summed over a request's inputs (after truncation); more is a 413
 * @param maxRequestSize      request body size; more is a 413
 * @param requestTimeout      longest a request waits for its embeddings (queue + inference) before a 503
 * @param batching            the micro-batcher in front of the model
 */
@ConfigurationProperties("govassist.embedding-api")
public record EmbeddingApiProperties(@DefaultValue("256") int maxInputsPerRequest,
                                     @DefaultValue("32768") int maxTokensPerRequest,
                                     @DefaultValue("2MB") DataSize maxRequestSize,
                                     @DefaultValue("30s") Duration requestTimeout,
                                     @DefaultValue Batching batching) {

    public EmbeddingApiProperties {
        if (maxInputsPerRequest < 1 || maxTokensPerRequest < 1 || maxRequestSize.toBytes() < 1) {
            throw new IllegalArgumentException("embedding API limits must be positive");
        }
        if (batching.queueCapacity() < maxInputsPerRequest) {
            throw new IllegalArgumentException("govassist.embedding-api.batching.queue-capacity ("
                    + batching.queueCapacity() + ") must hold at least one full request (max-inputs-per-request = "
                    + maxInputsPerRequest + ")");
        }
    }

    /**
     * @param maxTexts      most texts grouped into one model call; a larger request is one call on its own
     * @param maxWait       how long a worker waits for more requests after the first before calling the model
     * @param queueCapacity texts waiting or in inference, over all requests; beyond it requests get a 503 at once
     * @param workers       threads taking batches from the queue; 0 = as many as the model runs inferences at once
     *                      (cores / {@code govassist.embedding.threads}, so 1 with the default threads)
     */
    public record Batching(@DefaultValue("64") int maxTexts,
                           @DefaultValue("0ms") Duration maxWait,
                           @DefaultValue("1024") int queueCapacity,
                           @DefaultValue("0") int workers) {

        public Batching {
            if (maxTexts < 1 || queueCapacity < 1 || workers < 0 || maxWait.isNegative()) {
                throw new IllegalArgumentException("batching settings must be positive (max-wait, workers >= 0)");
            }
        }

        /** These settings with {@code workers = 0} resolved for a model running {@code threads} intra-op threads. */
        Batching resolveWorkers(int threads, int cores) {
            if (workers > 0) {
                return this;
            }
            int perInference = threads == 0 ? cores : threads;
            return new Batching(maxTexts, maxWait, queueCapacity, Math.max(1, cores / perInference));
        }
    }
}
