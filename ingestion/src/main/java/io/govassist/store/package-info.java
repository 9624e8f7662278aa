/**
 * The clause stores behind {@code ClauseStore}: {@code LuceneClauseStore} (embedded, HNSW + BM25) and
 * {@code PgVectorClauseStore} (PostgreSQL + pgvector, HNSW + GIN), both passing one conformance suite; search queries,
 * filters, hits and the embedding-space check.
 */
package io.govassist.store;
