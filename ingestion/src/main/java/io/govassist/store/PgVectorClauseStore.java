package io.govassist.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pgvector.PGvector;
import io.govassist.ingestion.Clause;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The production {@link ClauseStore}: PostgreSQL with the pgvector extension, over plain JDBC on a
 * {@link DataSource} (the caller owns the connection pool).
 *
 * <h2>Schema</h2>
 * Owned by Flyway migrations in {@code db/store/postgresql} with the store's own history table
 * {@value #HISTORY_TABLE}, applied by {@link #bindEmbeddingSpace} (the clause table's {@code vector(N)} needs the
 * dimension): {@code store_meta} (embedding space and analyzer), {@code store_document} and {@code store_clause}
 * (typed columns for what is filtered on, JSONB for the rest, a {@code tsvector} of the tokens made by the same
 * {@link LexicalAnalyzer} as the embedded store with a GIN index, and an HNSW cosine index on the embedding).
 *
 * <h2>Search</h2>
 * One round trip per search: CTEs for the dense candidates (HNSW, {@code hnsw.ef_search} and — on pgvector ≥ 0.8 —
 * {@code hnsw.iterative_scan = relaxed_order} set for the statement only, so filtered searches still fill topK; an exact scan
 * when a document filter selects few clauses) and the lexical candidates (gathered by BM25 with binary term frequency
 * over the GIN posting lists of the query's tokens, weighted by document frequencies kept in {@code store_term}, then
 * scored by BM25 with the term frequencies of their stored positions, as Lucene scores; see
 * {@code appendLexical}), fused by weighted reciprocal rank fusion like {@link LuceneClauseStore}. Ties are broken by
 * clause id in every ranking.
 *
 * <h2>Writes and concurrency</h2>
 * {@link #replaceDocument} and {@link #deleteDocument} run in one transaction each under a transaction-scoped
 * advisory lock on the document id, so writers of the same document from any number of processes are serialised and
 * a concurrent search (one statement, one MVCC snapshot) sees the old version or the new one, never a mix.
 * {@link #lockDocument} holds a per-document session lock across a whole ingestion (check hash, parse, embed, store)
 * for callers that must not ingest the same document twice. Token document frequencies are updated last in each write
 * transaction, in token order, so concurrent writers never deadlock.
 */
public final class PgVectorClauseStore implements ClauseStore {

    private static final Logger log = LoggerFactory.getLogger(PgVectorClauseStore.class);

    /** Flyway history table of the store's own migrations (kept apart from the application's). */
    public static final String HISTORY_TABLE = "govassist_store_schema_history";
    static final String MIGRATIONS = "classpath:db/store/postgresql";
    /** Advisory lock class for per-document locks ({@code pg_advisory_xact_lock(int, int)}). */
    static final int DOCUMENT_LOCK_CLASS = 0x67a5_0001;
    /** Most positions kept per lexeme (PostgreSQL keeps at most 256) and the largest position (16383). */
    private static final int MAX_POSITIONS = 255;
    private static final int MAX_POSITION = 16383;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** BM25 parameters of the lexical ranking (Lucene's defaults). */
    private static final double BM25_K1 = 1.2;
    private static final double BM25_B = 0.75;
    /**
     * The lexical candidates are gathered by BM25 with binary term frequency (from the GIN posting lists alone), this
     * many per candidate asked for; those are scored again with their term frequencies and the best kept.
     */
    private static final int RESCORED_PER_CANDIDATE = 3;

    /**
     * Tuning of the store.
     *
     * @param analyzer           the Chinese analyzer making the lexical tokens (recorded; a mismatch is refused)
     * @param efSearch           {@code hnsw.ef_search}: candidate list size of the HNSW search (raised to the number of
     *                           candidates a query asks for)
     * @param exactScanThreshold a document filter selecting at most this many clauses is searched exactly (no HNSW)
     * @param lexicalPostingsBudget an unfiltered lexical search gathers candidates from its rarest tokens only, as many
     *                           as fit in this many postings (clauses containing them); the first token always counts
     */
    public record Settings(LexicalAnalyzer analyzer, int efSearch, int exactScanThreshold, long lexicalPostingsBudget) {

        public static final Settings DEFAULTS = new Settings(LexicalAnalyzer.DEFAULT, 100, 10_000, 5_000);

        public Settings(LexicalAnalyzer analyzer, int efSearch, int exactScanThreshold) {
            this(analyzer, efSearch, exactScanThreshold, DEFAULTS.lexicalPostingsBudget());
        }

        public Settings {
            Objects.requireNonNull(analyzer, "analyzer");
            if (efSearch < 1 || efSearch > 1000) {
                throw new IllegalArgumentException("efSearch must be 1..1000 (pgvector's range): " + efSearch);
            }
            if (exactScanThreshold < 0) {
                throw new IllegalArgumentException("exactScanThreshold must be >= 0");
            }
            if (lexicalPostingsBudget < 1) {
                throw new IllegalArgumentException("lexicalPostingsBudget must be >= 1");
            }
        }
    }

    private final DataSource dataSource;
    private final Settings settings;
    private final boolean iterativeScan;
    private final String description;
    private volatile EmbeddingSpace space;
    private volatile boolean closed;

    private PgVectorClauseStore(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        try (Connection c = dataSource.getConnection()) {
            String version = extensionVersion(c);
            this.iterativeScan = compareVersions(version, "0.8.0") >= 0;
            if (!iterativeScan) {
                log.warn("pgvector {} has no iterative index scans (0.8+): filtered vector searches use an exact "
                        + "scan", version);
            }
            String url = c.getMetaData().getURL();
            this.description = (url.contains("?") ? url.substring(0, url.indexOf('?')) : url) + " schema "
                    + currentSchema(c) + ", pgvector " + version;
            Map<String, String> meta = readMeta(c);
            if (!meta.isEmpty()) {
                checkAnalyzer(meta);
                this.space = spaceOf(meta);
            }
        } catch (SQLException e) {
            throw new StoreUnavailableException("Cannot open the PostgreSQL clause store: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the store on {@code dataSource}. Creates the {@code vector} extension if the server has it but the
     * database does not; fails with a clear {@link StoreUnavailableException} if PostgreSQL is unreachable or pgvector
     * is not installed. Tables are created on the first {@link #bindEmbeddingSpace}.
     */
    public static PgVectorClauseStore open(DataSource dataSource, Settings settings) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(settings, "settings");
        return new PgVectorClauseStore(dataSource, settings);
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public Optional<EmbeddingSpace> embeddingSpace() {
        return Optional.ofNullable(space);
    }

    @Override
    public synchronized void rebindEmbeddingSpace(EmbeddingSpace target) {
        Objects.requireNonNull(target, "target");
        ensureOpen();
        try (Connection c = connection()) {
            Map<String, String> meta = readMeta(c);
            if (meta.isEmpty()) {
                throw new IllegalStateException("the store's schema does not exist yet: bind it first");
            }
            EmbeddingSpace stored = spaceOf(meta);
            if (stored.dimension() != target.dimension()) {
                throw new IllegalArgumentException("cannot rebind " + stored.dimension() + "-dimensional vectors to "
                        + target.modelId() + " (" + target.dimension() + " dimensions)");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE store_meta SET meta_value = ? WHERE meta_key = 'embedding.model'")) {
                ps.setString(1, target.modelId());
                ps.executeUpdate();
            }
            space = target;
            log.info("Clause store {} rebound to embedding space {}", description, target.modelId());
        } catch (SQLException e) {
            throw failure("record the embedding space", e);
        }
    }

    /** The embedding space recorded in the database, if the schema exists (without binding this store). */
    public Optional<EmbeddingSpace> storedEmbeddingSpace() {
        try (Connection c = connection()) {
            Map<String, String> meta = readMeta(c);
            return meta.isEmpty() ? Optional.empty() : Optional.of(spaceOf(meta));
        } catch (SQLException e) {
            throw failure("read the store metadata", e);
        }
    }

    private static String extensionVersion(Connection c) throws SQLException {
        String installed = queryString(c, "SELECT extversion FROM pg_extension WHERE extname = 'vector'");
        if (installed != null) {
            return installed;
        }
        String available = queryString(c,
                "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'");
        if (available == null) {
            throw new StoreUnavailableException("The PostgreSQL server at " + c.getMetaData().getURL()
                    + " does not have the pgvector extension. Install it (scripts/install-pgvector.sh on Debian/Ubuntu, "
                    + "or use the pgvector/pgvector Docker image) and restart.", null);
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (SQLException e) {
            throw new StoreUnavailableException("pgvector is installed on the server but not enabled in this database, "
                    + "and this user may not enable it (" + e.getMessage() + "). Run as a superuser: "
                    + "CREATE EXTENSION vector;", e);
        }
        log.info("Enabled the vector extension {} in the database", available);
        return queryString(c, "SELECT extversion FROM pg_extension WHERE extname = 'vector'");
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? leadingInt(x[i]) : 0;
            int q = i < y.length ? leadingInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int leadingInt(String s) {
        int n = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    private static String currentSchema(Connection c) throws SQLException {
        return queryString(c, "SELECT current_schema()");
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private static Map<String, String> readMeta(Connection c) throws SQLException {
        Map<String, String> meta = new HashMap<>();
        if (queryString(c, "SELECT to_regclass('store_meta')::text") == null) {
            return meta;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT meta_key, meta_value FROM store_meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    private static EmbeddingSpace spaceOf(Map<String, String> meta) {
        return new EmbeddingSpace(meta.get("embedding.model"), Integer.parseInt(meta.get("embedding.dimension")));
    }

    private void checkAnalyzer(Map<String, String> meta) {
        String stored = meta.get("lexical.analyzer");
        if (stored != null && !stored.equals(settings.analyzer().name())) {
            throw new IllegalStateException("The clause store in " + description + " was built with lexical analyzer "
                    + stored + " but " + settings.analyzer() + " is configured: lexical terms would not match. "
                    + "Configure " + stored + " or re-ingest into an empty database.");
        }
    }

    // ------------------------------------------------------------------------------------------------ writes

    /**
     * {@inheritDoc}
     *
     * <p>Creates or upgrades the schema (Flyway, with {@code vector(dimension)}) the first time. Safe when several
     * processes bind at once: Flyway serialises the migrations and the first space recorded wins.
     */
    @Override
    public synchronized void bindEmbeddingSpace(EmbeddingSpace requested) {
        Objects.requireNonNull(requested, "space");
        ensureOpen();
        EmbeddingSpace bound = space;
        if (bound != null) {
            if (!bound.equals(requested)) {
                throw new EmbeddingSpaceMismatchException(bound, requested);
            }
            migrate(bound);
            return;
        }
        try (Connection c = connection()) {
            Map<String, String> meta = readMeta(c);
            EmbeddingSpace stored = meta.isEmpty() ? null : spaceOf(meta);
            if (stored != null && !stored.equals(requested)) {
                space = stored;
                throw new EmbeddingSpaceMismatchException(stored, requested);
            }
            migrate(stored != null ? stored : requested);
            meta = readMeta(c);
            checkAnalyzer(meta);
            stored = spaceOf(meta);
            space = stored;
            if (!stored.equals(requested)) {
                throw new EmbeddingSpaceMismatchException(stored, requested);
            }
            log.info("Clause store {} bound to embedding space {} ({} dimensions)", description, stored.modelId(),
                    stored.dimension());
        } catch (SQLException e) {
            throw failure("bind the embedding space", e);
        }
    }

    private void migrate(EmbeddingSpace s) {
        Flyway.configure(PgVectorClauseStore.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                // the application's own tables may already be in this schema (migrated by its own Flyway)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(Map.of("dimension", Integer.toString(s.dimension()),
                        "model_id", s.modelId().replace("'", "''"),
                        "analyzer", settings.analyzer().name()))
                .load()
                .migrate();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Needs a {@link #bindEmbeddingSpace bound} space and checks every vector against its dimension before
     * anything is written. The stored {@link DocumentRecord#clauseCount()} is {@code clauses.size()}.
     */
    @Override
    public void replaceDocument(DocumentRecord document, List<IndexedClause> clauses) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(clauses, "clauses");
        ensureOpen();
        EmbeddingSpace bound = space;
        if (bound == null) {
            throw new IllegalStateException("bindEmbeddingSpace must be called before documents are stored");
        }
        Set<String> ids = new HashSet<>();
        for (IndexedClause c : clauses) {
            if (c.vector().length != bound.dimension()) {
                throw new IllegalArgumentException("clause " + c.id() + " of document " + document.id() + " has a "
                        + c.vector().length + "-dimensional vector but the store's embedding space " + bound.modelId()
                        + " has " + bound.dimension() + " dimensions");
            }
            if (!isFiniteNonZero(c.vector())) {
                throw new IllegalArgumentException("clause " + c.id() + " has a non-finite or zero vector");
            }
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("duplicate clause id " + c.id() + " in document " + document.id());
            }
        }
        PolicyMetadata m = document.metadata();
        Date date = m.date() == null ? null : Date.valueOf(LocalDate.parse(m.date()));
        List<String> lexemes = new ArrayList<>(clauses.size());
        List<Integer> tokenCounts = new ArrayList<>(clauses.size());
        Map<String, Integer> documentFrequencies = new HashMap<>();
        for (IndexedClause ic : clauses) {
            List<String> tokens = settings.analyzer().tokenize(ic.indexedText());
            lexemes.add(tsvector(tokens));
            tokenCounts.add(tokens.size());
            new HashSet<>(tokens).forEach(t -> documentFrequencies.merge(t, 1, Integer::sum));
        }
        long documentTokens = tokenCounts.stream().mapToLong(Integer::longValue).sum();
        inTransaction("store document " + document.id(), c -> {
            lockDocument(c, document.id());
            Map<String, Integer> termDelta = termCountsOf(c, document.id(), -1);
            documentFrequencies.forEach((t, n) -> termDelta.merge(t, n, Integer::sum));
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
                    ins.setString(10, detailJson(cl));
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
            return null;
        });
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

    @Override
    public boolean deleteDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        ensureOpen();
        if (space == null && !schemaExists()) {
            return false;
        }
        return inTransaction("delete document " + documentId, c -> {
            lockDocument(c, documentId);
            Map<String, Integer> termDelta = termCountsOf(c, documentId, -1);
            boolean deleted;
            try (PreparedStatement del = c.prepareStatement("DELETE FROM store_document WHERE id = ?")) {
                del.setString(1, documentId);
                deleted = del.executeUpdate() > 0;
            }
            updateTerms(c, termDelta);
            return deleted;
        });
    }

    /**
     * Holds an advisory lock on {@code documentId} on a dedicated connection until the returned handle is closed:
     * every process that ingests the same document through this method waits for the others. Blocks until the lock is
     * granted. (Writes take their own transaction-scoped lock, so the holder can still write the document.)
     */
    @Override
    public DocumentLock lockDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        ensureOpen();
        Connection c;
        try {
            c = dataSource.getConnection();
        } catch (SQLException e) {
            throw failure("lock document " + documentId, e);
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pg_advisory_lock(?, hashtext(current_schema() || '/' || ?))")) {
            s.setInt(1, DOCUMENT_LOCK_CLASS);
            s.setString(2, documentId);
            s.execute();
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure("lock document " + documentId, e);
        }
        return new DocumentLock() {
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

    private static void lockDocument(Connection c, String documentId) throws SQLException {
        // Another key class than lockDocument(String): the holder of that session lock writes through a different
        // connection, which must not wait for its own session.
        try (PreparedStatement s = c.prepareStatement(
                "SELECT pg_advisory_xact_lock(?, hashtext(current_schema() || '/' || ?))")) {
            s.setInt(1, DOCUMENT_LOCK_CLASS + 1);
            s.setString(2, documentId);
            s.execute();
        }
    }

    static String detailJson(Clause c) {
        ObjectNode o = JSON.createObjectNode();
        o.set("path", JSON.valueToTree(c.path()));
        o.set("markers", JSON.valueToTree(c.markers()));
        o.set("lead", JSON.valueToTree(c.responsibleUnits().lead()));
        o.set("cooperating", JSON.valueToTree(c.responsibleUnits().cooperating()));
        o.put("part", c.part());
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The {@code tsvector} input text of {@code tokens}: each distinct token quoted, with its 1-based positions so
     * the rank function sees term frequencies. No text search configuration touches the tokens.
     */
    static String tsvector(List<String> tokens) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            List<Integer> p = positions.computeIfAbsent(tokens.get(i), t -> new ArrayList<>());
            if (p.size() < MAX_POSITIONS) {
                p.add(Math.min(i + 1, MAX_POSITION));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, List<Integer>> e : positions.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            quoteLexeme(sb, e.getKey());
            sb.append(':');
            List<Integer> p = e.getValue();
            for (int i = 0; i < p.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(p.get(i));
            }
        }
        return sb.toString();
    }

    /** The {@code tsquery} input text matching exactly the token {@code term}. */
    static String tsqueryTerm(String term) {
        StringBuilder sb = new StringBuilder();
        quoteLexeme(sb, term);
        return sb.toString();
    }

    private static void quoteLexeme(StringBuilder sb, String lexeme) {
        sb.append('\'');
        for (int i = 0; i < lexeme.length(); i++) {
            char ch = lexeme.charAt(i);
            if (ch == '\'' || ch == '\\') {
                sb.append(ch);
            }
            sb.append(ch);
        }
        sb.append('\'');
    }


    private static float[] parseVector(String text) throws SQLException {
        return new PGvector(text).toArray();
    }

    private static boolean isFiniteNonZero(float[] v) {
        double norm = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
            norm += x * x;
        }
        return norm > 0;
    }

    // ------------------------------------------------------------------------------------------------ reads

    private static final String DOCUMENT_COLUMNS =
            "id, source, content_hash, title, doc_number, issuer, doc_date, status, clause_count, ingested_at, "
                    + "ingested_nanos";

    @Override
    public Optional<DocumentRecord> findDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        if (!ready()) {
            return Optional.empty();
        }
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + DOCUMENT_COLUMNS + " FROM store_document WHERE id = ?")) {
                s.setString(1, documentId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(toRecord(rs)) : Optional.<DocumentRecord>empty();
                }
            }
        });
    }

    @Override
    public List<DocumentRecord> listDocuments() {
        if (!ready()) {
            return List.of();
        }
        return read(c -> {
            List<DocumentRecord> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT " + DOCUMENT_COLUMNS + " FROM store_document ORDER BY source COLLATE \"C\", id")) {
                while (rs.next()) {
                    out.add(toRecord(rs));
                }
            }
            return out;
        });
    }

    @Override
    public List<IndexedClause> clausesOf(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        if (!ready()) {
            return List.of();
        }
        return read(c -> {
            List<IndexedClause> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT id, ordinal, label, clause_text, indexed_text, detail::text, embedding::text
                    FROM store_clause WHERE document_id = ? ORDER BY ordinal, id COLLATE "C\"""")) {
                s.setString(1, documentId);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new IndexedClause(rs.getString(1), rs.getInt(2),
                                toClause(rs.getString(3), rs.getString(4), rs.getString(6)), rs.getString(5),
                                parseVector(rs.getString(7))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public long clauseCount() {
        if (!ready()) {
            return 0;
        }
        return read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT coalesce(sum(clause_count), 0) FROM store_document")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Number of stored documents. */
    public long documentCount() {
        if (!ready()) {
            return 0;
        }
        return read(c -> {
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM store_document")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        ensureOpen();
        float[] vector = query.vector();
        EmbeddingSpace bound = space;
        if (query.mode() != RetrievalMode.LEXICAL) {
            if (bound != null && vector.length != bound.dimension()) {
                throw new IllegalArgumentException("query vector has " + vector.length + " dimensions but the store's "
                        + "embedding space " + bound.modelId() + " has " + bound.dimension());
            }
            if (bound == null) {
                return List.of();
            }
        }
        if (!ready()) {
            return List.of();
        }
        boolean useDense = query.mode() == RetrievalMode.DENSE
                || (query.mode() == RetrievalMode.HYBRID && query.denseWeight() > 0);
        boolean wantLexical = query.mode() == RetrievalMode.LEXICAL
                || (query.mode() == RetrievalMode.HYBRID && query.lexicalWeight() > 0);
        Map<String, Integer> terms = wantLexical ? LexicalQueries.termCounts(settings.analyzer().tokenize(query.text()))
                : Map.of();
        boolean useLexical = !terms.isEmpty();
        if (!useDense && !useLexical) {
            return List.of();
        }
        Filter filter = Filter.of(query.filter());
        return read(c -> {
            long selected = filteredClauses(c, query.filter());
            boolean exact = useDense && (!iterativeScan && !query.filter().withoutExclusions().isEmpty()
                    || selected <= settings.exactScanThreshold());
            int ef = Math.min(1000, Math.max(settings.efSearch(), query.candidates()));
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            // One round trip: the settings statement and the search go to the server together and run in the same
            // implicit transaction, so the transaction-local settings apply to the search and end with it.
            SqlBuilder sql = new SqlBuilder();
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
                sql.append("dense AS MATERIALIZED (SELECT c.id, c.embedding <=> ").param(vectorParam)
                        .append("::vector AS distance FROM store_clause c WHERE true");
                filter.appendTo(sql);
                if (exact) {
                    // an expression the HNSW index cannot order by: a plain scan of the filtered rows, exact
                    sql.append(" ORDER BY (c.embedding <=> ").param(vectorParam).append("::vector) + 0");
                } else {
                    sql.append(" ORDER BY distance");
                }
                sql.append(" LIMIT ").param(query.candidates()).append("), ")
                        .append("dense_ranked AS (SELECT id, distance, "
                                + "row_number() OVER (ORDER BY distance, id COLLATE \"C\") AS rank FROM dense), ");
            }
            if (useLexical) {
                // a filter selecting few clauses may hold none of the rarest tokens' postings: all tokens then; a
                // broad one (the statute ranking's) is searched like the whole corpus, rarest tokens first
                boolean broad = query.filter().isEmpty() || selected > settings.exactScanThreshold()
                        && query.filter().withoutExclusions().equals(ClauseFilter.documents(query.filter().documentIds()));
                appendLexical(sql, terms, filter, broad ? settings.lexicalPostingsBudget() : Long.MAX_VALUE,
                        query.candidates());
            }
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
            List<SearchHit> hits = new ArrayList<>();
            try (PreparedStatement ps = sql.prepare(c)) {
                ps.execute();
                if (!ps.getMoreResults()) {
                    throw new SQLException("the search statement returned no result set");
                }
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        Clause clause = toClause(rs.getString(6), rs.getString(8), rs.getString(7));
                        double similarity = rs.getDouble(10);
                        if (rs.wasNull()) {
                            similarity = Double.NaN;
                        }
                        hits.add(new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), clause.label(), clause.path(), clause.markers(), clause.text(),
                                rs.getDouble(9), similarity, clause.responsibleUnits(), status(rs.getString(11))));
                    }
                }
            }
            return hits;
        });
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
    private static void appendLexical(SqlBuilder sql, Map<String, Integer> terms, Filter filter, long postingsBudget,
                                      int candidates) {
        List<String> names = new ArrayList<>(terms.keySet());
        sql.append("qterms AS MATERIALIZED (SELECT t.term, t.qtf, t.tq::tsquery AS tq, "
                        + "coalesce((SELECT s.df FROM store_term s WHERE s.term = t.term), 0) AS df FROM unnest(")
                .param(names.toArray(String[]::new)).append("::text[], ")
                .param(names.stream().map(terms::get).toArray(Integer[]::new)).append("::int[], ")
                .param(names.stream().map(PgVectorClauseStore::tsqueryTerm).toArray(String[]::new))
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

    /** A search filter as SQL conditions on {@code store_clause c}. */
    private record Filter(List<String> documentIds, List<String> issuers, Date from, Date to, boolean noDrafts,
                          List<String> excludedDocumentIds) {

        static Filter of(ClauseFilter f) {
            return new Filter(f.documentIds(), f.issuers(), date(f.dateFrom()), date(f.dateTo()), !f.includeDrafts(),
                    f.excludedDocumentIds());
        }

        private static Date date(String iso) {
            if (iso == null) {
                return null;
            }
            try {
                return Date.valueOf(LocalDate.parse(iso));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("filter date must be yyyy-MM-dd: " + iso, e);
            }
        }

        void appendTo(SqlBuilder sql) {
            if (!documentIds.isEmpty()) {
                sql.append(" AND c.document_id = ANY(").param(documentIds.toArray(String[]::new)).append(")");
            }
            if (!issuers.isEmpty()) {
                sql.append(" AND c.issuer = ANY(").param(issuers.toArray(String[]::new)).append(")");
            }
            if (from != null) {
                sql.append(" AND c.doc_date >= ").param(from);
            }
            if (to != null) {
                sql.append(" AND c.doc_date <= ").param(to);
            }
            if (noDrafts) {
                sql.append(" AND c.status <> 'DRAFT'");
            }
            if (!excludedDocumentIds.isEmpty()) {
                sql.append(" AND NOT (c.document_id = ANY(").param(excludedDocumentIds.toArray(String[]::new))
                        .append("))");
            }
        }
    }

    /** SQL text with positional parameters collected alongside. */
    private static final class SqlBuilder {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> params = new ArrayList<>();

        SqlBuilder append(String s) {
            sql.append(s);
            return this;
        }

        SqlBuilder param(Object value) {
            sql.append('?');
            params.add(value);
            return this;
        }

        PreparedStatement prepare(Connection c) throws SQLException {
            PreparedStatement ps = c.prepareStatement(sql.toString());
            try {
                for (int i = 0; i < params.size(); i++) {
                    Object p = params.get(i);
                    switch (p) {
                        case String[] a -> {
                            Array array = c.createArrayOf("text", a);
                            ps.setArray(i + 1, array);
                        }
                        case Integer[] a -> ps.setArray(i + 1, c.createArrayOf("int4", a));
                        case Integer n -> ps.setInt(i + 1, n);
                        case Long n -> ps.setLong(i + 1, n);
                        case Double d -> ps.setDouble(i + 1, d);
                        case Date d -> ps.setDate(i + 1, d);
                        case PGvector v -> ps.setObject(i + 1, v);
                        case String s -> ps.setString(i + 1, s);
                        default -> throw new IllegalArgumentException("unsupported parameter " + p.getClass());
                    }
                }
                return ps;
            } catch (SQLException | RuntimeException e) {
                ps.close();
                throw e;
            }
        }
    }

    private static Clause toClause(String label, String text, String detailJson) throws SQLException {
        try {
            JsonNode d = JSON.readTree(detailJson);
            return new Clause(strings(d.get("path")), strings(d.get("markers")), label, text,
                    new ResponsibleUnits(strings(d.get("lead")), strings(d.get("cooperating"))),
                    d.path("part").asInt(0));
        } catch (JsonProcessingException e) {
            throw new SQLException("corrupt clause detail JSON: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static DocumentRecord toRecord(ResultSet rs) throws SQLException {
        Date date = rs.getDate(7);
        PolicyMetadata m = new PolicyMetadata(rs.getString(4), rs.getString(5), rs.getString(6),
                date == null ? null : date.toLocalDate().toString(), status(rs.getString(8)));
        return new DocumentRecord(rs.getString(1), rs.getString(2), rs.getString(3), m, rs.getInt(9),
                rs.getTimestamp(10).toInstant().with(ChronoField.NANO_OF_SECOND, rs.getInt(11)));
    }

    private static DocumentStatus status(String s) {
        return s == null ? DocumentStatus.NORMAL : DocumentStatus.valueOf(s);
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /** Whether the tables exist (bound, or created by another process since). */
    private boolean ready() {
        ensureOpen();
        return space != null || schemaExists();
    }

    private boolean schemaExists() {
        try (Connection c = connection()) {
            return queryString(c, "SELECT to_regclass('store_clause')::text") != null;
        } catch (SQLException e) {
            throw failure("read the schema", e);
        }
    }

    @FunctionalInterface
    private interface SqlFunction<T> {
        T apply(Connection c) throws SQLException;
    }

    private Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private <T> T read(SqlFunction<T> fn) {
        ensureOpen();
        try (Connection c = connection()) {
            return fn.apply(c);
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private <T> T inTransaction(String what, SqlFunction<T> fn) {
        ensureOpen();
        try (Connection c = connection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = fn.apply(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private RuntimeException failure(String what, SQLException e) {
        String message = "PostgreSQL clause store: cannot " + what + ": " + e.getMessage();
        return unavailable(e.getSQLState()) ? new StoreUnavailableException(message, e)
                : new IllegalStateException(message, e);
    }

    /**
     * Whether an error means the database is not there for us (connection, server shutdown, resources, missing
     * database, schema or tables) rather than a failed statement.
     */
    static boolean unavailable(String sqlState) {
        if (sqlState == null) {
            return true;
        }
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P")
                || sqlState.equals("3D000") || sqlState.equals("3F000") || sqlState.equals("42P01")
                || sqlState.equals("28000") || sqlState.equals("28P01");
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("clause store " + description + " is closed");
        }
    }

    /** Marks the store closed; the data source belongs to the caller and stays open. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "PgVectorClauseStore[" + description + ", " + settings.analyzer() + ", " + space + "]";
    }
}
