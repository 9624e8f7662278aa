package io.govassist.embeddings;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingApiPropertiesTest {

    private static EmbeddingApiProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("govassist.embedding-api", EmbeddingApiProperties.class);
    }

    @Test
    void defaults_are_pinned() {
        EmbeddingApiProperties p = bind(Map.of());
        assertThat(p.maxInputsPerRequest()).isEqualTo(256);
        assertThat(p.maxTokensPerRequest()).isEqualTo(32768);
        assertThat(p.maxRequestSize()).isEqualTo(DataSize.ofMegabytes(2));
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.batching().maxTexts()).isEqualTo(64);
        assertThat(p.batching().maxWait()).isEqualTo(Duration.ZERO);
        assertThat(p.batching().queueCapacity()).isEqualTo(1024);
        assertThat(p.batching().workers()).isZero();
    }

    @Test
    void automatic_workers_follow_the_models_concurrent_inferences() {
        EmbeddingApiProperties.Batching auto = bind(Map.of()).batching();
        assertThat(auto.resolveWorkers(0, 2).workers()).as("default threads = cores: one inference at a time").isEqualTo(1);
        assertThat(auto.resolveWorkers(1, 2).workers()).isEqualTo(2);
        assertThat(auto.resolveWorkers(2, 8).workers()).isEqualTo(4);
        assertThat(auto.resolveWorkers(4, 2).workers()).isEqualTo(1);
        EmbeddingApiProperties.Batching fixed = bind(Map.of("govassist.embedding-api.batching.workers", "3")).batching();
        assertThat(fixed.resolveWorkers(1, 8).workers()).isEqualTo(3);
    }

    @Test
    void binds_relaxed_names() {
        EmbeddingApiProperties p = bind(Map.of("govassist.embedding-api.batching.max-wait", "3ms",
                "govassist.embedding-api.max-inputs-per-request", "16"));
        assertThat(p.batching().maxWait()).isEqualTo(Duration.ofMillis(3));
        assertThat(p.maxInputsPerRequest()).isEqualTo(16);
    }

    @Test
    void a_queue_smaller_than_one_full_request_is_refused_at_startup() {
        assertThatThrownBy(() -> bind(Map.of("govassist.embedding-api.batching.queue-capacity", "100")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("queue-capacity");
    }
}
