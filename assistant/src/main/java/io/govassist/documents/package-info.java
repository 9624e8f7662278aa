/**
 * Documents over HTTP: list, read with the clause tree, upload (multipart, per-file results), re-ingest from the
 * stored original, delete. Uses the ingestion pipeline and the clause store.
 */
package io.govassist.documents;
