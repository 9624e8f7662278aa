package io.govassist.store;

import java.util.Objects;

/**
 * One search against a {@link ClauseStore}.
 *
 * @param text          the query text for lexical matching (the store tokenizes it with its analyzer)
 * @param vector        the query embedding (with the model's query instruction), or {@code null} for LEXICAL mode
 * @param topK          number of hits wanted (1–1000)
 * @param filter        restriction, {@link ClauseFilter#NONE} for none
 * @param mode          which rankings to use
 * @param denseWeight   RRF weight of the dense ranking
 * @param lexicalWeight RRF weight of the lexical ranking
 * @param rrfK          RRF constant k in {@code weight / (k + rank)}
 * @param candidates    how many candidates each ranking contributes before fusion (≥ topK)
 */
public record SearchQuery(String text, float[] vector, int topK, ClauseFilter filter, RetrievalMode mode,
                          double denseWeight, double lexicalWeight, int rrfK, int candidates) {

    public SearchQuery {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(mode, "mode");
        if (topK < 1 || topK > 1000) {
            throw new IllegalArgumentException("topK must be 1..1000: " + topK);
        }
        if (mode != RetrievalMode.LEXICAL && vector == null) {
            throw new IllegalArgumentException(mode + " search needs a query vector");
        }
        filter = filter == null ? ClauseFilter.NONE : filter;
        if (denseWeight < 0 || lexicalWeight < 0 || rrfK < 1) {
            throw new IllegalArgumentException("weights must be >= 0 and rrfK >= 1");
        }
        candidates = Math.max(candidates, topK);
    }

    /** A hybrid query with the default fusion settings. */
    public static SearchQuery hybrid(String text, float[] vector, int topK, ClauseFilter filter) {
        return new SearchQuery(text, vector, topK, filter, RetrievalMode.HYBRID, 1.0, 1.0, 60, Math.max(100, topK));
    }
}
