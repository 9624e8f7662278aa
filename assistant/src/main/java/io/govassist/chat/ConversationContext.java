package io.govassist.chat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.rag.query.Metadata;
import io.govassist.store.ClauseFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The conversation a question belongs to, handed through LangChain4j's retrieval augmentation as an invocation
 * parameter: {@link ConversationQueryTransformer} reads the history and records how it resolved the question, the
 * retriever reads the clauses carried over. One instance per question.
 */
public final class ConversationContext {

    static final String PARAMETER = "govassist.conversation";

    private final String conversationId;
    private final List<PastTurn> history;
    private final ClauseFilter filter;
    private final Double refusalThreshold;
    private volatile Resolution resolution;

    public ConversationContext(String conversationId, List<PastTurn> history) {
        this(conversationId, history, ClauseFilter.NONE, null);
    }

    /**
     * @param filter           the restriction the request puts on the clauses to retrieve
     * @param refusalThreshold the relevance a clause needs to be answered from, or {@code null} for the configured
     *                         {@code govassist.chat.min-relevance} (a knowledge base's own threshold)
     */
    public ConversationContext(String conversationId, List<PastTurn> history, ClauseFilter filter,
                               Double refusalThreshold) {
        this.conversationId = Objects.requireNonNull(conversationId, "conversationId");
        this.history = List.copyOf(history);
        this.filter = Objects.requireNonNull(filter, "filter");
        this.refusalThreshold = refusalThreshold;
    }

    /** The restriction the request put on the clauses to retrieve. */
    ClauseFilter filter() {
        return filter;
    }

    /** The request's own refusal threshold, or {@code null} for the configured one. */
    Double refusalThreshold() {
        return refusalThreshold;
    }

    String conversationId() {
        return conversationId;
    }

    /** Earlier turns, oldest first. */
    List<PastTurn> history() {
        return history;
    }

    /** How the question was resolved; available once the query transformer has run. */
    Resolution resolution() {
        return resolution;
    }

    void resolved(Resolution resolution) {
        this.resolution = Objects.requireNonNull(resolution, "resolution");
    }

    /** The retrieval metadata for {@code question}: chat memory from the history, this context as a parameter. */
    public Metadata metadata(UserMessage question) {
        return Metadata.builder()
                .chatMessage(question)
                .chatMemory(messages(history))
                .invocationContext(InvocationContext.builder()
                        .chatMemoryId(conversationId)
                        .invocationParameters(InvocationParameters.from(PARAMETER, this))
                        .build())
                .build();
    }

    static ConversationContext of(Metadata metadata) {
        if (metadata == null || metadata.invocationContext() == null
                || metadata.invocationParameters() == null) {
            return null;
        }
        Object value = metadata.invocationParameters().get(PARAMETER);
        return value instanceof ConversationContext context ? context : null;
    }

    /**
     * The history as alternating user and assistant messages; answers without their citation markers (they referred
     * to that turn's clauses, not to the ones supplied now) and without the AI label.
     */
    static List<ChatMessage> messages(List<PastTurn> history) {
        List<ChatMessage> messages = new ArrayList<>(history.size() * 2);
        for (PastTurn turn : history) {
            messages.add(UserMessage.from(turn.question()));
            String answer = CitationMarkers.keepValid(turn.answer().replace(AnswerTexts.AI_LABEL, ""), i -> false);
            messages.add(AiMessage.from(answer.strip()));
        }
        return messages;
    }
}
