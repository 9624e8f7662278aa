package io.govassist.chat;

import java.util.List;
import java.util.Objects;

/**
 * How a question was understood in its conversation.
 *
 * @param searchQuery the standalone query that is retrieved for
 * @param intent      the kind of answer asked for (inherited from the previous turn by a follow-up that does not
 *                    say)
 * @param followUp    whether the question refers to an earlier turn
 * @param carried     clauses of the previous turn a follow-up refers to
 */
public record Resolution(String searchQuery, QuestionIntent intent, boolean followUp, List<Citation> carried) {

    public Resolution {
        Objects.requireNonNull(searchQuery, "searchQuery");
        Objects.requireNonNull(intent, "intent");
        carried = List.copyOf(carried);
    }

    public static Resolution standalone(String question) {
        return new Resolution(question, QuestionIntent.of(question), false, List.of());
    }
}
