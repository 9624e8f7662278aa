package io.govassist.curated;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A curated question and answer as staff see it.
 *
 * @param clauses      the clauses the answer rests on, cited in this order ({@code [1]} is the first)
 * @param sourceTicket the 转人工 ticket it was made from (its 8-character reference), or {@code null}
 */
record CuratedAnswer(String id, String question, String answer, List<ClauseRef> clauses, Status status,
                     String sourceTicket, String createdBy, Instant createdAt, String updatedBy, Instant updatedAt) {

    enum Status { ACTIVE, RETIRED }

    CuratedAnswer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(status, "status");
        clauses = clauses == null ? List.of() : List.copyOf(clauses);
    }
}
