package io.govassist.ingestion;

import java.util.List;

/**
 * A policy document after parsing and clause-aware splitting, before embedding.
 *
 * @param source      path relative to the import root, or the uploaded file name
 * @param contentHash SHA-256 (hex) of the file's bytes, for change detection
 * @param metadata    document metadata
 * @param clauses     clauses in document order
 */
public record ParsedPolicy(String source, String contentHash, PolicyMetadata metadata, List<Clause> clauses) {

    public ParsedPolicy {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        if (contentHash == null || !contentHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("contentHash must be 64 lowercase hex characters");
        }
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("a document needs at least one clause: " + source);
        }
    }

    public String documentId() {
        return Ids.documentId(source);
    }
}
