/**
 * Website sync: an administrator configures a source — a portal's policy column (its list page and a pattern for
 * the links of document pages), a schedule and a polite delay — and each run fetches the list page, then every
 * linked page that is new or changed (conditional requests with ETag / Last-Modified, then the content hash), and
 * ingests it like an HTML upload with the page's URL as the document's source. Pages that left the list or answer
 * 404/410 are flagged {@code MISSING}, never deleted: staff decide. robots.txt is honoured; redirects stay on the
 * list page's host; only http(s). Sources, runs and per-page state live in the application database; the admin API
 * is {@code /api/v1/admin/sync/**}, every change and run is audited. Uses the ingestion pipeline, the clause store,
 * {@code documents} (keeping originals for re-ingest), {@code knowledge} (a source may name a knowledge base its pages
 * are added to) and {@code security.audit}; nothing else depends on it.
 */
package io.govassist.sync;
