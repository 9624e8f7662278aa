/**
 * The clause stores behind {@code ClauseStore}: {@code LuceneClauseStore} (embedded, HNSW + BM25) and
 * {@code PgVectorClauseStore} (PostgreSQL + pgvector, HNSW + GIN), both passing one conformance suite; search queries,
 * filters, hits and the embedding-space check.
 *
 * <p>Each store class checks arguments, holds the state and orchestrates; its package-private collaborators carry its
 * prefix, one per seam: {@code PgVectorSchema}, {@code PgVectorWriter}, {@code PgVectorSearch} with
 * {@code PgLexicalRanking}, {@code PgVectorRows}, {@code PgVectorSql}, {@code PgVectorFilter}; {@code LuceneDocuments},
 * {@code LuceneIndexWriting}, {@code LuceneSearch}, {@code LuceneExclusions}, {@code LuceneIndexCheck}.
 * {@code ClauseStoreChecks} holds the
 * argument checks both make. The two fuse their rankings alike (weighted reciprocal rank, ties by clause id) but
 * PostgreSQL does it in SQL, so there is no shared fusion class. May use the parsed clauses of
 * {@code io.govassist.ingestion}, Lucene, JDBC with pgvector and Flyway, and Jackson; nothing of the assistant.
 */
package io.govassist.store;
