package io.govassist.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Chat settings (prefix {@code govassist.chat}). {@code ChatPropertiesTest} pins the defaults; the README's
 * configuration reference lists them. The relevance threshold is calibrated on data, see {@code docs/quality.md}.
 *
 * @param maxQuestionLength longest accepted question, in characters
 * @param candidates        clauses retrieved per question before the relevance threshold
 * @param maxClauses        relevant clauses passed on to the answerer (the LLM sees all of them)
 * @param maxCitations      clauses an extractive answer quotes at most
 * @param minRelevance      a clause is relevant when {@code similarity + lexicalWeight × coverage} reaches this;
 *                          below it for every clause, the question is refused. Similarities depend on the embedding
 *                          model: the default is calibrated for the default model (govassist-embed-zh-3; it is
 *                          govassist-embed-zh-2's too); the base model's is 0.60 and govassist-embed-zh-1's 0.66
 *                          ({@code calibrate-refusal})
 * @param lexicalWeight     weight of the lexical evidence: the share of the question's content bigrams found in
 *                          the clause (with its title and headings)
 * @param historyTurns      earlier turns of a conversation used to resolve follow-ups and given to the LLM
 * @param heartbeatInterval interval of SSE heartbeat comments while an answer is being prepared
 * @param streamTimeout     longest time an SSE stream stays open
 */
@ConfigurationProperties("govassist.chat")
public record ChatProperties(@DefaultValue("1000") int maxQuestionLength,
                      @DefaultValue("10") int candidates,
                      @DefaultValue("8") int maxClauses,
                      @DefaultValue("3") int maxCitations,
                      @DefaultValue("0.55") double minRelevance,
                      @DefaultValue("0.2") double lexicalWeight,
                      @DefaultValue("4") int historyTurns,
                      @DefaultValue("10s") Duration heartbeatInterval,
                      @DefaultValue("3m") Duration streamTimeout) {

    public ChatProperties {
        if (maxQuestionLength < 1 || candidates < 1 || maxClauses < 1 || maxCitations < 1 || historyTurns < 0) {
            throw new IllegalArgumentException("govassist.chat sizes must be positive");
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero() || streamTimeout.isNegative()
                || streamTimeout.isZero()) {
            throw new IllegalArgumentException("govassist.chat durations must be positive");
        }
    }
}
