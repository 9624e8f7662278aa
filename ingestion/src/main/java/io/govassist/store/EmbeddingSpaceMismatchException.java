package io.govassist.store;

/** The store was built with another embedding model or dimension than the one configured now. */
public class EmbeddingSpaceMismatchException extends IllegalStateException {

    public EmbeddingSpaceMismatchException(EmbeddingSpace stored, EmbeddingSpace configured) {
        super("The index was built with embedding model '" + stored.modelId() + "' (" + stored.dimension()
                + " dimensions) but the configured model is '" + configured.modelId() + "' (" + configured.dimension()
                + " dimensions). Vectors from different models cannot be mixed: configure the original model, "
                + (stored.dimension() == configured.dimension()
                ? "or re-embed the stored clauses with the configured model (java -jar govassist.jar reindex, same "
                + "settings; resumable), "
                : "")
                + "or use a new, empty data directory / database and re-ingest.");
    }
}
