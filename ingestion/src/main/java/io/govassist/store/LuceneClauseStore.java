package io.govassist.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static io.govassist.store.LuceneDocuments.ALL_CLAUSES;
import static io.govassist.store.LuceneDocuments.ALL_DOCUMENTS;
import static io.govassist.store.LuceneDocuments.CLAUSE_ID;
import static io.govassist.store.LuceneDocuments.COMMIT_ANALYZER;
import static io.govassist.store.LuceneDocuments.COMMIT_DIMENSION;
import static io.govassist.store.LuceneDocuments.COMMIT_FORMAT;
import static io.govassist.store.LuceneDocuments.COMMIT_MODEL;
import static io.govassist.store.LuceneDocuments.DOC_ID;
import static io.govassist.store.LuceneDocuments.FORMAT_VERSION;
import static io.govassist.store.LuceneDocuments.INDEXED_TEXT;
import static io.govassist.store.LuceneDocuments.ORDINAL;
import static io.govassist.store.LuceneDocuments.TEXT;

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
 *
 * <h2>Collaborators</h2>
 * This class checks arguments, holds the state and runs each operation; the index layout is
 * {@link LuceneDocuments}, the writer with its commits and rollbacks {@link LuceneIndexWriting}, the dense and lexical
 * rankings and their fusion {@link LuceneSearch}, excluded documents as cached views of a snapshot
 * {@link LuceneExclusions}, the consistency check {@link LuceneIndexCheck}.
 */
public final class LuceneClauseStore implements ClauseStore {

    private static final Logger log = LoggerFactory.getLogger(LuceneClauseStore.class);

    private LuceneIndexWriting.Writer current() {
        return writing.current();
    }

    private final Path path;
    private final LexicalAnalyzer lexicalAnalyzer;
    private final Directory directory;
    private final LuceneIndexWriting writing;
    private final AtomicInteger bulkSessions = new AtomicInteger();
    private final LuceneExclusions exclusions = new LuceneExclusions();
    private volatile boolean exclusionViews = true;
    private volatile EmbeddingSpace space;

