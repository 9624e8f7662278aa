package io.govassist.store;

import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the BM25 query for a question: one SHOULD clause per distinct term, boosted by its frequency. */
public final class LexicalQueries {

    /**
     * At most this many distinct terms are used (the first ones); keeps long pasted queries far below
     * {@code IndexSearcher.getMaxClauseCount()} and their latency bounded.
     */
    public static final int MAX_QUERY_TERMS = 256;

    private LexicalQueries() {
    }

    /** Distinct terms of {@code tokens} in first-seen order with their counts, at most {@link #MAX_QUERY_TERMS}. */
    public static Map<String, Integer> termCounts(List<String> tokens) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String t : tokens) {
            if (counts.size() >= MAX_QUERY_TERMS && !counts.containsKey(t)) {
                continue;
            }
            counts.merge(t, 1, Integer::sum);
        }
        return counts;
    }

    /** The disjunction over {@code field}, or {@code null} when the text has no terms. */
    public static Query build(String field, List<String> tokens) {
        Map<String, Integer> counts = termCounts(tokens);
        if (counts.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            Query tq = new TermQuery(new Term(field, e.getKey()));
            b.add(e.getValue() > 1 ? new BoostQuery(tq, e.getValue()) : tq, BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }
}
