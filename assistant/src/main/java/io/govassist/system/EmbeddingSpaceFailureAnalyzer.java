package io.govassist.system;

import io.govassist.store.EmbeddingSpaceMismatchException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Startup with an index built by another embedding model: the operator sees what happened and the three ways out
 * (the original model, {@code reindex}, a new data directory), not a stack trace.
 */
class EmbeddingSpaceFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddingSpaceMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddingSpaceMismatchException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Configure the embedding model the index was built with (govassist.embedding.*), or run "
                        + "'java -jar govassist.jar reindex' with the new model's settings (same dimension; the server "
                        + "stopped meanwhile), or point govassist.data-dir / spring.datasource.url at a new, empty "
                        + "store and ingest the documents again.", cause);
    }
}
