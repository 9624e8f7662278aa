package io.govassist.store;

import com.pgvector.PGvector;
import io.govassist.ingestion.Clause;
import io.govassist.ingestion.PolicyMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The writes of {@link PgVectorClauseStore} inside their transactions: a document's rows, its clauses' lexemes and
 * the token document frequencies in {@code store_term}, under per-document advisory locks.
 */
final class PgVectorWriter {

    private static final Logger log = LoggerFactory.getLogger(PgVectorClauseStore.class);

    /** Advisory lock class for per-document locks ({@code pg_advisory_xact_lock(int, int)}). */
    static final int DOCUMENT_LOCK_CLASS = 0x67a5_0001;

    private final LexicalAnalyzer analyzer;

    PgVectorWriter(LexicalAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** A document and its clauses with their lexemes, analysed before the write transaction begins. */
    record Analysed(DocumentRecord document, List<IndexedClause> clauses, Date date, List<String> lexemes,
                    List<Integer> tokenCounts, Map<String, Integer> documentFrequencies, long documentTokens) {
    }

    Analysed analyse(DocumentRecord document, List<IndexedClause> clauses) {
        PolicyMetadata m = document.metadata();
        Date date = m.date() == null ? null : Date.valueOf(LocalDate.parse(m.date()));
        List<String> lexemes = new ArrayList<>(clauses.size());
        List<Integer> tokenCounts = new ArrayList<>(clauses.size());
        Map<String, Integer> documentFrequencies = new HashMap<>();
        for (IndexedClause ic : clauses) {
            List<String> tokens = analyzer.tokenize(ic.indexedText());
            lexemes.add(PgVectorRows.tsvector(tokens));
            tokenCounts.add(tokens.size());
            new HashSet<>(tokens).forEach(t -> documentFrequencies.merge(t, 1, Integer::sum));
        }
        long documentTokens = tokenCounts.stream().mapToLong(Integer::longValue).sum();
        return new Analysed(document, clauses, date, lexemes, tokenCounts, documentFrequencies, documentTokens);
    }

    /** Replaces the document's rows; the caller's transaction commits. */
    static void replace(Connection c, Analysed a) throws SQLException {
        DocumentRecord document = a.document();
        List<IndexedClause> clauses = a.clauses();
        PolicyMetadata m = document.metadata();
        Date date = a.date();
        List<String> lexemes = a.lexemes();
        List<Integer> tokenCounts = a.tokenCounts();
        long documentTokens = a.documentTokens();
        lockInTransaction(c, document.id());
        Map<String, Integer> termDelta = termCountsOf(c, document.id(), -1);
        a.documentFrequencies().forEach((t, n) -> termDelta.merge(t, n, Integer::sum));
        try (PreparedStatement del = c.prepareStatement("DELETE FROM store_clause WHERE document_id = ?")) {
            del.setString(1, document.id());
            del.executeUpdate();
        }
        try (PreparedStatement up = c.prepareStatement("""
                INSERT INTO store_document (id, source, content_hash, title, doc_number, issuer, doc_date, status,
                                            clause_count, ingested_at, ingested_nanos, token_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET source = excluded.source, content_hash = excluded.content_hash,
                    title = excluded.title, doc_number = excluded.doc_number, issuer = excluded.issuer,
                    doc_date = excluded.doc_date, status = excluded.status, clause_count = excluded.clause_count,
                    ingested_at = excluded.ingested_at, ingested_nanos = excluded.ingested_nanos,
                    token_count = excluded.token_count""")) {
            up.setString(1, document.id());
            up.setString(2, document.source());
            up.setString(3, document.contentHash());
            up.setString(4, m.title());
            up.setString(5, m.docNumber());
            up.setString(6, m.issuer());
            up.setDate(7, date);
            up.setString(8, m.status().name());
            up.setInt(9, clauses.size());
            // truncated, not rounded by the server, so the seconds stay exact; the nanoseconds go alongside
            up.setTimestamp(10, Timestamp.from(document.ingestedAt().truncatedTo(ChronoUnit.MICROS)));
            up.setInt(11, document.ingestedAt().getNano());
            up.setLong(12, documentTokens);
            up.executeUpdate();
        }
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO store_clause (id, document_id, ordinal, issuer, doc_date, status, label, clause_text,
                                          indexed_text, detail, lexemes, token_count, embedding)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::tsvector, ?, ?::vector)""")) {
            for (int i = 0; i < clauses.size(); i++) {
                IndexedClause ic = clauses.get(i);
                Clause cl = ic.clause();
                ins.setString(1, ic.id());
                ins.setString(2, document.id());
                ins.setInt(3, ic.ordinal());
                ins.setString(4, m.issuer());
                ins.setDate(5, date);
                ins.setString(6, m.status().name());
                ins.setString(7, cl.label());
                ins.setString(8, cl.text());
                ins.setString(9, ic.indexedText());
                ins.setString(10, PgVectorRows.detailJson(cl));
                ins.setString(11, lexemes.get(i));
                ins.setInt(12, tokenCounts.get(i));
                ins.setObject(13, new PGvector(ic.vector()));
                ins.addBatch();
            }
            if (!clauses.isEmpty()) {
                ins.executeBatch();
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState()) || (e.getNextException() != null
                    && "23505".equals(e.getNextException().getSQLState()))) {
                throw new IllegalArgumentException("a clause id of document " + document.id()
                        + " already belongs to another document", e);
            }
            throw e;
        }
        updateTerms(c, termDelta);
    }

    /** Deletes the document's rows; the caller's transaction commits. Whether there were any. */
    static boolean delete(Connection c, String documentId) throws SQLException {
        lockInTransaction(c, documentId);
        Map<String, Integer> termDelta = termCountsOf(c, documentId, -1);
        boolean deleted;
        try (PreparedStatement del = c.prepareStatement("DELETE FROM store_document WHERE id = ?")) {
            del.setString(1, documentId);
            deleted = del.executeUpdate() > 0;
        }
        updateTerms(c, termDelta);
        return deleted;
    }

    /**
     * Per token, {@code sign} times the number of the document's stored clauses that contain it (read before its
     * clauses are replaced or deleted).
     */
    private static Map<String, Integer> termCountsOf(Connection c, String documentId, int sign) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT u.lexeme, count(*) FROM store_clause c "
                + "CROSS JOIN LATERAL unnest(c.lexemes) u WHERE c.document_id = ? GROUP BY u.lexeme")) {
            s.setString(1, documentId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), sign * rs.getInt(2));
                }
            }
        }
        return counts;
    }

    /**
     * Applies document-frequency changes. Last statement of a write transaction, rows in term order: concurrent
     * writers wait for each other only briefly here, and never deadlock.
     */
    private static void updateTerms(Connection c, Map<String, Integer> delta) throws SQLException {
        List<Map.Entry<String, Integer>> changes = delta.entrySet().stream().filter(e -> e.getValue() != 0)
                .sorted(Map.Entry.comparingByKey()).toList();
        if (changes.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO store_term AS t (term, df)
                SELECT term, df FROM unnest(?::text[], ?::int[]) AS d(term, df) ORDER BY term COLLATE "C"
                ON CONFLICT (term) DO UPDATE SET df = t.df + excluded.df""")) {
            s.setArray(1, c.createArrayOf("text", changes.stream().map(Map.Entry::getKey).toArray()));
            s.setArray(2, c.createArrayOf("int4", changes.stream().map(Map.Entry::getValue).toArray()));
            s.executeUpdate();
        }
    }

    /**
     * Takes the session-level advisory lock of {@code documentId} on {@code c} (blocking until it is granted) and
     * returns the handle that releases it and closes {@code c}.
     */
    static ClauseStore.DocumentLock holdLock(Connection c, String documentId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pg_advisory_lock(?, hashtext(current_schema() || '/' || ?))")) {
            s.setInt(1, DOCUMENT_LOCK_CLASS);
            s.setString(2, documentId);
            s.execute();
        }
        return new ClauseStore.DocumentLock() {
            private boolean released;

            @Override
            public synchronized void close() {
                if (released) {
                    return;
                }
                released = true;
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT pg_advisory_unlock(?, hashtext(current_schema() || '/' || ?))")) {
                    s.setInt(1, DOCUMENT_LOCK_CLASS);
                    s.setString(2, documentId);
                    s.execute();
                } catch (SQLException e) {
                    log.warn("Cannot release the lock of document {}: {}", documentId, e.getMessage());
                } finally {
                    closeQuietly(c);
                }
            }
        };
    }

    static void lockInTransaction(Connection c, String documentId) throws SQLException {
        // Another key class than holdLock: the holder of that session lock writes through a different
        // connection, which must not wait for its own session.
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pg_advisory_xact_lock(?, hashtext(current_schema() || '/' || ?))")) {
            s.setInt(1, DOCUMENT_LOCK_CLASS + 1);
            s.setString(2, documentId);
            s.execute();
        }
    }

    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
    }
}
