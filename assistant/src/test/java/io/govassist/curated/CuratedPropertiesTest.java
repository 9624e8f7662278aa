package io.govassist.curated;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CuratedPropertiesTest {

    private static CuratedProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("govassist.chat.curated", CuratedProperties.class);
    }

    @Test
    void defaults_are_pinned_as_measured_in_docs_quality() {
        CuratedProperties p = bind(Map.of());
        assertThat(p.enabled()).isTrue();
        assertThat(p.minSimilarity()).isEqualTo(0.965);
        assertThat(p.minOverlap()).isEqualTo(0.50);
    }

    @Test
    void thresholds_must_be_fractions() {
        assertThatThrownBy(() -> bind(Map.of("govassist.chat.curated.min-similarity", "1.5")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("(0, 1]");
    }
}
