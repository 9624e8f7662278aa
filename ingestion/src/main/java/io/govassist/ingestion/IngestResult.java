package io.govassist.ingestion;

import java.util.Objects;

/**
 * The outcome of ingesting one file.
 *
 * @param source     the file's source path (relative to its import root) or upload name
 * @param documentId the deterministic document id
 * @param status     what happened
 * @param clauses    number of clauses stored (0 unless INGESTED or UPDATED; the stored count if UNCHANGED)
 * @param errorCode  stable machine code when FAILED, else {@code null}
 * @param message    human-readable reason (Chinese) when FAILED, else {@code null}
 * @param title      the document title, if known
 */
public record IngestResult(String source, String documentId, Status status, int clauses, String errorCode,
                           String message, String title) {

    public enum Status { INGESTED, UPDATED, UNCHANGED, FAILED }

    public IngestResult {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(status, "status");
        if (status == Status.FAILED && (errorCode == null || message == null)) {
            throw new IllegalArgumentException("a failed result needs an error code and a message");
        }
    }

    public static IngestResult failed(String source, String code, String message) {
        return new IngestResult(source, Ids.documentId(source), Status.FAILED, 0, code, message, null);
    }

    public boolean failed() {
        return status == Status.FAILED;
    }
}
