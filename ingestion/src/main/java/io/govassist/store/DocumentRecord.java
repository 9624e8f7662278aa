package io.govassist.store;

import io.govassist.ingestion.PolicyMetadata;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored document's metadata.
 *
 * @param id          deterministic id from the source path
 * @param source      path relative to its import root, or the uploaded file name
 * @param contentHash SHA-256 of the file's bytes
 * @param metadata    title, 文号, issuer, date, status
 * @param clauseCount number of stored clauses (chunks)
 * @param ingestedAt  when this version was stored
 */
public record DocumentRecord(String id, String source, String contentHash, PolicyMetadata metadata, int clauseCount,
                             Instant ingestedAt) {

    public DocumentRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contentHash, "contentHash");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(ingestedAt, "ingestedAt");
        if (clauseCount < 0) {
            throw new IllegalArgumentException("clauseCount must be >= 0");
        }
    }
}
