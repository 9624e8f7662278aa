package io.govassist.chat;

import io.govassist.search.LexicalEvidence;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.aggregator.ContentAggregator;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps only clauses relevant enough to answer from, most relevant first, at most {@code maxClauses}.
 *
 * <p>Relevance = cosine similarity of question and clause + {@code lexicalWeight} × the share of the question's
 * content terms found in the clause ({@link LexicalEvidence}); a clause is kept when it reaches
 * {@code minRelevance} (calibrated on in-scope vs off-topic questions, see {@code docs/quality.md}). Fused RRF
 * scores are not used for the decision: they only rank, and are not comparable across questions. Clauses carried
 * over from the previous turn by a follow-up are kept regardless and come first. An empty result means: refuse.
 * A request scoped to a knowledge base with its own refusal threshold ({@link ConversationContext#refusalThreshold()})
 * is decided with that one instead.
 */
class ThresholdContentAggregator implements ContentAggregator {

    private final double minRelevance;
    private final double lexicalWeight;
    private final int maxClauses;

    ThresholdContentAggregator(double minRelevance, double lexicalWeight, int maxClauses) {
        this.minRelevance = minRelevance;
        this.lexicalWeight = lexicalWeight;
        this.maxClauses = maxClauses;
    }

    @Override
    public List<Content> aggregate(Map<Query, Collection<List<Content>>> queryToContents) {
        double threshold = threshold(queryToContents.keySet());
        Map<String, ClauseContent> byClause = new LinkedHashMap<>();
        for (Map.Entry<Query, Collection<List<Content>>> entry : queryToContents.entrySet()) {
            Set<String> terms = LexicalEvidence.terms(entry.getKey().text());
            for (List<Content> contents : entry.getValue()) {
                for (Content content : contents) {
                    if (content instanceof ClauseContent clause) {
                        merge(byClause, clause.carriedOver() ? clause : scored(clause, terms));
                    }
                }
            }
        }
        List<ClauseContent> carried = new ArrayList<>();
        List<ClauseContent> relevant = new ArrayList<>();
        for (ClauseContent c : byClause.values()) {
            if (c.carriedOver()) {
                carried.add(c);
            } else if (c.relevance() >= threshold) {
                relevant.add(c);
            }
        }
        relevant.sort(Comparator.comparingDouble(ClauseContent::relevance).reversed());
        List<Content> out = new ArrayList<>(carried);
        for (ClauseContent c : relevant) {
            if (out.size() >= maxClauses) {
                break;
            }
            out.add(c);
        }
        return out.size() > maxClauses ? out.subList(0, maxClauses) : out;
    }

    /** The request's own threshold (every query of a request carries the same context), else the configured one. */
    private double threshold(Collection<Query> queries) {
        for (Query query : queries) {
            ConversationContext context = ConversationContext.of(query.metadata());
            if (context != null && context.refusalThreshold() != null) {
                return context.refusalThreshold();
            }
        }
        return minRelevance;
    }

    ClauseContent scored(ClauseContent clause, Set<String> terms) {
        return clause.withRelevance(relevance(clause.hit().similarity(),
                LexicalEvidence.coverage(terms, LexicalEvidence.searchableText(clause.hit()))));
    }

    double relevance(double similarity, double coverage) {
        return (Double.isNaN(similarity) ? 0 : similarity) + lexicalWeight * coverage;
    }

    /** One entry per clause: the scored version wins (the higher if both are), carried over if either is. */
    private static void merge(Map<String, ClauseContent> byClause, ClauseContent next) {
        byClause.merge(next.hit().clauseId(), next, (a, b) -> {
            ClauseContent best = Double.isNaN(a.relevance()) ? b
                    : Double.isNaN(b.relevance()) ? a
                    : a.relevance() >= b.relevance() ? a : b;
            return a.carriedOver() || b.carriedOver() ? best.asCarriedOver() : best;
        });
    }
}
