package io.govassist.knowledge;

import io.govassist.system.ImportKnowledgeBases;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A knowledge base.
 *
 * @param id                 slug: lower-case letters, digits and '-', 1 to 64 characters, starting with a letter or digit
 * @param name               Chinese display name
 * @param audience           who may search it
 * @param welcome            the widget's welcome text, or {@code null} for the widget's own
 * @param suggestedQuestions the widget's suggested questions (may be empty)
 * @param refusalThreshold   its own refusal threshold, or {@code null} for the global one
 */
public record KnowledgeBase(String id, String name, Audience audience, String welcome, List<String> suggestedQuestions,
                            Double refusalThreshold) {

    /** What a knowledge base id looks like (defined where the import settings, which name one, can see it). */
    public static final Pattern ID = ImportKnowledgeBases.ID;

    /** Who may search a knowledge base. */
    public enum Audience {
        /** Everyone, the widget's citizens included. */
        PUBLIC,
        /** Signed-in staff only (console session or HTTP Basic). */
        STAFF
    }

    public KnowledgeBase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(audience, "audience");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("knowledge base id must match " + ID.pattern() + ": " + id);
        }
        suggestedQuestions = suggestedQuestions == null ? List.of() : List.copyOf(suggestedQuestions);
    }
}
