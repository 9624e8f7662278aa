package io.govassist.embeddings;

import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.models.PoolingMode;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.security.limits.SharedBuckets;
import io.govassist.system.GovAssistProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Wires the OpenAI-compatible embedding API: served models with their micro-batchers, rate limits, metrics, errors. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class EmbeddingApiConfiguration {

    @Bean
    EmbeddingApiMetrics embeddingApiMetrics(MeterRegistry registry) {
        return new EmbeddingApiMetrics(registry);
    }

    /**
     * The application's model; when that is a custom ONNX model, the bundled bge-small-zh-v1.5 as well, so that other
     * portals can always ask for it by name.
     */
    @Bean(destroyMethod = "close")
    ServedEmbeddingModels servedEmbeddingModels(QueryAwareEmbeddingModel model, GovAssistProperties properties,
                                                EmbeddingApiProperties api, EmbeddingApiMetrics metrics) {
        List<QueryAwareEmbeddingModel> models = new ArrayList<>();
        List<AutoCloseable> owned = new ArrayList<>();
        models.add(model);
        if (!model.modelId().equals(EmbeddingModelSettings.BUNDLED_MODEL_ID)) {
            GovAssistProperties.Embedding e = properties.embedding();
            OnnxBertEmbeddingModel bundled = OnnxBertEmbeddingModel.load(new EmbeddingModelSettings(null, null,
                    PoolingMode.CLS, null, null, e.threads(), e.maxBatchSize()));
            models.add(bundled);
            owned.add(bundled);
        }
        EmbeddingApiProperties.Batching batching = api.batching().resolveWorkers(properties.embedding().threads(),
                Runtime.getRuntime().availableProcessors());
        List<ServedEmbeddingModels.Served> served = new ArrayList<>();
        for (QueryAwareEmbeddingModel m : models) {
            served.add(new ServedEmbeddingModels.Served(m, new EmbeddingMicroBatcher(m, batching, metrics)));
        }
        ServedEmbeddingModels result = new ServedEmbeddingModels(served, Instant.now().getEpochSecond(), owned);
        metrics.queueDepth(() -> served.stream().mapToInt(s -> s.batcher().pendingTexts()).sum());
        return result;
    }

    /** Per-key budgets: in this JVM, or in pgvector mode shared by all replicas through PostgreSQL. */
    @Bean
    ApiKeyRateLimiter apiKeyRateLimiter(ObjectProvider<SharedBuckets> shared) {
        SharedBuckets buckets = shared.getIfAvailable();
        return buckets == null ? new Bucket4jApiKeyRateLimiter()
                : new SharedApiKeyRateLimiter(buckets, new Bucket4jApiKeyRateLimiter());
    }

    @Bean
    OpenAiExceptionResolver openAiExceptionResolver(ObjectMapper json, EmbeddingApiMetrics metrics) {
        return new OpenAiExceptionResolver(json, metrics);
    }
}
