package io.govassist.store;

import io.govassist.ingestion.Clause;

import java.util.Objects;

/**
 * A clause ready for a store: its id, position, the clause itself, the text that is indexed and embedded
 * (clause text with its document title and heading path as context) and its passage embedding.
 */
public record IndexedClause(String id, int ordinal, Clause clause, String indexedText, float[] vector) {

    public IndexedClause {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clause, "clause");
        Objects.requireNonNull(indexedText, "indexedText");
        Objects.requireNonNull(vector, "vector");
        if (ordinal < 0) {
            throw new IllegalArgumentException("ordinal must be >= 0");
        }
    }
}
