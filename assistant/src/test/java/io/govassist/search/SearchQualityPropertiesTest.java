package io.govassist.search;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SearchQualityPropertiesTest {

    private static SearchQualityProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("govassist.search", SearchQualityProperties.class);
    }

    @Test
    void defaults_are_pinned() {
        SearchQualityProperties p = bind(Map.of());
        assertThat(p.expansion().enabled()).isTrue();
        assertThat(p.expansion().dense()).isFalse();
        assertThat(p.expansion().vocabularyPath()).isNull();
        assertThat(p.rerank().candidates()).isEqualTo(50);
        assertThat(p.collapseParts()).isTrue();
        assertThat(p.documentWeight()).isEqualTo(1.0);
    }

    @Test
    void binds_relaxed_names_and_rejects_an_impossible_rerank_depth() {
        SearchQualityProperties p = bind(Map.of("govassist.search.expansion.enabled", "false",
                "govassist.search.expansion.vocabulary-path", "/etc/govassist/vocabulary.txt",
                "govassist.search.rerank.candidates", "20", "govassist.search.collapse-parts", "false"));
        assertThat(p.expansion().enabled()).isFalse();
        assertThat(p.expansion().vocabularyPath()).isEqualTo(Path.of("/etc/govassist/vocabulary.txt"));
        assertThat(p.rerank().candidates()).isEqualTo(20);
        assertThat(p.collapseParts()).isFalse();
        assertThatThrownBy(() -> bind(Map.of("govassist.search.rerank.candidates", "0"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("govassist.search.document-weight", "-1"))).isInstanceOf(BindException.class);
    }
}
