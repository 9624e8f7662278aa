package io.govassist.store;

import com.pgvector.PGvector;
import io.govassist.ingestion.Clause;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The search statement of {@link PgVectorClauseStore}: one round trip of CTEs for the dense ranking (HNSW, or an
 * exact scan of few filtered clauses), the lexical ranking ({@link PgLexicalRanking}) and their weighted reciprocal
 * rank fusion, ties broken by clause id in every ranking.
 */
final class PgVectorSearch {

    private final PgVectorClauseStore.Settings settings;
    private final boolean iterativeScan;

    PgVectorSearch(PgVectorClauseStore.Settings settings, boolean iterativeScan) {
        this.settings = settings;
        this.iterativeScan = iterativeScan;
    }

    /**
     * The hits of {@code query}, with the lexical {@code terms} (empty without a lexical ranking) and the filter's
     * SQL conditions.
     */
    List<SearchHit> run(Connection c, SearchQuery query, Map<String, Integer> terms, boolean useDense,
                        PgVectorFilter filter) throws SQLException {
        float[] vector = query.vector();
        boolean useLexical = !terms.isEmpty();
        long selected = filteredClauses(c, query.filter());
        boolean exact = useDense && (!iterativeScan && !query.filter().withoutExclusions().isEmpty()
                || selected <= settings.exactScanThreshold());
        int ef = Math.min(1000, Math.max(settings.efSearch(), query.candidates()));
        if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
        }
        // One round trip: the settings statement and the search go to the server together and run in the same
        // implicit transaction, so the transaction-local settings apply to the search and end with it.
        PgVectorSql sql = new PgVectorSql();
        // JIT off: the planner's estimates for these CTEs are high, and compiling would take longer than running
        // custom plans only: a generic plan (the driver prepares a statement run often) cannot see how few
        // lexical candidates there are and rescored them by scanning every clause, ten times slower
        sql.append("SELECT set_config('jit', 'off', true), set_config('plan_cache_mode', 'force_custom_plan', true), "
                + "set_config('hnsw.ef_search', ")
                .param(Integer.toString(ef)).append(", true)");
        if (iterativeScan) {
            sql.append(", set_config('hnsw.iterative_scan', 'relaxed_order', true)");
        }
        sql.append("; WITH ");
        // a typed vector parameter: a text one cast with ::vector would be parsed again for every row scanned
        PGvector vectorParam = vector == null ? null : new PGvector(vector);
        if (useDense) {
            appendDense(sql, vectorParam, filter, exact, query.candidates());
        }
        if (useLexical) {
            // a filter selecting few clauses may hold none of the rarest tokens' postings: all tokens then; a
            // broad one (the statute ranking's) is searched like the whole corpus, rarest tokens first
            boolean broad = query.filter().isEmpty() || selected > settings.exactScanThreshold()
                    && query.filter().withoutExclusions().equals(ClauseFilter.documents(query.filter().documentIds()));
            PgLexicalRanking.append(sql, terms, filter, broad ? settings.lexicalPostingsBudget() : Long.MAX_VALUE,
                    query.candidates());
        }
        appendFusion(sql, query, useDense, useLexical);
        sql.append("top AS (SELECT id, score FROM ranked ORDER BY score DESC, id COLLATE \"C\" LIMIT ")
                .param(query.topK()).append(") ");
        sql.append("SELECT c.id, c.document_id, d.title, d.doc_number, d.source, c.label, c.detail::text, "
                + "c.clause_text, t.score, ");
        if (vector == null) {
            sql.append("NULL::float8");
        } else {
            sql.append("1 - (c.embedding <=> ").param(vectorParam).append("::vector)");
        }
        sql.append(" AS similarity, d.status FROM top t JOIN store_clause c ON c.id = t.id "
                + "JOIN store_document d ON d.id = c.document_id ORDER BY t.score DESC, c.id COLLATE \"C\"");
        return hits(c, sql);
    }

    /** The dense candidates ({@code dense}, {@code dense_ranked}) by cosine distance. */
    private static void appendDense(PgVectorSql sql, PGvector vectorParam, PgVectorFilter filter, boolean exact,
                                    int candidates) {
        sql.append("dense AS MATERIALIZED (SELECT c.id, c.embedding <=> ").param(vectorParam)
                .append("::vector AS distance FROM store_clause c WHERE true");
        filter.appendTo(sql);
        if (exact) {
            // an expression the HNSW index cannot order by: a plain scan of the filtered rows, exact
            sql.append(" ORDER BY (c.embedding <=> ").param(vectorParam).append("::vector) + 0");
        } else {
            sql.append(" ORDER BY distance");
        }
        sql.append(" LIMIT ").param(candidates).append("), ")
                .append("dense_ranked AS (SELECT id, distance, "
                        + "row_number() OVER (ORDER BY distance, id COLLATE \"C\") AS rank FROM dense), ");
    }

    /** The final ranking ({@code ranked}): one ranking's scores, or both fused by weighted reciprocal rank. */
    private static void appendFusion(PgVectorSql sql, SearchQuery query, boolean useDense, boolean useLexical) {
        switch (query.mode()) {
            case DENSE -> sql.append("ranked AS (SELECT id, 1 - distance / 2 AS score FROM dense_ranked), ");
            case LEXICAL -> sql.append("ranked AS (SELECT id, score FROM lexical_ranked), ");
            case HYBRID -> {
                sql.append("ranked AS (SELECT id, sum(w) AS score FROM (");
                if (useDense) {
                    sql.append("SELECT id, ").param(query.denseWeight()).append("::float8 / (")
                            .param(query.rrfK()).append(" + rank) AS w FROM dense_ranked");
                }
                if (useDense && useLexical) {
                    sql.append(" UNION ALL ");
                }
                if (useLexical) {
                    sql.append("SELECT id, ").param(query.lexicalWeight()).append("::float8 / (")
                            .param(query.rrfK()).append(" + rank) AS w FROM lexical_ranked");
                }
                sql.append(") x GROUP BY id), ");
            }
        }
    }

    private static List<SearchHit> hits(Connection c, PgVectorSql sql) throws SQLException {
        List<SearchHit> hits = new ArrayList<>();
        try (PreparedStatement ps = sql.prepare(c)) {
            ps.execute();
            if (!ps.getMoreResults()) {
                throw new SQLException("the search statement returned no result set");
            }
            try (ResultSet rs = ps.getResultSet()) {
                while (rs.next()) {
                    Clause clause = PgVectorRows.toClause(rs.getString(6), rs.getString(8), rs.getString(7));
                    double similarity = rs.getDouble(10);
                    if (rs.wasNull()) {
                        similarity = Double.NaN;
                    }
                    hits.add(new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), clause.label(), clause.path(), clause.markers(), clause.text(),
                            rs.getDouble(9), similarity, clause.responsibleUnits(),
                            PgVectorRows.status(rs.getString(11))));
                }
            }
        }
        return hits;
    }

    /**
     * How many clauses a filter's documents hold: {@link Long#MAX_VALUE} for no document restriction (every clause,
     * or an issuer/date filter, searched through the index like the whole corpus).
     */
    private static long filteredClauses(Connection c, ClauseFilter filter) throws SQLException {
        if (filter.documentIds().isEmpty()) {
            return Long.MAX_VALUE;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(sum(clause_count), 0) FROM store_document WHERE id = ANY(?)")) {
            s.setArray(1, c.createArrayOf("text", filter.documentIds().toArray()));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
