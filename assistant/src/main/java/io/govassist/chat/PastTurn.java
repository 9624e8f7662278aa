package io.govassist.chat;

import java.util.List;
import java.util.Objects;

/**
 * An earlier turn of a conversation, as stored.
 *
 * @param question    the question with personal data masked
 * @param searchQuery the standalone query it was resolved to
 * @param answer      the answer text shown
 * @param citations   the cited clauses
 * @param grounded    whether it was answered from clauses (false: refused)
 */
public record PastTurn(String question, String searchQuery, String answer, List<Citation> citations, boolean grounded) {

    public PastTurn {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(searchQuery, "searchQuery");
        Objects.requireNonNull(answer, "answer");
        citations = List.copyOf(citations);
    }
}
