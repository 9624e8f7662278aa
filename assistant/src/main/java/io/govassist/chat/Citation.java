package io.govassist.chat;

import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.store.SearchHit;

import java.util.List;
import java.util.Objects;

/**
 * One cited clause of an answer; {@code [index]} in the answer text refers to it. {@code text} is the stored clause
 * text, unchanged.
 */
public record Citation(int index, String clauseId, String documentId, String documentTitle, String docNumber, String source,
                String clauseLabel, List<String> clausePath, List<String> markers, String text,
                ResponsibleUnits responsibleUnits, DocumentStatus documentStatus) {

    public Citation {
        if (index < 1) {
            throw new IllegalArgumentException("citation index must be >= 1");
        }
        Objects.requireNonNull(clauseId, "clauseId");
        Objects.requireNonNull(documentId, "documentId");
        Objects.requireNonNull(documentTitle, "documentTitle");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(clauseLabel, "clauseLabel");
        Objects.requireNonNull(text, "text");
        clausePath = clausePath == null ? List.of() : List.copyOf(clausePath);
        markers = markers == null ? List.of() : List.copyOf(markers);
        responsibleUnits = responsibleUnits == null ? ResponsibleUnits.NONE : responsibleUnits;
        documentStatus = documentStatus == null ? DocumentStatus.NORMAL : documentStatus;
    }

    static Citation of(int index, SearchHit hit) {
        return new Citation(index, hit.clauseId(), hit.documentId(), hit.documentTitle(), hit.docNumber(), hit.source(),
                hit.clauseLabel(), hit.clausePath(), hit.markers(), hit.text(), hit.responsibleUnits(), hit.status());
    }

    /** The clause as a search hit without scores, for carrying it over to a follow-up question. */
    SearchHit toHit() {
        return new SearchHit(clauseId, documentId, documentTitle, docNumber, source, clauseLabel, clausePath, markers,
                text, Double.NaN, Double.NaN, responsibleUnits, documentStatus);
    }
}
