package io.govassist.ingestion;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Deterministic identifiers: the same source and clause always get the same ids. */
public final class Ids {

    private Ids() {
    }

    /** Document id from its source path (relative to its import root), 16 hex characters. */
    public static String documentId(String source) {
        return sha256(source.replace('\\', '/')).substring(0, 16);
    }

    /**
     * Clause id from document id, clause markers and part, 24 hex characters. {@code occurrence} tells
     * apart clauses whose markers repeat within one document (0 for the first, which is the usual case).
     */
    public static String clauseId(String documentId, List<String> markers, int part, int occurrence) {
        String key = documentId + "|" + String.join("/", markers) + "|" + part + "|" + occurrence;
        return sha256(key).substring(0, 24);
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
