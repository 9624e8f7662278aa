package io.govassist.store;

import io.govassist.ingestion.Clause;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NoLockFactory;
import org.apache.lucene.util.BytesRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The embedded {@link ClauseStore}: one Lucene 10 index on disk.
 *
 * <h2>Layout</h2>
 * One Lucene document per clause (HNSW {@code KnnFloatVectorField}, cosine; BM25 {@code TextField} of
 * {@link IndexedClause#indexedText()} analysed by the store's {@link LexicalAnalyzer}; keyword fields
 * {@code doc_id}, {@code issuer}, {@code date}, {@code status} for filters; stored fields for a {@link SearchHit})
 * and one metadata document per policy document (the {@link DocumentRecord}). Both carry the {@code doc_id} term, so
 * {@link IndexWriter#updateDocuments} replaces a document's metadata and clauses as one block: every reader sees the
 * old block or the new one. The {@link EmbeddingSpace} and the analyzer name live in the commit user data.
 *
 * <h2>Durability and bulk ingestion</h2>
 * Outside a bulk session {@link #replaceDocument} and {@link #deleteDocument} commit (fsync) before returning and the
 * change is visible to the next search. For large imports open a {@link #beginBulk() bulk session}: while one is open
 * writes are not committed one by one (they stay atomic per document) and become visible and durable when the last
 * session closes or on {@link #flush()}. A crash inside a session loses the uncommitted documents only — the index
 * stays consistent and the next run re-ingests them because their content hashes are not stored.
 *
 * <h2>Threads</h2>
 * All methods are thread-safe. Searches run lock-free on a {@link SearcherManager} snapshot (one snapshot per search,
 * shared by its dense and lexical legs); writes are serialised.
 */
public final class LuceneClauseStore implements ClauseStore {

    private static final Logger log = LoggerFactory.getLogger(LuceneClauseStore.class);

    static final String KIND = "kind";
    static final String KIND_CLAUSE = "clause";
    static final String KIND_DOCUMENT = "document";
    static final String DOC_ID = "doc_id";
    static final String CLAUSE_ID = "clause_id";
    static final String ORDINAL = "ordinal";
    static final String TEXT = "text";
    static final String INDEXED_TEXT = "indexed_text";
    static final String CLAUSE_TEXT = "clause_text";
    static final String LABEL = "label";
    static final String PATH = "path";
    static final String MARKERS = "markers";
    static final String LEAD = "lead";
    static final String COOPERATING = "cooperating";
    static final String PART = "part";
    static final String VECTOR = "vector";
    static final String TITLE = "title";
    static final String DOC_NUMBER = "doc_number";
    static final String ISSUER = "issuer";
    static final String DATE = "date";
    static final String STATUS = "status";
    static final String SOURCE = "source";
    static final String CONTENT_HASH = "content_hash";
    static final String CLAUSE_COUNT = "clause_count";
    static final String INGESTED_AT = "ingested_at";

    static final String COMMIT_FORMAT = "govassist.store.format";
    static final String COMMIT_ANALYZER = "govassist.lexical.analyzer";
    static final String COMMIT_MODEL = "govassist.embedding.model";
    static final String COMMIT_DIMENSION = "govassist.embedding.dimension";
    static final String FORMAT_VERSION = "1";

    private static final Set<String> HIT_FIELDS = Set.of(CLAUSE_ID, DOC_ID, TITLE, DOC_NUMBER, SOURCE, LABEL, PATH,
            MARKERS, CLAUSE_TEXT, LEAD, COOPERATING, STATUS);
    private static final Query ALL_CLAUSES = new TermQuery(new Term(KIND, KIND_CLAUSE));
    private static final Query ALL_DOCUMENTS = new TermQuery(new Term(KIND, KIND_DOCUMENT));

    private final Path path;
    private final LexicalAnalyzer lexicalAnalyzer;
    private final Analyzer analyzer;
    private final Directory directory;
    /** The writer and its searcher manager; replaced as a pair when a failed write is rolled back. */
    private volatile Writer current;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicInteger bulkSessions = new AtomicInteger();
    private volatile EmbeddingSpace space;
    private volatile boolean closed;

    /** The open writer with the searcher manager over it; {@code generation} counts rollbacks. */
    private record Writer(IndexWriter writer, SearcherManager searchers, long generation) {
    }

    private LuceneClauseStore(Path path, LexicalAnalyzer lexicalAnalyzer, UnaryOperator<Directory> wrapDirectory)
            throws IOException {
        this.path = path;
        this.lexicalAnalyzer = lexicalAnalyzer;
        Files.createDirectories(path);
        this.directory = wrapDirectory.apply(FSDirectory.open(path));
        this.analyzer = lexicalAnalyzer.newAnalyzer();
        IndexWriter w = null;
        try {
            Map<String, String> committed = readCommitData(directory);
            String storedAnalyzer = committed.get(COMMIT_ANALYZER);
            if (storedAnalyzer != null && !storedAnalyzer.equals(lexicalAnalyzer.name())) {
                throw new IllegalStateException("The index in " + path + " was built with lexical analyzer "
                        + storedAnalyzer + " but " + lexicalAnalyzer + " is configured: BM25 terms would not match. "
                        + "Configure " + storedAnalyzer + " or re-ingest into an empty directory.");
            }
            w = new IndexWriter(directory, writerConfig());
            Map<String, String> data = new HashMap<>(committed);
            data.put(COMMIT_FORMAT, FORMAT_VERSION);
            data.put(COMMIT_ANALYZER, lexicalAnalyzer.name());
            if (data.containsKey(COMMIT_MODEL)) {
                this.space = new EmbeddingSpace(data.get(COMMIT_MODEL), Integer.parseInt(data.get(COMMIT_DIMENSION)));
            }
            w.setLiveCommitData(data.entrySet());
            if (!data.equals(committed)) {
                w.commit();
            }
            this.current = new Writer(w, new SearcherManager(w, null), 0);
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.rollback();
            }
            analyzer.close();
            directory.close();
            throw e;
        }
    }

    private IndexWriterConfig writerConfig() {
        return new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64)
                .setCommitOnClose(true);
    }

    /** Opens (or creates) a store in {@code dir} with the {@link LexicalAnalyzer#DEFAULT default} analyzer. */
    public static LuceneClauseStore open(Path dir) {
        return open(dir, LexicalAnalyzer.DEFAULT);
    }

    /**
     * Opens (or creates) a store in {@code dir}. An existing index must have been built with the same analyzer
     * ({@link IllegalStateException} otherwise); Lucene's write lock keeps a second process out.
     */
    public static LuceneClauseStore open(Path dir, LexicalAnalyzer analyzer) {
        return open(dir, analyzer, UnaryOperator.identity());
    }

    /** As {@link #open(Path, LexicalAnalyzer)}, with the index directory wrapped (tests inject I/O faults). */
    static LuceneClauseStore open(Path dir, LexicalAnalyzer analyzer, UnaryOperator<Directory> wrapDirectory) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(analyzer, "analyzer");
        try {
            return new LuceneClauseStore(dir, analyzer, wrapDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open clause index in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> readCommitData(Directory dir) throws IOException {
        try {
            if (!DirectoryReader.indexExists(dir)) {
                return Map.of();
            }
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                return new HashMap<>(r.getIndexCommit().getUserData());
            }
        } catch (IndexNotFoundException e) {
            return Map.of();
        }
    }

    public Path path() {
        return path;
    }

    public LexicalAnalyzer lexicalAnalyzer() {
        return lexicalAnalyzer;
    }

    @Override
    public Optional<EmbeddingSpace> embeddingSpace() {
        return Optional.ofNullable(space);
    }

    @Override
    public void rebindEmbeddingSpace(EmbeddingSpace target) {
        Objects.requireNonNull(target, "target");
        writeLock.lock();
        try {
            ensureOpen();
            EmbeddingSpace stored = space;
            if (stored != null && stored.dimension() != target.dimension()) {
                throw new IllegalArgumentException("cannot rebind " + stored.dimension() + "-dimensional vectors to "
                        + target.modelId() + " (" + target.dimension() + " dimensions)");
            }
            recordSpace(target);
            log.info("Clause index {} rebound to embedding space {}", path, target.modelId());
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes the space into the commit user data and commits; the caller holds the write lock. */
    private void recordSpace(EmbeddingSpace s) {
        Writer w = current;
        Map<String, String> data = new HashMap<>();
        w.writer().getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
        data.put(COMMIT_MODEL, s.modelId());
        data.put(COMMIT_DIMENSION, Integer.toString(s.dimension()));
        try {
            w.writer().setLiveCommitData(data.entrySet());
            w.writer().commit();
        } catch (IOException | RuntimeException e) {
            throw writeFailed(w, "Cannot record the embedding space in " + path, e);
        }
        space = s;
    }

    // ------------------------------------------------------------------------------------------------ writes

    @Override
    public void bindEmbeddingSpace(EmbeddingSpace requested) {
        Objects.requireNonNull(requested, "space");
        writeLock.lock();
        try {
            ensureOpen();
            EmbeddingSpace stored = space;
            if (stored != null) {
                if (!stored.equals(requested)) {
                    throw new EmbeddingSpaceMismatchException(stored, requested);
                }
                return;
            }
            recordSpace(requested);
            log.info("Clause index {} bound to embedding space {} ({} dimensions)", path, requested.modelId(),
                    requested.dimension());
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The store needs a {@link #bindEmbeddingSpace bound} space and checks every vector against its dimension.
     * The stored {@link DocumentRecord#clauseCount()} is {@code clauses.size()}, whatever the record says.
     */
    @Override
    public void replaceDocument(DocumentRecord document, List<IndexedClause> clauses) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(clauses, "clauses");
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
            if (!isFinite(c.vector())) {
                throw new IllegalArgumentException("clause " + c.id() + " has a non-finite or zero vector");
            }
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("duplicate clause id " + c.id() + " in document " + document.id());
            }
        }
        DocumentRecord stored = document.clauseCount() == clauses.size() ? document
                : new DocumentRecord(document.id(), document.source(), document.contentHash(), document.metadata(),
                clauses.size(), document.ingestedAt());
        List<Document> block = new ArrayList<>(clauses.size() + 1);
        block.add(documentDoc(stored));
        for (IndexedClause c : clauses) {
            block.add(clauseDoc(stored, c));
        }
        ensureOpen();
        Writer w = current;
        try {
            // IndexWriter is thread-safe: documents are analysed and indexed in parallel by concurrent callers; only
            // commits are serialised.
            w.writer().updateDocuments(new Term(DOC_ID, document.id()), block);
        } catch (IOException | RuntimeException e) {
            throw writeFailed(w, "Cannot store document " + document.id(), e);
        }
        if (bulkSessions.get() == 0) {
            flush();
            if (current.generation() != w.generation()) {
                // another writer's failure rolled the index back after this document was added: it is not stored
                throw new IllegalStateException("Cannot store document " + document.id() + ": the index was rolled "
                        + "back after a failed write; try again");
            }
        }
    }

    /**
     * Stores several documents; each one is replaced atomically and all become visible and durable together at the
     * end (one commit).
     */
    public void replaceDocuments(Map<DocumentRecord, List<IndexedClause>> documents) {
        try (Bulk ignored = beginBulk()) {
            documents.forEach(this::replaceDocument);
        }
    }

    @Override
    public boolean deleteDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        writeLock.lock();
        try {
            ensureOpen();
            Writer w = current;
            try {
                w.searchers().maybeRefreshBlocking();
                IndexSearcher s = w.searchers().acquire();
                boolean exists;
                try {
                    exists = s.count(documentQuery(documentId)) > 0
                            || s.count(new TermQuery(new Term(DOC_ID, documentId))) > 0;
                } finally {
                    w.searchers().release(s);
                }
                if (exists) {
                    w.writer().deleteDocuments(new Term(DOC_ID, documentId));
                    if (bulkSessions.get() == 0) {
                        commitAndRefresh(w);
                    }
                }
                return exists;
            } catch (IOException | RuntimeException e) {
                throw writeFailed(w, "Cannot delete document " + documentId, e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Starts a bulk session: until every open session is {@link Bulk#close() closed}, writes are not committed and
     * not made visible one by one. Sessions may be opened from several threads.
     */
    @Override
    public Bulk beginBulk() {
        ensureOpen();
        bulkSessions.incrementAndGet();
        return new Bulk(current.generation());
    }

    /**
     * Commits pending writes and makes them visible to searches. If the commit fails (a full disk, an I/O error),
     * the index is rolled back to the last commit and a {@link StorageFullException} or {@link UncheckedIOException}
     * is thrown.
     */
    public void flush() {
        writeLock.lock();
        try {
            ensureOpen();
            Writer w = current;
            try {
                commitAndRefresh(w);
            } catch (IOException | RuntimeException e) {
                throw writeFailed(w, "Cannot commit the clause index " + path, e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Merges the index down to few segments (after a large import; optional, slow). */
    public void optimize(int maxSegments) {
        writeLock.lock();
        try {
            ensureOpen();
            Writer w = current;
            try {
                w.writer().forceMerge(maxSegments);
                commitAndRefresh(w);
            } catch (IOException | RuntimeException e) {
                throw writeFailed(w, "Cannot merge the clause index " + path, e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** A bulk-ingest session of {@link #beginBulk()}. */
    public final class Bulk implements ClauseStore.BulkSession {
        private final long generation;
        private boolean done;

        private Bulk(long generation) {
            this.generation = generation;
        }

        /**
         * Ends the session; the last one to end commits and refreshes. Idempotent. Throws if a failed write rolled
         * the index back during the session: its uncommitted documents are then not stored (their content hashes
         * are not either, so the next import ingests them again).
         */
        @Override
        public void close() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            if (bulkSessions.decrementAndGet() == 0 && !closed) {
                flush();
            }
            if (!closed && current.generation() != generation) {
                throw new IllegalStateException("A failed write rolled the clause index " + path + " back to its "
                        + "last commit during this bulk session: documents stored in the session since then are lost "
                        + "and must be ingested again");
            }
        }
    }

    private static void commitAndRefresh(Writer w) throws IOException {
        w.writer().commit();
        w.searchers().maybeRefreshBlocking();
    }

    /**
     * A write failed: rolls the index back to its last commit (so nothing of the failed write can become visible or
     * durable later, and Lucene's tragic-event state is cleared) with a fresh writer, and returns the exception to
     * throw — {@link StorageFullException} when the disk is full.
     */
    private RuntimeException writeFailed(Writer failed, String what, Throwable e) {
        if (closed) {
            return new IllegalStateException("clause store " + path + " is closed", e);
        }
        writeLock.lock();
        try {
            if (current == failed && !closed) {
                try {
                    failed.writer().rollback();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                reopenWriter(failed, e);
            }
        } finally {
            writeLock.unlock();
        }
        if (StorageFullException.isDiskFull(e)) {
            log.warn("{}: the disk is full ({}); rolled back to the last commit", what, e.getMessage());
            return new StorageFullException(what + ": no space left on the device", e);
        }
        log.warn("{}: rolled back to the last commit", what, e);
        if (e instanceof IOException io) {
            return new UncheckedIOException(what + ": " + e.getMessage(), io);
        }
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }

    /**
     * Opens a new writer on the last commit in place of the rolled-back one. If that fails too, searches keep the
     * old snapshot and the next write tries again.
     */
    private void reopenWriter(Writer failed, Throwable cause) {
        IndexWriter w;
        try {
            w = new IndexWriter(directory, writerConfig());
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            log.error("Cannot reopen the clause index {} after a failed write: {}", path, e.getMessage());
            return;
        }
        try {
            current = new Writer(w, new SearcherManager(w, null), failed.generation() + 1);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            try {
                w.rollback();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            log.error("Cannot reopen the clause index {} after a failed write: {}", path, e.getMessage());
            return;
        }
        try {
            failed.searchers().close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the searchers of the rolled-back writer", e);
        }
    }

    private static boolean isFinite(float[] v) {
        double norm = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
            norm += x * x;
        }
        return norm > 0;
    }

    private static Document documentDoc(DocumentRecord d) {
        PolicyMetadata m = d.metadata();
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_DOCUMENT, Field.Store.NO));
        doc.add(new StringField(DOC_ID, d.id(), Field.Store.YES));
        doc.add(new StoredField(SOURCE, d.source()));
        doc.add(new StoredField(CONTENT_HASH, d.contentHash()));
        doc.add(new StoredField(CLAUSE_COUNT, d.clauseCount()));
        doc.add(new StoredField(INGESTED_AT, d.ingestedAt().toString()));
        addMetadata(doc, m);
        return doc;
    }

    private static void addMetadata(Document doc, PolicyMetadata m) {
        doc.add(new StoredField(TITLE, m.title()));
        if (m.docNumber() != null) {
            doc.add(new StoredField(DOC_NUMBER, m.docNumber()));
        }
        if (m.issuer() != null) {
            doc.add(new StringField(ISSUER, m.issuer(), Field.Store.YES));
        }
        if (m.date() != null) {
            doc.add(new StringField(DATE, m.date(), Field.Store.YES));
        }
        doc.add(new StringField(STATUS, m.status().name(), Field.Store.YES));
    }

    private static Document clauseDoc(DocumentRecord d, IndexedClause c) {
        Clause clause = c.clause();
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_CLAUSE, Field.Store.NO));
        doc.add(new StringField(DOC_ID, d.id(), Field.Store.YES));
        doc.add(new StringField(CLAUSE_ID, c.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(CLAUSE_ID, new BytesRef(c.id())));
        doc.add(new StoredField(ORDINAL, c.ordinal()));
        doc.add(new TextField(TEXT, c.indexedText(), Field.Store.NO));
        doc.add(new StoredField(INDEXED_TEXT, c.indexedText()));
        doc.add(new StoredField(CLAUSE_TEXT, clause.text()));
        doc.add(new StoredField(LABEL, clause.label()));
        clause.path().forEach(p -> doc.add(new StoredField(PATH, p)));
        clause.markers().forEach(p -> doc.add(new StoredField(MARKERS, p)));
        clause.responsibleUnits().lead().forEach(u -> doc.add(new StoredField(LEAD, u)));
        clause.responsibleUnits().cooperating().forEach(u -> doc.add(new StoredField(COOPERATING, u)));
        doc.add(new StoredField(PART, clause.part()));
        doc.add(new KnnFloatVectorField(VECTOR, c.vector(), VectorSimilarityFunction.COSINE));
        doc.add(new StoredField(SOURCE, d.source()));
        addMetadata(doc, d.metadata());
        return doc;
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Override
    public Optional<DocumentRecord> findDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        return read(s -> {
            TopDocs top = s.search(documentQuery(documentId), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.<DocumentRecord>empty();
            }
            return Optional.of(toRecord(s.storedFields().document(top.scoreDocs[0].doc)));
        });
    }

    @Override
    public List<DocumentRecord> listDocuments() {
        return read(s -> {
            int n = Math.max(1, s.count(ALL_DOCUMENTS));
            StoredFields stored = s.storedFields();
            List<DocumentRecord> out = new ArrayList<>();
            for (ScoreDoc sd : s.search(ALL_DOCUMENTS, n).scoreDocs) {
                out.add(toRecord(stored.document(sd.doc)));
            }
            out.sort(Comparator.comparing(DocumentRecord::source).thenComparing(DocumentRecord::id));
            return out;
        });
    }

    @Override
    public List<IndexedClause> clausesOf(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        return read(s -> {
            Query q = new BooleanQuery.Builder()
                    .add(ALL_CLAUSES, Occur.FILTER)
                    .add(new TermQuery(new Term(DOC_ID, documentId)), Occur.FILTER)
                    .build();
            int n = s.count(q);
            if (n == 0) {
                return List.<IndexedClause>of();
            }
            ScoreDoc[] docs = s.search(q, n).scoreDocs;
            Arrays.sort(docs, Comparator.comparingInt(sd -> sd.doc));
            StoredFields stored = s.storedFields();
            List<IndexedClause> out = new ArrayList<>(docs.length);
            List<LeafReaderContext> leaves = s.getIndexReader().leaves();
            for (ScoreDoc sd : docs) {
                Document d = stored.document(sd.doc);
                out.add(new IndexedClause(d.get(CLAUSE_ID), d.getField(ORDINAL).numericValue().intValue(),
                        toClause(d), d.get(INDEXED_TEXT), vectorOf(leaves, sd.doc)));
            }
            out.sort(Comparator.comparingInt(IndexedClause::ordinal).thenComparing(IndexedClause::id));
            return out;
        });
    }

    @Override
    public long clauseCount() {
        return read(s -> (long) s.count(ALL_CLAUSES));
    }

    /** Number of stored documents. */
    public long documentCount() {
        return read(s -> (long) s.count(ALL_DOCUMENTS));
    }

    @Override
    public List<SearchHit> search(SearchQuery query) {
        Objects.requireNonNull(query, "query");
        float[] vector = query.vector();
        if (query.mode() != RetrievalMode.LEXICAL) {
            EmbeddingSpace bound = space;
            if (bound != null && vector.length != bound.dimension()) {
                throw new IllegalArgumentException("query vector has " + vector.length + " dimensions but the store's "
                        + "embedding space " + bound.modelId() + " has " + bound.dimension());
            }
            if (bound == null) {
                return List.of();
            }
        }
        Query filter = filterQuery(query.filter());
        Query lexical = query.mode() == RetrievalMode.DENSE ? null
                : LexicalQueries.build(TEXT, lexicalAnalyzer.tokenize(query.text()));
        int k = query.candidates();
        return read(s -> {
            Map<Integer, String> ids = new HashMap<>();
            ScoreDoc[] ranked = switch (query.mode()) {
                case DENSE -> sortDeterministically(s, dense(s, vector, k, filter), null, ids);
                case LEXICAL -> sortDeterministically(s, lexical(s, lexical, k, filter), null, ids);
                case HYBRID -> fuse(s,
                        query.denseWeight() == 0 ? new ScoreDoc[0]
                                : sortDeterministically(s, dense(s, vector, k, filter), null, ids),
                        query.lexicalWeight() == 0 ? new ScoreDoc[0]
                                : sortDeterministically(s, lexical(s, lexical, k, filter), null, ids),
                        query, ids);
            };
            return toHits(s, ranked, query.topK(), query.mode() == RetrievalMode.LEXICAL ? null : vector);
        });
    }

    private static ScoreDoc[] dense(IndexSearcher s, float[] vector, int k, Query filter) throws IOException {
        return s.search(new KnnFloatVectorQuery(VECTOR, vector, k, filter), k).scoreDocs;
    }

    private static ScoreDoc[] lexical(IndexSearcher s, Query terms, int k, Query filter) throws IOException {
        if (terms == null) {
            return new ScoreDoc[0];
        }
        Query q = filter == null ? terms
                : new BooleanQuery.Builder().add(terms, Occur.MUST).add(filter, Occur.FILTER).build();
        return s.search(q, k).scoreDocs;
    }

    /** Weighted reciprocal rank fusion: {@code Σ weight / (rrfK + rank)}, rank starting at 1. */
    private static ScoreDoc[] fuse(IndexSearcher s, ScoreDoc[] dense, ScoreDoc[] lexical, SearchQuery q,
                                   Map<Integer, String> ids) {
        Map<Integer, Double> fused = new LinkedHashMap<>();
        addRanks(fused, dense, q.denseWeight(), q.rrfK());
        addRanks(fused, lexical, q.lexicalWeight(), q.rrfK());
        ScoreDoc[] out = new ScoreDoc[fused.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : fused.entrySet()) {
            out[i++] = new ScoreDoc(e.getKey(), e.getValue().floatValue());
        }
        // ordered by the exact double sums: the float in ScoreDoc could merge near-ties
        return sortDeterministically(s, out, fused, ids);
    }

    private static void addRanks(Map<Integer, Double> fused, ScoreDoc[] ranking, double weight, int k) {
        for (int r = 0; r < ranking.length; r++) {
            fused.merge(ranking[r].doc, weight / (k + r + 1), Double::sum);
        }
    }

    /** Orders by descending score (exact doubles when given), ties by clause id, so results never depend on docids. */
    private static ScoreDoc[] sortDeterministically(IndexSearcher s, ScoreDoc[] docs, Map<Integer, Double> exact,
                                                    Map<Integer, String> ids) {
        for (ScoreDoc sd : docs) {
            ids.computeIfAbsent(sd.doc, doc -> clauseIdOf(s, doc));
        }
        Comparator<ScoreDoc> byScore = exact == null
                ? Comparator.comparingDouble((ScoreDoc sd) -> sd.score).reversed()
                : Comparator.comparingDouble((ScoreDoc sd) -> exact.get(sd.doc)).reversed();
        ScoreDoc[] copy = docs.clone();
        Arrays.sort(copy, byScore.thenComparing(sd -> ids.get(sd.doc)));
        return copy;
    }

    private static String clauseIdOf(IndexSearcher s, int doc) {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        try {
            SortedDocValues dv = leaf.reader().getSortedDocValues(CLAUSE_ID);
            if (dv != null && dv.advanceExact(doc - leaf.docBase)) {
                return dv.lookupOrd(dv.ordValue()).utf8ToString();
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SearchHit> toHits(IndexSearcher s, ScoreDoc[] ranked, int topK, float[] queryVector)
            throws IOException {
        ScoreDoc[] ordered = ranked;
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        int n = Math.min(topK, ordered.length);
        List<SearchHit> hits = new ArrayList<>(n);
        StoredFields stored = s.storedFields();
        for (int i = 0; i < n; i++) {
            Document d = stored.document(ordered[i].doc, HIT_FIELDS);
            Clause c = toClause(d);
            hits.add(new SearchHit(d.get(CLAUSE_ID), d.get(DOC_ID), d.get(TITLE), d.get(DOC_NUMBER), d.get(SOURCE),
                    c.label(), c.path(), c.markers(), c.text(), ordered[i].score,
                    queryVector == null ? Double.NaN : dot(queryVector, vectorOf(leaves, ordered[i].doc)),
                    c.responsibleUnits(), status(d.get(STATUS))));
        }
        return hits;
    }

    /** Stored vectors are unit length, so their dot product with a unit query vector is the cosine. */
    private static double dot(float[] a, float[] b) {
        if (b.length != a.length) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static Clause toClause(Document d) {
        return new Clause(List.of(d.getValues(PATH)), List.of(d.getValues(MARKERS)), d.get(LABEL), d.get(CLAUSE_TEXT),
                new ResponsibleUnits(List.of(d.getValues(LEAD)), List.of(d.getValues(COOPERATING))),
                d.getField(PART) == null ? 0 : d.getField(PART).numericValue().intValue());
    }

    private static DocumentRecord toRecord(Document d) {
        PolicyMetadata m = new PolicyMetadata(d.get(TITLE), d.get(DOC_NUMBER), d.get(ISSUER), d.get(DATE),
                status(d.get(STATUS)));
        IndexableField count = d.getField(CLAUSE_COUNT);
        return new DocumentRecord(d.get(DOC_ID), d.get(SOURCE), d.get(CONTENT_HASH), m,
                count.numericValue().intValue(), Instant.parse(d.get(INGESTED_AT)));
    }

    private static DocumentStatus status(String s) {
        return s == null ? DocumentStatus.NORMAL : DocumentStatus.valueOf(s);
    }

    private static float[] vectorOf(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        if (values == null) {
            return new float[0];
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        if (it.advance(doc - leaf.docBase) != doc - leaf.docBase) {
            return new float[0];
        }
        return values.vectorValue(it.index()).clone();
    }

    private static Query documentQuery(String documentId) {
        return new BooleanQuery.Builder()
                .add(ALL_DOCUMENTS, Occur.FILTER)
                .add(new TermQuery(new Term(DOC_ID, documentId)), Occur.FILTER)
                .build();
    }

    /** The filter as a Lucene query over clause documents, or {@code null} for no restriction. */
    static Query filterQuery(ClauseFilter f) {
        if (f == null || f.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(ALL_CLAUSES, Occur.FILTER);
        if (!f.documentIds().isEmpty()) {
            b.add(new TermInSetQuery(DOC_ID, f.documentIds().stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
        if (!f.issuers().isEmpty()) {
            b.add(new TermInSetQuery(ISSUER, f.issuers().stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
        if (f.dateFrom() != null || f.dateTo() != null) {
            b.add(TermRangeQuery.newStringRange(DATE, f.dateFrom(), f.dateTo(), true, true), Occur.FILTER);
        }
        if (!f.includeDrafts()) {
            b.add(new TermQuery(new Term(STATUS, DocumentStatus.DRAFT.name())), Occur.MUST_NOT);
        }
        if (!f.excludedDocumentIds().isEmpty()) {
            b.add(new TermInSetQuery(DOC_ID, f.excludedDocumentIds().stream().map(BytesRef::new).toList()),
                    Occur.MUST_NOT);
        }
        return b.build();
    }

    /**
     * What {@link #verify()} found: Lucene's {@link CheckIndex} verdict on the last commit and whether documents and
     * clauses agree — every document record has exactly its {@code clauseCount} clauses, no clause without a
     * document record (orphan), no document recorded twice.
     *
     * @param incompleteDocuments ids of documents whose stored clause count differs from their record
     * @param orphanDocumentIds   document ids that clauses carry but no document record has
     * @param duplicateDocuments  ids with more than one document record
     */
    public record Verification(boolean checkIndexClean, String checkIndexMessage, long documents, long clauses,
                               List<String> incompleteDocuments, List<String> orphanDocumentIds,
                               List<String> duplicateDocuments) {

        public Verification {
            incompleteDocuments = List.copyOf(incompleteDocuments);
            orphanDocumentIds = List.copyOf(orphanDocumentIds);
            duplicateDocuments = List.copyOf(duplicateDocuments);
        }

        public boolean consistent() {
            return checkIndexClean && incompleteDocuments.isEmpty() && orphanDocumentIds.isEmpty()
                    && duplicateDocuments.isEmpty();
        }
    }

    /**
     * Checks the index: {@link CheckIndex} over the last commit (read-only; safe while the store is open and no
     * write is under way) and the agreement of document records and clauses in the current snapshot.
     */
    public Verification verify() {
        ensureOpen();
        boolean clean;
        String message;
        try (CheckIndex check = new CheckIndex(directory, NoLockFactory.INSTANCE.obtainLock(directory, "check"))) {
            CheckIndex.Status status = check.checkIndex();
            clean = status.clean;
            message = status.clean ? "clean" : status.numBadSegments + " bad segments of " + status.numSegments
                    + (status.missingSegments ? ", segments missing" : "");
        } catch (IOException | RuntimeException e) {
            clean = false;
            message = e.toString();
        }
        boolean checkClean = clean;
        String checkMessage = message;
        return read(s -> {
            List<String> incomplete = new ArrayList<>();
            List<String> orphans = new ArrayList<>();
            List<String> duplicates = new ArrayList<>();
            Terms ids = MultiTerms.getTerms(s.getIndexReader(), DOC_ID);
            if (ids != null) {
                TermsEnum it = ids.iterator();
                for (BytesRef term = it.next(); term != null; term = it.next()) {
                    String id = term.utf8ToString();
                    int records = s.count(documentQuery(id));
                    int clauses = s.count(new BooleanQuery.Builder().add(ALL_CLAUSES, Occur.FILTER)
                            .add(new TermQuery(new Term(DOC_ID, id)), Occur.FILTER).build());
                    if (records == 0) {
                        if (clauses > 0) {
                            orphans.add(id);
                        }
                        continue;
                    }
                    if (records > 1) {
                        duplicates.add(id);
                    }
                    TopDocs top = s.search(documentQuery(id), 1);
                    int recorded = toRecord(s.storedFields().document(top.scoreDocs[0].doc)).clauseCount();
                    if (recorded != clauses) {
                        incomplete.add(id);
                    }
                }
            }
            return new Verification(checkClean, checkMessage, s.count(ALL_DOCUMENTS), s.count(ALL_CLAUSES),
                    incomplete, orphans, duplicates);
        });
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T read(SearchFunction<T> fn) {
        ensureOpen();
        SearcherManager searchers = current.searchers();
        IndexSearcher s;
        try {
            s = searchers.acquire();
        } catch (AlreadyClosedException e) {
            throw new IllegalStateException("clause store " + path + " is closed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return fn.apply(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                searchers.release(s);
            } catch (IOException e) {
                log.warn("Cannot release searcher", e);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("clause store " + path + " is closed");
        }
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Writer w = current;
            try {
                w.searchers().close();
                w.writer().close();
            } finally {
                analyzer.close();
                directory.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close clause index " + path, e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "LuceneClauseStore[" + path + ", " + lexicalAnalyzer + ", " + space + "]";
    }
}
