package io.govassist.ingestion;

import java.util.Objects;

/**
 * Document-level metadata recognised in a policy text.
 *
 * @param title     the document title (never blank; falls back to the file name)
 * @param docNumber 文号 such as 国发〔2025〕11号 or 国令第707号, or {@code null}
 * @param issuer    issuing body, or {@code null}
 * @param date      issue or revision date as ISO {@code yyyy-MM-dd}, or {@code null}
 * @param status    draft / trial / provisional / repealed status
 */
public record PolicyMetadata(String title, String docNumber, String issuer, String date, DocumentStatus status) {

    public PolicyMetadata {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank");
        }
        title = title.strip();
        docNumber = blankToNull(docNumber);
        issuer = blankToNull(issuer);
        date = blankToNull(date);
        if (date != null && !date.matches("\\d{4}-\\d{2}-\\d{2}")) {
            throw new IllegalArgumentException("date must be yyyy-MM-dd: " + date);
        }
        status = Objects.requireNonNullElse(status, DocumentStatus.NORMAL);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
