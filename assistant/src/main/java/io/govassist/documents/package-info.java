/**
 * Documents over HTTP: list, read with the clause tree, upload (multipart, per-file results), re-ingest from the
 * stored original, delete. Uses the ingestion pipeline, the clause store and {@code knowledge} (upload into a
 * knowledge base, each document's knowledge bases, memberships removed with the document). {@code OriginalDocuments}
 * is public for the website sync ({@code sync}), which keeps the pages it ingests like uploads.
 */
package io.govassist.documents;