    private LuceneClauseStore(Path path, LexicalAnalyzer lexicalAnalyzer, UnaryOperator<Directory> wrapDirectory)
            throws IOException {
        this.path = path;
        this.lexicalAnalyzer = lexicalAnalyzer;
        Files.createDirectories(path);
        this.directory = wrapDirectory.apply(FSDirectory.open(path));
        Analyzer analyzer = lexicalAnalyzer.newAnalyzer();
        this.writing = new LuceneIndexWriting(path, directory, analyzer);
        IndexWriter w = null;
        try {
            Map<String, String> committed = LuceneDocuments.readCommitData(directory);
            String storedAnalyzer = committed.get(COMMIT_ANALYZER);
            if (storedAnalyzer != null && !storedAnalyzer.equals(lexicalAnalyzer.name())) {
                throw new IllegalStateException("The index in " + path + " was built with lexical analyzer "
                        + storedAnalyzer + " but " + lexicalAnalyzer + " is configured: BM25 terms would not match. "
                        + "Configure " + storedAnalyzer + " or re-ingest into an empty directory.");
            }
            w = writing.newWriter();
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
            writing.start(w);
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.rollback();
            }
            analyzer.close();
            directory.close();
            throw e;
        }
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
        writing.lock();
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
            writing.unlock();
        }
    }

    /** Writes the space into the commit user data and commits; the caller holds the write lock. */
    private void recordSpace(EmbeddingSpace s) {
        LuceneIndexWriting.Writer w = current();
        Map<String, String> data = new HashMap<>();
        w.writer().getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
        data.put(COMMIT_MODEL, s.modelId());
        data.put(COMMIT_DIMENSION, Integer.toString(s.dimension()));
        try {
            w.writer().setLiveCommitData(data.entrySet());
            w.writer().commit();
        } catch (IOException | RuntimeException e) {
            throw writing.failed(w, "Cannot record the embedding space in " + path, e);
        }
        space = s;
    }

    // ------------------------------------------------------------------------------------------------ writes

    @Override
    public void bindEmbeddingSpace(EmbeddingSpace requested) {
        Objects.requireNonNull(requested, "space");
        writing.lock();
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
            writing.unlock();
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
        ClauseStoreChecks.checkClauses(document, clauses, bound);
        DocumentRecord stored = document.clauseCount() == clauses.size() ? document
                : new DocumentRecord(document.id(), document.source(), document.contentHash(), document.metadata(),
                clauses.size(), document.ingestedAt());
        List<Document> block = new ArrayList<>(clauses.size() + 1);
        block.add(LuceneDocuments.documentDoc(stored));
        for (IndexedClause c : clauses) {
            block.add(LuceneDocuments.clauseDoc(stored, c));
        }
        ensureOpen();
        LuceneIndexWriting.Writer w = current();
        try {
            // IndexWriter is thread-safe: documents are analysed and indexed in parallel by concurrent callers; only
            // commits are serialised.
            w.writer().updateDocuments(new Term(DOC_ID, document.id()), block);
        } catch (IOException | RuntimeException e) {
            throw writing.failed(w, "Cannot store document " + document.id(), e);
        }
        if (bulkSessions.get() == 0) {
            flush();
            if (current().generation() != w.generation()) {
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
        writing.lock();
        try {
            ensureOpen();
            LuceneIndexWriting.Writer w = current();
            try {
                w.searchers().maybeRefreshBlocking();
                IndexSearcher s = w.searchers().acquire();
                boolean exists;
                try {
                    exists = s.count(LuceneDocuments.documentQuery(documentId)) > 0
                            || s.count(new TermQuery(new Term(DOC_ID, documentId))) > 0;
                } finally {
                    w.searchers().release(s);
                }
                if (exists) {
                    w.writer().deleteDocuments(new Term(DOC_ID, documentId));
                    if (bulkSessions.get() == 0) {
                        LuceneIndexWriting.commitAndRefresh(w);
                    }
                }
                return exists;
            } catch (IOException | RuntimeException e) {
                throw writing.failed(w, "Cannot delete document " + documentId, e);
            }
        } finally {
            writing.unlock();
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
        return new Bulk(current().generation());
    }

    /**
     * Commits pending writes and makes them visible to searches. If the commit fails (a full disk, an I/O error),
     * the index is rolled back to the last commit and a {@link StorageFullException} or {@link UncheckedIOException}
     * is thrown.
     */
    public void flush() {
        writing.commit("Cannot commit the clause index " + path);
    }

    /** Merges the index down to few segments (after a large import; optional, slow). */
    public void optimize(int maxSegments) {
        writing.forceMerge(maxSegments, "Cannot merge the clause index " + path);
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
            if (bulkSessions.decrementAndGet() == 0 && !writing.closed()) {
                flush();
            }
            if (!writing.closed() && current().generation() != generation) {
                throw new IllegalStateException("A failed write rolled the clause index " + path + " back to its "
                        + "last commit during this bulk session: documents stored in the session since then are lost "
                        + "and must be ingested again");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Override
    public Optional<DocumentRecord> findDocument(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        return read(s -> {
            TopDocs top = s.search(LuceneDocuments.documentQuery(documentId), 1);
            if (top.scoreDocs.length == 0) {
                return Optional.<DocumentRecord>empty();
            }
            return Optional.of(LuceneDocuments.toRecord(s.storedFields().document(top.scoreDocs[0].doc)));
        });
    }

    @Override
    public List<DocumentRecord> listDocuments() {
        return read(s -> {
            int n = Math.max(1, s.count(ALL_DOCUMENTS));
            StoredFields stored = s.storedFields();
            List<DocumentRecord> out = new ArrayList<>();
            for (ScoreDoc sd : s.search(ALL_DOCUMENTS, n).scoreDocs) {
                out.add(LuceneDocuments.toRecord(stored.document(sd.doc)));
            }
            out.sort(Comparator.comparing(DocumentRecord::source).thenComparing(DocumentRecord::id));
            return out;
        });
    }

    @Override
    public List<IndexedClause> clausesOf(String documentId) {
        Objects.requireNonNull(documentId, "documentId");
        return read(s -> {
            Query q = LuceneDocuments.clausesQuery(documentId);
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
                        LuceneDocuments.toClause(d), d.get(INDEXED_TEXT),
                        LuceneDocuments.vectorOf(leaves, sd.doc)));
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
        if (!ClauseStoreChecks.answerable(query, space)) {
            return List.of();
        }
        Query lexical = query.mode() == RetrievalMode.DENSE ? null
                : LexicalQueries.build(TEXT, lexicalAnalyzer.tokenize(query.text()));
        ClauseFilter f = query.filter();
        if (exclusionViews && f != null && !f.excludedDocumentIds().isEmpty()) {
            // excluded documents hidden as deletions in a cached view of the snapshot (LuceneExclusions)
            Query rest = LuceneDocuments.filterQuery(f.withoutExclusions());
            return read(s -> LuceneSearch.run(s, query, lexical, rest,
                    exclusions.view(s, f.excludedDocumentIds())));
        }
        Query filter = LuceneDocuments.filterQuery(f);
        return read(s -> LuceneSearch.run(s, query, lexical, filter));
    }

    /**
     * Whether exclusions are applied as cached views ({@link LuceneExclusions}, the default) or as a {@code MUST_NOT}
     * filter in every query (the earlier way, kept for the benchmark and the equivalence test).
     */
    void useExclusionViews(boolean enabled) {
        exclusionViews = enabled;
    }

    /** The cache of exclusion views (tests). */
    LuceneExclusions exclusions() {
        return exclusions;
    }

    /**
     * What {@link #verify()} found: Lucene's {@link org.apache.lucene.index.CheckIndex} verdict on the last commit and whether documents and
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
     * Checks the index: {@link org.apache.lucene.index.CheckIndex} over the last commit (read-only; safe while the store is open and no
     * write is under way) and the agreement of document records and clauses in the current snapshot.
     */
    public Verification verify() {
        ensureOpen();
        LuceneIndexCheck.CommitCheck commit = LuceneIndexCheck.checkCommit(directory);
        return read(s -> LuceneIndexCheck.verify(s, commit));
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface SearchFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T read(SearchFunction<T> fn) {
        ensureOpen();
        SearcherManager searchers = current().searchers();
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
        writing.ensureOpen();
    }

    @Override
    public void close() {
        writing.close();
    }

    @Override
    public String toString() {
        return "LuceneClauseStore[" + path + ", " + lexicalAnalyzer + ", " + space + "]";
    }
}
