package io.govassist.search;

import io.govassist.models.OnnxCrossEncoderScoringModel;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

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
 * @param statute        the statute ranking (legal hierarchy prior) of hybrid search
 * @param plainQueryWeight RRF weight of a second dense ranking in hybrid search, by the question embedded as asked
 *                       (without the model's query instruction); 0 turns it off (saves one embedding per search)
 * @param relevanceHead  how many of the first fused hits get a relevance ranking: cosine similarity plus
 *                       {@code relevanceLexicalWeight} × the share of the question's content terms in the clause, its
 *                       title and headings ({@link LexicalEvidence}), the measure the chat's threshold uses
 * @param relevanceLexicalWeight weight of the lexical coverage in that relevance
 * @param relevanceWeight RRF weight of the relevance ranking fused into the head's scores; 0 turns it off
 * @param namedDocumentWeight RRF weight of a ranking within the documents of the kind the question names (这个方案,
 *                       条例, 征求意见稿, 哪部法律: {@link NamedDocuments}); 0 turns it off
 */
@ConfigurationProperties("govassist.search")
public record SearchQualityProperties(@DefaultValue Expansion expansion, @DefaultValue Rerank rerank,
                                      @DefaultValue("true") boolean collapseParts,
                                      @DefaultValue("1.0") double documentWeight,
                                      @DefaultValue Statute statute,
                                      @DefaultValue("0") double plainQueryWeight,
                                      @DefaultValue("0.5") double namedDocumentWeight,
                                      @DefaultValue("20") int relevanceHead,
                                      @DefaultValue("0.3") double relevanceLexicalWeight,
                                      @DefaultValue("2.0") double relevanceWeight) {

    public SearchQualityProperties {
        if (documentWeight < 0) {
            throw new IllegalArgumentException("govassist.search.document-weight must be >= 0: " + documentWeight);
        }
        if (relevanceHead < 0 || relevanceHead > 1000 || relevanceLexicalWeight < 0 || relevanceWeight < 0) {
            throw new IllegalArgumentException("govassist.search.relevance-head must be 0..1000, "
                    + "relevance-lexical-weight and relevance-weight >= 0");
        }
        if (namedDocumentWeight < 0) {
            throw new IllegalArgumentException("govassist.search.named-document-weight must be >= 0: " + namedDocumentWeight);
        }
        if (plainQueryWeight < 0) {
            throw new IllegalArgumentException("govassist.search.plain-query-weight must be >= 0: " + plainQueryWeight);
        }
    }

    /**
     * A ranking of statute clauses only, fused by RRF into hybrid search: the same question searched again within the
     * documents of the top of the legal hierarchy (laws of the National People's Congress and its Standing Committee,
     * 法律). Citizens' questions are answered first by the statute, stated abstractly, while judicial interpretations
     * and regulations worded like the question outrank it; this ranking gives statute clauses a place in the fusion
     * of their own. A document counts as a statute when its issuer is one of {@code issuers} or its title (without a
     * trailing parenthesis) matches {@code titlePattern}.
     *
     * @param weight       RRF weight of the statute ranking; 0 turns it off
     * @param evidenceDepth the weight is scaled by the share of law articles (第X条 clauses) among this many first
     *                     fused hits — the question's own evidence of asking about law — and is 0 for a question that
     *                     names another kind of document (方案, 意见, 通知 …); 0 keeps the weight fixed
     * @param issuers      issuers whose documents are statutes
     * @param titlePattern a regular expression a whole title must match for the document to count as a statute (for
     *                     documents whose issuer was not recognised); empty for none
     * @param candidates   how many statute clauses the ranking holds
     */
    public record Statute(@DefaultValue("1.0") double weight,
                          @DefaultValue({"全国人民代表大会", "全国人民代表大会常务委员会"}) List<String> issuers,
                          @DefaultValue(StatuteDocuments.DEFAULT_TITLE_PATTERN) String titlePattern,
                          @DefaultValue("100") int candidates,
                          @DefaultValue("10") int evidenceDepth) {
        public Statute {
            if (evidenceDepth < 0 || evidenceDepth > 100) {
                throw new IllegalArgumentException("govassist.search.statute.evidence-depth must be 0..100: "
                        + evidenceDepth);
            }
            if (weight < 0) {
                throw new IllegalArgumentException("govassist.search.statute.weight must be >= 0: " + weight);
            }
            if (candidates < 1 || candidates > 1000) {
                throw new IllegalArgumentException("govassist.search.statute.candidates must be 1..1000: " + candidates);
            }
            issuers = issuers == null ? List.of() : List.copyOf(issuers);
            titlePattern = titlePattern == null ? "" : titlePattern;
            try {
                Pattern.compile(titlePattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("govassist.search.statute.title-pattern is not a regular expression: "
                        + e.getDescription());
            }
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
     * @param weight        0: the scoring model's order alone decides the head; above 0: its ranking of the head is
     *                      added to the fused scores by RRF with this weight, so the fused order keeps a say (a
     *                      re-ranker trained on few questions is a strong but noisy signal)
     * @param maxTokens     the ONNX cross-encoder's input length ({@code [CLS] question [SEP] clause [SEP]}, longer
     *                      pairs truncated): the length it was trained on; shorter is faster
     */
    public record Rerank(Path modelPath, Path tokenizerPath, @DefaultValue("50") int candidates,
                         @DefaultValue("0") double weight, @DefaultValue("512") int maxTokens) {
        public Rerank {
            if (candidates < 1 || candidates > 1000) {
                throw new IllegalArgumentException("govassist.search.rerank.candidates must be 1..1000: " + candidates);
            }
            if (weight < 0) {
                throw new IllegalArgumentException("govassist.search.rerank.weight must be >= 0: " + weight);
            }
            if (maxTokens < 16 || maxTokens > OnnxCrossEncoderScoringModel.MAX_TOKENS) {
                throw new IllegalArgumentException("govassist.search.rerank.max-tokens must be 16.."
                        + OnnxCrossEncoderScoringModel.MAX_TOKENS + ": " + maxTokens);
            }
            if (modelPath != null && tokenizerPath == null) {
                throw new IllegalArgumentException("govassist.search.rerank.model-path needs "
                        + "govassist.search.rerank.tokenizer-path (the model's tokenizer.json)");
            }
        }
    }
}
