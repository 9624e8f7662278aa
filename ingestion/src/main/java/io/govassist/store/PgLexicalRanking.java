package io.govassist.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lexical ranking of {@link PgVectorClauseStore}'s search statement: BM25 over the {@code tsvector} of the
 * clauses, with the document frequencies kept in {@code store_term}, scored as Lucene scores.
 */
final class PgLexicalRanking {

    /** BM25 parameters of the lexical ranking (Lucene's defaults). */
    private static final double BM25_K1 = 1.2;
    private static final double BM25_B = 0.75;
    /**
     * The lexical candidates are gathered by BM25 with binary term frequency (from the GIN posting lists alone), this
     * many per candidate asked for; those are scored again with their term frequencies and the best kept.
     */
    private static final int RESCORED_PER_CANDIDATE = 3;

    private PgLexicalRanking() {
    }

    /**
     * The lexical candidates ({@code lexical}, {@code lexical_ranked}): gathered by BM25 with binary term frequency,
     * term weights {@code idf × count in the query}, evaluated term at a time over each token's GIN posting list, so
     * no stored {@code tsvector} has to be read for the gathering; the best {@link #RESCORED_PER_CANDIDATE} × asked
     * are then scored by BM25 with the term frequencies of their {@code tsvector} positions (binary frequencies alone
     * ranked the policy set's gold clause first 0.59 of the time in lexical mode, Lucene's BM25 0.77). Unfiltered, or filtered to documents holding more clauses than the exact-scan
     * threshold (the statute ranking's filter), only the rarest query tokens whose document frequencies add up to
     * {@code postingsBudget} gather candidates (like a search engine skipping low-IDF terms): a question of common
     * words would otherwise score half the corpus. A narrow filter, whose clauses may hold none of the rarest tokens,
     * is searched with every token.
     */
    static void append(PgVectorSql sql, Map<String, Integer> terms, PgVectorFilter filter, long postingsBudget,
                       int candidates) {
        List<String> names = new ArrayList<>(terms.keySet());
        sql.append("qterms AS MATERIALIZED (SELECT t.term, t.qtf, t.tq::tsquery AS tq, "
                        + "coalesce((SELECT s.df FROM store_term s WHERE s.term = t.term), 0) AS df FROM unnest(")
                .param(names.toArray(String[]::new)).append("::text[], ")
                .param(names.stream().map(terms::get).toArray(Integer[]::new)).append("::int[], ")
                .param(names.stream().map(PgVectorRows::tsqueryTerm).toArray(String[]::new))
                .append("::text[]) AS t(term, qtf, tq)), ")
                .append("corpus AS (SELECT greatest(coalesce(sum(clause_count), 0), 1)::float8 AS n, "
                        + "greatest(coalesce(sum(token_count), 0), 1)::float8 "
                        + "/ greatest(coalesce(sum(clause_count), 0), 1) AS avgdl FROM store_document), ")
                .append("chosen AS MATERIALIZED (SELECT q.term, q.tq, "
                        + "q.qtf * ln(1 + (corpus.n - q.df + 0.5) / (q.df + 0.5)) AS weight "
                        + "FROM (SELECT qterms.*, sum(df) OVER (ORDER BY df, term COLLATE \"C\" "
                        + "ROWS UNBOUNDED PRECEDING) - df AS before FROM qterms WHERE df > 0) q, corpus WHERE q.before < ")
                .param(postingsBudget).append("), ")
                .append("lexical_binary AS MATERIALIZED (SELECT m.id, m.weight * ").param(BM25_K1 + 1)
                .append(" / (1 + ").param(BM25_K1).append(" * (1 - ").param(BM25_B).append(" + ").param(BM25_B)
                .append(" * m.dl / corpus.avgdl)) AS score FROM (SELECT c.id, max(c.token_count) AS dl, "
                        + "sum(ch.weight) AS weight FROM chosen ch CROSS JOIN LATERAL (SELECT c.id, c.token_count "
                        + "FROM store_clause c WHERE c.lexemes @@ ch.tq");
        filter.appendTo(sql);
        sql.append(") c GROUP BY c.id) m, corpus ORDER BY score DESC, m.id COLLATE \"C\" LIMIT ")
                .param(candidates * RESCORED_PER_CANDIDATE)
                // the term frequencies of those candidates' chosen terms, read from their positions: BM25 proper
                .append("), chosen_terms AS (SELECT array_agg(term) AS terms FROM chosen), "
                        + "lexical AS MATERIALIZED (SELECT b.id, sum(ch.weight * u.tf * ").param(BM25_K1 + 1)
                .append(" / (u.tf + ").param(BM25_K1).append(" * (1 - ").param(BM25_B).append(" + ").param(BM25_B)
                .append(" * c.token_count / corpus.avgdl))) AS score FROM lexical_binary b "
                        + "JOIN store_clause c ON c.id = b.id CROSS JOIN chosen_terms t "
                        // only the chosen lexemes, cut out of the tsvector in C (weight A marks them, all stored
                        // positions carry the default weight D), instead of unnesting every lexeme in SQL
                        + "CROSS JOIN LATERAL (SELECT u.lexeme, cardinality(u.positions) AS tf "
                        + "FROM unnest(ts_filter(setweight(c.lexemes, 'A', t.terms), '{a}')) u) u "
                        + "JOIN chosen ch ON ch.term = u.lexeme CROSS JOIN corpus "
                        + "GROUP BY b.id ORDER BY score DESC, b.id COLLATE \"C\" LIMIT ").param(candidates)
                .append("), lexical_ranked AS (SELECT id, score, "
                        + "row_number() OVER (ORDER BY score DESC, id COLLATE \"C\") AS rank FROM lexical), ");
    }
}
