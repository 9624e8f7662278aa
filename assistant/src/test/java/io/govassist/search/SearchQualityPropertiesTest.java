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
        assertThat(p.rerank().weight()).isEqualTo(0.0);
        assertThat(p.rerank().maxTokens()).isEqualTo(512);
        assertThat(p.collapseParts()).isTrue();
        assertThat(p.documentWeight()).isEqualTo(1.0);
        assertThat(p.statute().weight()).isEqualTo(1.0);
        assertThat(p.statute().issuers()).containsExactly("全国人民代表大会", "全国人民代表大会常务委员会");
        assertThat(p.statute().titlePattern()).isEqualTo(StatuteDocuments.DEFAULT_TITLE_PATTERN);
        assertThat(p.statute().candidates()).isEqualTo(100);
        assertThat(p.plainQueryWeight()).isEqualTo(0.0);
        assertThat(p.statute().evidenceDepth()).isEqualTo(10);
        assertThat(p.namedDocumentWeight()).isEqualTo(0.5);
        assertThat(p.relevanceHead()).isEqualTo(20);
        assertThat(p.relevanceLexicalWeight()).isEqualTo(0.3);
        assertThat(p.relevanceWeight()).isEqualTo(2.0);
    }

    @Test
    void statute_and_plain_query_settings_bind_and_reject_impossible_values() {
        SearchQualityProperties p = bind(Map.of("govassist.search.statute.weight", "0",
                "govassist.search.statute.issuers", "国务院,全国人民代表大会", "govassist.search.statute.title-pattern", "",
                "govassist.search.statute.candidates", "200", "govassist.search.plain-query-weight", "0.5"));
        assertThat(p.statute().weight()).isZero();
        assertThat(p.statute().issuers()).containsExactly("国务院", "全国人民代表大会");
        assertThat(p.statute().titlePattern()).isEmpty();
        assertThat(p.statute().candidates()).isEqualTo(200);
        assertThat(p.plainQueryWeight()).isEqualTo(0.5);
        assertThatThrownBy(() -> bind(Map.of("govassist.search.statute.weight", "-1"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("govassist.search.statute.candidates", "0"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("govassist.search.statute.title-pattern", "法(")))
                .isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("govassist.search.plain-query-weight", "-0.5"))).isInstanceOf(BindException.class);
    }

    @Test
    void binds_relaxed_names_and_rejects_an_impossible_rerank_depth() {
        SearchQualityProperties p = bind(Map.of("govassist.search.expansion.enabled", "false",
                "govassist.search.expansion.vocabulary-path", "/etc/govassist/vocabulary.txt",
                "govassist.search.rerank.candidates", "20", "govassist.search.collapse-parts", "false",
                "govassist.search.rerank.weight", "1.5", "govassist.search.rerank.max-tokens", "320"));
        assertThat(p.expansion().enabled()).isFalse();
        assertThat(p.expansion().vocabularyPath()).isEqualTo(Path.of("/etc/govassist/vocabulary.txt"));
        assertThat(p.rerank().candidates()).isEqualTo(20);
        assertThat(p.rerank().weight()).isEqualTo(1.5);
        assertThat(p.rerank().maxTokens()).isEqualTo(320);
        assertThat(p.collapseParts()).isFalse();
        assertThatThrownBy(() -> bind(Map.of("govassist.search.rerank.candidates", "0"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("govassist.search.rerank.weight", "-1"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("govassist.search.rerank.max-tokens", "1024"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("govassist.search.document-weight", "-1"))).isInstanceOf(BindException.class);
    }
}
