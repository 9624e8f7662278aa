package io.govassist.search;

import dev.langchain4j.rag.query.transformer.DefaultQueryTransformer;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the retrieval extension points (query transformation). */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    QueryTransformer queryTransformer(SearchQualityProperties quality) {
        SearchQualityProperties.Expansion e = quality.expansion();
        return e.enabled() ? PolicyVocabularyQueryTransformer.load(e.vocabularyPath()) : new DefaultQueryTransformer();
    }
}
