-- The original bytes of uploaded documents, kept so that an administrator can re-ingest them (the index keeps
-- only the parsed clauses). Documents imported from govassist.ingest.paths or the demo corpus are re-read from
-- there instead.
CREATE TABLE document_original (
    document_id  VARCHAR(64)   PRIMARY KEY,
    source       VARCHAR(1000) NOT NULL,
    content_hash VARCHAR(64)   NOT NULL,
    content      BYTEA         NOT NULL,
    stored_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
