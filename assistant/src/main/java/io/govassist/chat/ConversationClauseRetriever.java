package io.govassist.chat;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.search.HybridClauseRetriever;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Clauses for a (resolved) question: the hybrid search hits of {@link HybridClauseRetriever} as
 * {@link ClauseContent}, preceded — for a follow-up — by the clauses the previous turn cited, as long as their documents
 * are still stored.
 */
class ConversationClauseRetriever implements ContentRetriever {

    private final HybridClauseRetriever retriever;
    private final ClauseStore store;
    private final int candidates;

    ConversationClauseRetriever(HybridClauseRetriever retriever, ClauseStore store, int candidates) {
        this.retriever = retriever;
        this.store = store;
        this.candidates = candidates;
    }

    @Override
    public List<Content> retrieve(Query query) {
        List<Content> contents = new ArrayList<>();
        ConversationContext context = ConversationContext.of(query.metadata());
        Resolution resolution = context == null ? null : context.resolution();
        ClauseFilter filter = context == null ? ClauseFilter.NONE : context.filter();
        if (resolution != null) {
            for (Citation carried : resolution.carried()) {
                if (store.findDocument(carried.documentId()).filter(d -> admits(filter, d)).isPresent()) {
                    contents.add(ClauseContent.carried(carried.toHit()));
                }
            }
        }
        retriever.search(query.text(), candidates, filter)
                .forEach(hit -> contents.add(ClauseContent.retrieved(hit)));
        return contents;
    }

    /** Whether a document passes the filter, as the store's search would decide it. */
    static boolean admits(ClauseFilter filter, DocumentRecord document) {
        var m = document.metadata();
        return (filter.documentIds().isEmpty() || filter.documentIds().contains(document.id()))
                && (filter.issuers().isEmpty() || (m.issuer() != null && filter.issuers().contains(m.issuer())))
                && (filter.dateFrom() == null || (m.date() != null && m.date().compareTo(filter.dateFrom()) >= 0))
                && (filter.dateTo() == null || (m.date() != null && m.date().compareTo(filter.dateTo()) <= 0))
                && (filter.includeDrafts() || m.status() != DocumentStatus.DRAFT)
                && !filter.excludedDocumentIds().contains(document.id());
    }
}
