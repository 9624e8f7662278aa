package io.govassist.chat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import io.govassist.store.SearchHit;

import java.util.Map;
import java.util.Objects;

/**
 * A retrieved clause as LangChain4j {@link Content}, keeping the whole {@link SearchHit} so that later stages
 * (aggregation, injection, answering) can cite it without re-parsing metadata strings.
 *
 * @param relevance   {@code similarity + lexicalWeight × coverage}, set by {@link ThresholdContentAggregator};
 *                    {@code NaN} before, and for clauses carried over from the previous turn
 * @param carriedOver whether the clause was cited in the previous turn that a follow-up question refers to
 */
public record ClauseContent(SearchHit hit, double relevance, boolean carriedOver) implements Content {

    public ClauseContent {
        Objects.requireNonNull(hit, "hit");
    }

    static ClauseContent retrieved(SearchHit hit) {
        return new ClauseContent(hit, Double.NaN, false);
    }

    static ClauseContent carried(SearchHit hit) {
        return new ClauseContent(hit, Double.NaN, true);
    }

    ClauseContent withRelevance(double value) {
        return new ClauseContent(hit, value, carriedOver);
    }

    ClauseContent asCarriedOver() {
        return new ClauseContent(hit, relevance, true);
    }

    @Override
    public TextSegment textSegment() {
        Metadata metadata = new Metadata()
                .put("clause_id", hit.clauseId())
                .put("document_id", hit.documentId())
                .put("document_title", hit.documentTitle())
                .put("source", hit.source())
                .put("clause_label", hit.clauseLabel())
                .put("status", hit.status().name());
        return TextSegment.from(hit.text(), metadata);
    }

    @Override
    public Map<ContentMetadata, Object> metadata() {
        return Double.isNaN(hit.score()) ? Map.of() : Map.of(ContentMetadata.SCORE, hit.score());
    }
}
