-- Knowledge bases (issue #16): named sets of documents a search or chat can be scoped to. A document may belong to
-- several; a document in none belongs to 'default' (so documents imported before this migration, or without a
-- knowledge base, keep being searched as before). Audience STAFF: searchable only by signed-in staff, and its
-- documents (unless also in a PUBLIC one or 'default') are left out of every unscoped search. Suggested questions
-- are a JSON array of strings. Memberships are keyed by the store's document id (documents live in the clause store,
-- not in this database), so deleting a document deletes its rows in the application code.
CREATE TABLE knowledge_base (
    id                  VARCHAR(64) PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    audience            VARCHAR(16) NOT NULL,
    welcome             TEXT,
    suggested_questions TEXT NOT NULL,
    refusal_threshold   DOUBLE PRECISION,
    created_by          VARCHAR(200) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT knowledge_base_audience CHECK (audience IN ('PUBLIC', 'STAFF'))
);

CREATE TABLE knowledge_base_document (
    knowledge_base_id VARCHAR(64) NOT NULL REFERENCES knowledge_base (id) ON DELETE CASCADE,
    document_id       VARCHAR(200) NOT NULL,
    PRIMARY KEY (knowledge_base_id, document_id)
);

CREATE INDEX knowledge_base_document_document ON knowledge_base_document (document_id);

INSERT INTO knowledge_base (id, name, audience, welcome, suggested_questions, created_by, created_at)
VALUES ('default', '全部政策文件', 'PUBLIC', NULL, '[]', 'system', CURRENT_TIMESTAMP);
