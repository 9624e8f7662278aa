package io.govassist.eval;

import io.govassist.ingestion.GoldMatcher;

import java.util.List;
import java.util.Objects;

/**
 * One evaluation question with its gold clauses.
 *
 * @param id       the question's id (unique within a set)
 * @param question the question as a user would ask it
 * @param gold     the clauses that answer it (at least one)
 * @param fact     a short text from the gold clause that a correct answer contains (a unit, a number, a date), or
 *                 {@code null}; used by the chat evaluation
 */
public record EvalQuestion(String id, String question, List<Gold> gold, String fact) {

    public EvalQuestion(String id, String question, List<Gold> gold) {
        this(id, question, gold, null);
    }

    public EvalQuestion {
        Objects.requireNonNull(id, "id");
        if (question == null || question.isBlank()) {
            throw new IllegalArgumentException("question " + id + " has no question text");
        }
        gold = List.copyOf(gold);
        if (gold.isEmpty()) {
            throw new IllegalArgumentException("question " + id + " has no gold clause");
        }
        fact = fact == null || fact.isBlank() ? null : fact.strip();
    }

    /**
     * A gold clause: a document's {@code source} and the clause's markers from the top down ({@code ["二、","（十五）"]},
     * {@code ["第二十一条"]}); no markers means any clause of the document.
     */
    public record Gold(String source, List<String> clause) {

        public Gold {
            Objects.requireNonNull(source, "source");
            if (source.isBlank()) {
                throw new IllegalArgumentException("gold source must not be blank");
            }
            clause = List.copyOf(clause);
        }

        public GoldMatcher matcher() {
            return GoldMatcher.of(source, clause);
        }

        /** {@code source#二、（十五）} for reports. */
        @Override
        public String toString() {
            return source + "#" + String.join("", clause);
        }
    }
}
