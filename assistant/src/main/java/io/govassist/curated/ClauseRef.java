package io.govassist.curated;

import java.util.Objects;

/**
 * A clause a curated answer rests on: enough to find it in the store ({@code documentId}, {@code clauseId}) and to
 * name it in lists ({@code label}, {@code documentTitle}, as they were when the answer was saved).
 */
public record ClauseRef(String documentId, String clauseId, String label, String documentTitle) {

    public ClauseRef {
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(clauseId, "clauseId");
    }
}
