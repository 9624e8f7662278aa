package io.govassist.search;

import dev.langchain4j.rag.query.transformer.DefaultQueryTransformer;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import io.govassist.models.OnnxCrossEncoderScoringModel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the retrieval extension points: query transformation and the optional re-ranker. */
@Configuration(proxyBeanMethods = false)
class SearchConfiguration {

    @Bean
    QueryTransformer queryTransformer(SearchQualityProperties quality) {
        SearchQualityProperties.Expansion e = quality.expansion();
        return e.enabled() ? PolicyVocabularyQueryTransformer.load(e.vocabularyPath()) : new DefaultQueryTransformer();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty("govassist.search.rerank.model-path")
    OnnxCrossEncoderScoringModel reranker(SearchQualityProperties quality) {
        SearchQualityProperties.Rerank r = quality.rerank();
        return OnnxCrossEncoderScoringModel.load(r.modelPath(), r.tokenizerPath(), 0, r.maxTokens());
    }
}
