-- The PostgreSQL + pgvector clause store (PgVectorClauseStore). Migrated by the store itself with its own history
-- table (govassist_store_schema_history); placeholders: ${dimension} (embedding dimension), ${model_id} and
-- ${analyzer} (recorded in store_meta, checked on every start).

-- Identity of the index: embedding space and lexical analyzer. Vectors or tokens of another model/analyzer must
-- never be mixed in.
CREATE TABLE store_meta (
    meta_key   TEXT PRIMARY KEY,
    meta_value TEXT NOT NULL
);
INSERT INTO store_meta (meta_key, meta_value) VALUES
    ('format', '1'),
    ('embedding.model', '${model_id}'),
    ('embedding.dimension', '${dimension}'),
    ('lexical.analyzer', '${analyzer}');

CREATE TABLE store_document (
    id           TEXT PRIMARY KEY,
    source       TEXT        NOT NULL,
    content_hash TEXT        NOT NULL,
    title        TEXT        NOT NULL,
    doc_number   TEXT,
    issuer       TEXT,
    doc_date     DATE,
    status       TEXT        NOT NULL,
    clause_count INTEGER     NOT NULL CHECK (clause_count >= 0),
    -- lexical tokens of all its clauses (for the average clause length of the lexical ranking)
    token_count  BIGINT      NOT NULL DEFAULT 0,
    ingested_at  TIMESTAMPTZ NOT NULL,
    -- nanosecond of the second of ingested_at (timestamptz keeps microseconds; the record keeps nanoseconds)
    ingested_nanos INTEGER   NOT NULL DEFAULT 0
);
CREATE INDEX store_document_source ON store_document (source, id);

-- One row per citable clause. Filtered-on document fields (issuer, date, status) are copied onto the clause so a
-- filtered vector or lexical search needs no join; they are rewritten with the clauses on every replace.
CREATE TABLE store_clause (
    id           TEXT PRIMARY KEY,
    document_id  TEXT     NOT NULL REFERENCES store_document (id) ON DELETE CASCADE,
    ordinal      INTEGER  NOT NULL,
    issuer       TEXT,
    doc_date     DATE,
    status       TEXT     NOT NULL,
    label        TEXT     NOT NULL,
    clause_text  TEXT     NOT NULL,
    indexed_text TEXT     NOT NULL,
    -- path, markers, lead and cooperating units, part
    detail       JSONB    NOT NULL,
    -- tokens of indexed_text made by the Java LexicalAnalyzer (no text search configuration is applied)
    lexemes      TSVECTOR NOT NULL,
    token_count  INTEGER  NOT NULL DEFAULT 0,
    embedding    vector(${dimension}) NOT NULL
);
CREATE INDEX store_clause_document ON store_clause (document_id, ordinal);
CREATE INDEX store_clause_issuer ON store_clause (issuer);
CREATE INDEX store_clause_date ON store_clause (doc_date);
-- fastupdate off: a pending list would be scanned by every search until vacuum merges it
CREATE INDEX store_clause_lexemes ON store_clause USING gin (lexemes) WITH (fastupdate = off);
CREATE INDEX store_clause_embedding ON store_clause USING hnsw (embedding vector_cosine_ops)
    WITH (m = 16, ef_construction = 64);

-- Document frequency of every lexical token (number of clauses containing it), kept up to date in the transaction
-- that writes the clauses: the lexical ranking weighs tokens by inverse document frequency and skips the most
-- common ones when it gathers candidates.
CREATE TABLE store_term (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
);
