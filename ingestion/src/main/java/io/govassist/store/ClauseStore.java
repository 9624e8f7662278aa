package io.govassist.store;

import java.util.List;
import java.util.Optional;

/**
 * Stores clauses with their embeddings and full text, and searches them (dense, lexical, or both fused).
 *
 * <p>Implementations: {@link LuceneClauseStore} (embedded, on disk; the default) and {@link PgVectorClauseStore}
 * (PostgreSQL + pgvector). All pass the same conformance suite ({@code ClauseStoreConformanceTest}).
 *
 * <p>Guarantees: {@link #replaceDocument} is atomic — a concurrent search sees the old version or the new one,
 * never a mix; {@link #deleteDocument} removes every clause of a document; searches never mix vectors of
 * different {@link EmbeddingSpace}s.
 */
public interface ClauseStore extends AutoCloseable {

    /**
     * Binds the store to an embedding space: records it on first use, and throws
     * {@link EmbeddingSpaceMismatchException} if the store was built with another one.
     */
    void bindEmbeddingSpace(EmbeddingSpace space);

    /** The embedding space the store is bound to (or was built with, when binding failed), if any. */
    Optional<EmbeddingSpace> embeddingSpace();

    /**
     * Records {@code target} as the store's embedding space, after every stored clause's vector was replaced by one
     * from {@code target} (the {@code reindex} command). Vectors of another model cannot share an index, so a
     * caller must have re-embedded everything first; the dimension cannot change (the stores size their vector
     * columns by it), which throws {@link IllegalArgumentException}.
     */
    void rebindEmbeddingSpace(EmbeddingSpace target);

    /** Atomically replaces all clauses and metadata of {@code document} (insert if new). */
    void replaceDocument(DocumentRecord document, List<IndexedClause> clauses);

    /** Deletes a document and all its clauses; returns whether it existed. */
    boolean deleteDocument(String documentId);

    Optional<DocumentRecord> findDocument(String documentId);

    /** All documents, ordered by source. */
    List<DocumentRecord> listDocuments();

    /** The clauses of one document in document order (vectors included). */
    List<IndexedClause> clausesOf(String documentId);

    /** Hits ordered by descending score; at most {@code query.topK()}. */
    List<SearchHit> search(SearchQuery query);

    /** Number of stored clauses. */
    long clauseCount();

    /**
     * Starts a bulk session for throughput: writes made until every open session is closed may be committed
     * together (the embedded store defers its commit; each document is still replaced atomically for readers once
     * committed). The default is a no-op session: every write is durable on its own.
     */
    default BulkSession beginBulk() {
        return () -> {
        };
    }

    /**
     * Excludes every other holder of the same document's lock until the returned handle is closed, so a caller can
     * check, parse, embed and store a document without another one doing the same. Stores shared by several
     * processes (PostgreSQL) lock across processes; the default returns a no-op handle, for stores that only one
     * process opens (callers still lock within their JVM).
     */
    default DocumentLock lockDocument(String documentId) {
        return () -> {
        };
    }

    /** A lock of {@link #lockDocument}; closing releases it. */
    interface DocumentLock extends AutoCloseable {
        @Override
        void close();
    }

    /** A bulk session of {@link #beginBulk()}; closing it makes its writes durable and visible. */
    interface BulkSession extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    void close();
}
