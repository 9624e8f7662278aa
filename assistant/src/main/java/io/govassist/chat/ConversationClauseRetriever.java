package io.govassist.chat;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.govassist.search.HybridClauseRetriever;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;

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
        if (resolution != null) {
            for (Citation carried : resolution.carried()) {
                if (store.findDocument(carried.documentId()).isPresent()) {
                    contents.add(ClauseContent.carried(carried.toHit()));
                }
            }
        }
        retriever.search(query.text(), candidates, ClauseFilter.NONE)
                .forEach(hit -> contents.add(ClauseContent.retrieved(hit)));
        return contents;
    }
}
