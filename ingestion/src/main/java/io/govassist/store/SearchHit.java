package io.govassist.store;

import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.ResponsibleUnits;

import java.util.List;
import java.util.Objects;

/**
 * One clause found by a search, with what a citation needs.
 *
 * @param score      the ranking score: fused RRF score in HYBRID mode, the ranking's own score otherwise
 * @param similarity cosine similarity between the query vector and the clause's vector (comparable across queries,
 *                   used for the relevance threshold), or {@code NaN} for a search without a query vector
 */
public record SearchHit(String clauseId, String documentId, String documentTitle, String docNumber, String source,
                        String clauseLabel, List<String> clausePath, List<String> markers, String text, double score,
                        double similarity, ResponsibleUnits responsibleUnits, DocumentStatus status) {

    public SearchHit {
        Objects.requireNonNull(clauseId, "clauseId");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(documentTitle, "documentTitle");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clauseLabel, "clauseLabel");
        Objects.requireNonNull(text, "text");
        clausePath = List.copyOf(clausePath);
        markers = List.copyOf(markers);
        responsibleUnits = responsibleUnits == null ? ResponsibleUnits.NONE : responsibleUnits;
        status = status == null ? DocumentStatus.NORMAL : status;
    }
}
