package io.govassist.store;

import java.util.Objects;

/**
 * Identifies the vector space of a store: the embedding model and its dimension. A store refuses vectors
 * from another space instead of mixing them silently.
 */
public record EmbeddingSpace(String modelId, int dimension) {

    public EmbeddingSpace {
        Objects.requireNonNull(modelId, "modelId");
        if (modelId.isBlank() || dimension < 1) {
            throw new IllegalArgumentException("invalid embedding space " + modelId + "/" + dimension);
        }
    }
}
