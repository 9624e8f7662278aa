package io.govassist.chat;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one question, as returned by {@code POST /api/v1/chat} and in the {@code done} event of the stream.
 *
 * @param conversationId pass it with the next question to continue the conversation
 * @param turnId         this turn, e.g. for feedback
 * @param answer         the answer text; markers {@code [n]} refer to {@code citations[].index}; ends with the
 *                       visible AI-generated-content label
 * @param grounded       false when the loaded documents do not cover the question (the answer says so)
 * @param mode           {@code extractive}, {@code generative} or {@code curated} (written by staff): how the text
 *                       was produced
 * @param citations      exactly the clauses the markers refer to
 * @param notices        e.g. a cited document is a draft, or the LLM failed and the answer is extractive
 * @param aiGenerated    true, except for a curated answer (written by staff; labelled 人工审核 instead)
 * @param redirect       {@code null}, or why the question was answered with guidance instead of documents: the
 *                       asker's own case ({@code CASE_STATUS}) or account ({@code PERSONAL_ACCOUNT}), real-time
 *                       information ({@code REAL_TIME}), a request to act ({@code ACT_FOR_ME}); then
 *                       {@code grounded} is false and there are no citations
 * @param curated        {@code null}, or the id of the curated answer (常见问题, reviewed by staff) given instead of
 *                       retrieval; then {@code mode} is {@code curated} and the answer ends with the 人工审核 label
 */
public record ChatAnswer(String conversationId, String turnId, String answer, boolean grounded, String mode,
                         List<Citation> citations, List<String> notices, boolean aiGenerated, String redirect,
                         String curated) {

    public ChatAnswer(String conversationId, String turnId, String answer, boolean grounded, String mode,
                      List<Citation> citations, List<String> notices, boolean aiGenerated, String redirect) {
        this(conversationId, turnId, answer, grounded, mode, citations, notices, aiGenerated, redirect, null);
    }

    public ChatAnswer {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(mode, "mode");
        citations = List.copyOf(citations);
        notices = List.copyOf(notices);
    }
}
