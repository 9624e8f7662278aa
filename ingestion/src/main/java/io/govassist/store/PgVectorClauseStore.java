package io.govassist.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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
 * {@link PgLexicalRanking}), fused by weighted reciprocal rank fusion like {@link LuceneClauseStore}. Ties are broken by
 * clause id in every ranking.
 *
 * <h2>Writes and concurrency</h2>
 * {@link #replaceDocument} and {@link #deleteDocument} run in one transaction each under a transaction-scoped
 * advisory lock on the document id, so writers of the same document from any number of processes are serialised and
 * a concurrent search (one statement, one MVCC snapshot) sees the old version or the new one, never a mix.
 * {@link #lockDocument} holds a per-document session lock across a whole ingestion (check hash, parse, embed, store)
 * for callers that must not ingest the same document twice. Token document frequencies are updated last in each write
 * transaction, in token order, so concurrent writers never deadlock.
 *
 * <h2>Collaborators</h2>
 * This class checks arguments, holds the state and runs each operation on a connection; the schema is
 * {@link PgVectorSchema}, the write statements {@link PgVectorWriter}, the search statement {@link PgVectorSearch}
 * (its lexical ranking {@link PgLexicalRanking}), the column values {@link PgVectorRows}.
 */
public final class PgVectorClauseStore implements ClauseStore {

    private static final Logger log = LoggerFactory.getLogger(PgVectorClauseStore.class);

    /** Flyway history table of the store's own migrations (kept apart from the application's). */
    public static final String HISTORY_TABLE = "govassist_store_schema_history";

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
    private final String description;
    private final PgVectorWriter writer;
    private final PgVectorSearch searcher;
    private volatile EmbeddingSpace space;
    private volatile boolean closed;

    private PgVectorClauseStore(DataSource dataSource, Settings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.writer = new PgVectorWriter(settings.analyzer());
        try (Connection c = dataSource.getConnection()) {
            String version = PgVectorSchema.extensionVersion(c);
            boolean iterativeScan = PgVectorSchema.compareVersions(version, "0.8.0") >= 0;
            if (!iterativeScan) {
                log.warn("pgvector {} has no iterative index scans (0.8+): filtered vector searches use an exact "
                        + "scan", version);
            }
            this.searcher = new PgVectorSearch(settings, iterativeScan);
            String url = c.getMetaData().getURL();
            this.description = (url.contains("?") ? url.substring(0, url.indexOf('?')) : url) + " schema "
                    + PgVectorSchema.currentSchema(c) + ", pgvector " + version;
            Map<String, String> meta = PgVectorSchema.readMeta(c);
            if (!meta.isEmpty()) {
                checkAnalyzer(meta);
                this.space = PgVectorSchema.spaceOf(meta);
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
            Map<String, String> meta = PgVectorSchema.readMeta(c);
            if (meta.isEmpty()) {
                throw new IllegalStateException("the store's schema does not exist yet: bind it first");
            }
            EmbeddingSpace stored = PgVectorSchema.spaceOf(meta);
            if (stored.dimension() != target.dimension()) {
                throw new IllegalArgumentException("cannot rebind " + stored.dimension() + "-dimensional vectors to "
                        + target.modelId() + " (" + target.dimension() + " dimensions)");
            }
            PgVectorSchema.recordModel(c, target);
            space = target;
            log.info("Clause store {} rebound to embedding space {}", description, target.modelId());
        } catch (SQLException e) {
            throw failure("record the embedding space", e);
        }
    }

    /** The embedding space recorded in the database, if the schema exists (without binding this store). */
    public Optional<EmbeddingSpace> storedEmbeddingSpace() {
        try (Connection c = connection()) {
            Map<String, String> meta = PgVectorSchema.readMeta(c);
            return meta.isEmpty() ? Optional.empty() : Optional.of(PgVectorSchema.spaceOf(meta));
        } catch (SQLException e) {
            throw failure("read the store metadata", e);
        }
    }

    private void checkAnalyzer(Map<String, String> meta) {
        PgVectorSchema.checkAnalyzer(meta, settings.analyzer(), description);
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
            Map<String, String> meta = PgVectorSchema.readMeta(c);
            EmbeddingSpace stored = meta.isEmpty() ? null : PgVectorSchema.spaceOf(meta);
            if (stored != null && !stored.equals(requested)) {
                space = stored;
                throw new EmbeddingSpaceMismatchException(stored, requested);
            }
            migrate(stored != null ? stored : requested);
            meta = PgVectorSchema.readMeta(c);
            checkAnalyzer(meta);
            stored = PgVectorSchema.spaceOf(meta);
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
        PgVectorSchema.migrate(dataSource, s, settings.analyzer());
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
        ClauseStoreChecks.checkClauses(document, clauses, bound);
        PgVectorWriter.Analysed analysed = writer.analyse(document, clauses);
        inTransaction("store document " + document.id(), c -> {
            PgVectorWriter.replace(c, analysed);
            return null;
        });
    }

    @Override
    public boolean deleteDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        ensureOpen();
        if (space == null && !schemaExists()) {
            return false;
        }
        return inTransaction("delete document " + documentId, c -> PgVectorWriter.delete(c, documentId));
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
        try {
            return PgVectorWriter.holdLock(c, documentId);
        } catch (SQLException e) {
            PgVectorWriter.closeQuietly(c);
            throw failure("lock document " + documentId, e);
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Override
    public Optional<DocumentRecord> findDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        if (!ready()) {
            return Optional.empty();
        }
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + PgVectorRows.DOCUMENT_COLUMNS + " FROM store_document WHERE id = ?")) {
                s.setString(1, documentId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(PgVectorRows.toRecord(rs)) : Optional.<DocumentRecord>empty();
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
                    "SELECT " + PgVectorRows.DOCUMENT_COLUMNS + " FROM store_document ORDER BY source COLLATE \"C\", id")) {
                while (rs.next()) {
                    out.add(PgVectorRows.toRecord(rs));
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
                                PgVectorRows.toClause(rs.getString(3), rs.getString(4), rs.getString(6)), rs.getString(5),
                                PgVectorRows.parseVector(rs.getString(7))));
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
        if (!ClauseStoreChecks.answerable(query, space)) {
            return List.of();
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
        if (!useDense && terms.isEmpty()) {
            return List.of();
        }
        PgVectorFilter filter = PgVectorFilter.of(query.filter());
        return read(c -> searcher.run(c, query, terms, useDense, filter));
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    /** Whether the tables exist (bound, or created by another process since). */
    private boolean ready() {
        ensureOpen();
        return space != null || schemaExists();
    }

    private boolean schemaExists() {
        try (Connection c = connection()) {
            return PgVectorSchema.clauseTableExists(c);
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
