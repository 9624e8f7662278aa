package io.govassist.store;

import java.sql.Date;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** A search filter as SQL conditions on {@code store_clause c}. */
record PgVectorFilter(List<String> documentIds, List<String> issuers, Date from, Date to, boolean noDrafts,
                      List<String> excludedDocumentIds) {

    static PgVectorFilter of(ClauseFilter f) {
        return new PgVectorFilter(f.documentIds(), f.issuers(), date(f.dateFrom()), date(f.dateTo()),
                !f.includeDrafts(), f.excludedDocumentIds());
    }

    private static Date date(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return Date.valueOf(LocalDate.parse(iso));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("filter date must be yyyy-MM-dd: " + iso, e);
        }
    }

    void appendTo(PgVectorSql sql) {
        if (!documentIds.isEmpty()) {
            sql.append(" AND c.document_id = ANY(").param(documentIds.toArray(String[]::new)).append(")");
        }
        if (!issuers.isEmpty()) {
            sql.append(" AND c.issuer = ANY(").param(issuers.toArray(String[]::new)).append(")");
        }
        if (from != null) {
            sql.append(" AND c.doc_date >= ").param(from);
        }
        if (to != null) {
            sql.append(" AND c.doc_date <= ").param(to);
        }
        if (noDrafts) {
            sql.append(" AND c.status <> 'DRAFT'");
        }
        if (!excludedDocumentIds.isEmpty()) {
            sql.append(" AND NOT (c.document_id = ANY(").param(excludedDocumentIds.toArray(String[]::new))
                    .append("))");
        }
    }
}
