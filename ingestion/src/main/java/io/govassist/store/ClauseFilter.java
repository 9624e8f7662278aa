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
 */
public record ClauseFilter(List<String> documentIds, List<String> issuers, String dateFrom, String dateTo,
                           boolean includeDrafts) {

    public static final ClauseFilter NONE = new ClauseFilter(List.of(), List.of(), null, null, true);

    public ClauseFilter {
        documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
        issuers = issuers == null ? List.of() : List.copyOf(issuers);
    }

    public static ClauseFilter documents(List<String> documentIds) {
        return new ClauseFilter(documentIds, List.of(), null, null, true);
    }

    public boolean isEmpty() {
        return documentIds.isEmpty() && issuers.isEmpty() && dateFrom == null && dateTo == null && includeDrafts;
    }
}
