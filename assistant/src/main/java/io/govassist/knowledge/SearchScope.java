package io.govassist.knowledge;

import io.govassist.store.ClauseFilter;

import java.util.Objects;

/**
 * What a request's knowledge base (or its absence) means for answering it: the clauses it may draw on, and the
 * refusal threshold to apply.
 *
 * @param filter           the request's filter restricted to the knowledge base's documents
 * @param refusalThreshold the knowledge base's own refusal threshold, or {@code null} for the global
 *                         {@code govassist.chat.min-relevance}
 */
public record SearchScope(ClauseFilter filter, Double refusalThreshold) {

    /** Every document, the global threshold. */
    public static final SearchScope NONE = new SearchScope(ClauseFilter.NONE, null);

    public SearchScope {
        Objects.requireNonNull(filter, "filter");
        if (refusalThreshold != null && !Double.isFinite(refusalThreshold)) {
            throw new IllegalArgumentException("refusal threshold must be a finite number: " + refusalThreshold);
        }
    }
}
