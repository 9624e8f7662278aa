package io.govassist.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * Retrieval-quality settings of {@link HybridClauseRetriever} (prefix {@code govassist.search}, beside the fusion
 * settings of {@code GovAssistProperties.Search}). {@code SearchQualityPropertiesTest} pins the defaults;
 * {@code docs/quality.md} has the measurements behind them.
 *
 * @param expansion     colloquial → official vocabulary expansion of questions
 * @param rerank        re-ranking of the fused head by a LangChain4j {@code ScoringModel}: a configured ONNX
 *                      cross-encoder, or any {@code ScoringModel} bean
 * @param collapseParts  show one hit per clause: the parts of a long clause (split at sentence ends) after the best
 *                       one are dropped, so they do not crowd other clauses out of the top k
 * @param documentWeight RRF weight of a third ranking in hybrid search: documents ranked by the summed fused scores of
 *                       their clauses among the candidates, so clauses of the document that answers the question as a
 *                       whole move up; 0 turns it off
 */
@ConfigurationProperties("govassist.search")
public record SearchQualityProperties(@DefaultValue Expansion expansion, @DefaultValue Rerank rerank,
                                      @DefaultValue("true") boolean collapseParts,
                                      @DefaultValue("1.0") double documentWeight) {

    public SearchQualityProperties {
        if (documentWeight < 0) {
            throw new IllegalArgumentException("govassist.search.document-weight must be >= 0: " + documentWeight);
        }
    }

    /**
     * @param enabled        expand questions with {@link PolicyVocabularyQueryTransformer}
     * @param dense          also embed the expanded question (otherwise only lexical search sees the added terms)
     * @param vocabularyPath a file of extra rules ({@code colloquial|colloquial = official official}), added to the
     *                       bundled table
     */
    public record Expansion(@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean dense,
                            Path vocabularyPath) {
    }

    /**
     * @param modelPath     a cross-encoder (re-ranker) exported to ONNX; none by default (no re-ranking)
     * @param tokenizerPath its tokenizer.json (required with {@code modelPath})
     * @param candidates    how many fused hits the scoring model re-orders (the rest keep their fused order)
     */
    public record Rerank(Path modelPath, Path tokenizerPath, @DefaultValue("50") int candidates) {
        public Rerank {
            if (candidates < 1 || candidates > 1000) {
                throw new IllegalArgumentException("govassist.search.rerank.candidates must be 1..1000: " + candidates);
            }
            if (modelPath != null && tokenizerPath == null) {
                throw new IllegalArgumentException("govassist.search.rerank.model-path needs "
                        + "govassist.search.rerank.tokenizer-path (the model's tokenizer.json)");
            }
        }
    }
}
