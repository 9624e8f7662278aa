package io.govassist.chat;

import java.util.List;
import java.util.Objects;

/**
 * An answer before it is labelled and stored: text with markers, the citations they refer to, notices.
 *
 * @param grounded whether the text is answered from the citations (false: a refusal without citations)
 */
public record DraftAnswer(String text, List<Citation> citations, List<String> notices, boolean grounded) {

    public DraftAnswer {
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        notices = List.copyOf(notices);
        if (grounded == citations.isEmpty()) {
            throw new IllegalArgumentException("a grounded answer has citations, a refusal has none");
        }
    }

    DraftAnswer withNotice(String notice) {
        List<String> more = new java.util.ArrayList<>(notices.size() + 1);
        more.add(notice);
        more.addAll(notices);
        return new DraftAnswer(text, citations, more, grounded);
    }
}
