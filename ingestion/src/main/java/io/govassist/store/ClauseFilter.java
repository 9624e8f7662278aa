package io.govassist.store;

import java.util.List;

/**
 * Restricts a search. Every non-empty criterion must hold.
 *
 * @param documentIds   only clauses of these documents (empty: all)
 * @param issuers       only documents by these issuers (empty: all)
 * @param dateFrom      only documents dated on or after (ISO date, inclusive), or {@code null}
 * @param dateTo        only documents dated on or before (ISO date, inclusive), or {@code null}
 * @param includeDrafts whether drafts (征求意见稿) are searched
 * @param excludedDocumentIds never clauses of these documents (empty: none excluded); applied inside the store
 *                            query like {@code documentIds}, e.g. to keep staff-only knowledge bases out of a
 *                            citizen's search
 */
public record ClauseFilter(List<String> documentIds, List<String> issuers, String dateFrom, String dateTo,
                           boolean includeDrafts, List<String> excludedDocumentIds) {

    public static final ClauseFilter NONE = new ClauseFilter(List.of(), List.of(), null, null, true);

    public ClauseFilter {
        documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
        excludedDocumentIds = excludedDocumentIds == null ? List.of() : List.copyOf(excludedDocumentIds);
    }

    /** A filter excluding no document. */
    public ClauseFilter(List<String> documentIds, List<String> issuers, String dateFrom, String dateTo,
                        boolean includeDrafts) {
        this(documentIds, issuers, dateFrom, dateTo, includeDrafts, List.of());
    }

    /** This filter, also excluding {@code documentIds} (added to any already excluded). */
    public ClauseFilter excluding(java.util.Collection<String> documentIds) {
        if (documentIds == null || documentIds.isEmpty()) {
            return this;
        }
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(excludedDocumentIds);
        all.addAll(documentIds);
        return new ClauseFilter(this.documentIds, issuers, dateFrom, dateTo, includeDrafts, List.copyOf(all));
    }

    /** This filter without its exclusions. */
    public ClauseFilter withoutExclusions() {
        return excludedDocumentIds.isEmpty() ? this
                : new ClauseFilter(documentIds, issuers, dateFrom, dateTo, includeDrafts, List.of());
    }

    public static ClauseFilter documents(List<String> documentIds) {
        return new ClauseFilter(documentIds, List.of(), null, null, true);
    }

    public boolean isEmpty() {
        return documentIds.isEmpty() && issuers.isEmpty() && dateFrom == null && dateTo == null && includeDrafts
                && excludedDocumentIds.isEmpty();
    }
}
