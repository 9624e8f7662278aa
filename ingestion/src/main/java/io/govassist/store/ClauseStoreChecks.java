package io.govassist.store;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The argument checks both stores make before writing or searching, with the same messages. */
final class ClauseStoreChecks {

    private ClauseStoreChecks() {
    }

    /** Every vector has the bound space's dimension and is finite and non-zero; clause ids are distinct. */
    static void checkClauses(DocumentRecord document, List<IndexedClause> clauses, EmbeddingSpace bound) {
        Set<String> ids = new HashSet<>();
        for (IndexedClause c : clauses) {
            if (c.vector().length != bound.dimension()) {
                throw new IllegalArgumentException("clause " + c.id() + " of document " + document.id() + " has a "
                        + c.vector().length + "-dimensional vector but the store's embedding space " + bound.modelId()
                        + " has " + bound.dimension() + " dimensions");
            }
            if (!isFiniteNonZero(c.vector())) {
                throw new IllegalArgumentException("clause " + c.id() + " has a non-finite or zero vector");
            }
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("duplicate clause id " + c.id() + " in document " + document.id());
            }
        }
    }

    private static boolean isFiniteNonZero(float[] v) {
        double norm = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
            norm += x * x;
        }
        return norm > 0;
    }

    /**
     * Whether a store bound to {@code bound} (null: none yet) can answer {@code query}: a query with a dense part
     * needs a bound space, and its vector must have the space's dimension ({@link IllegalArgumentException}).
     */
    static boolean answerable(SearchQuery query, EmbeddingSpace bound) {
        if (query.mode() != RetrievalMode.LEXICAL) {
            float[] vector = query.vector();
            if (bound != null && vector.length != bound.dimension()) {
                throw new IllegalArgumentException("query vector has " + vector.length + " dimensions but the store's "
                        + "embedding space " + bound.modelId() + " has " + bound.dimension());
            }
            return bound != null;
        }
        return true;
    }
}
