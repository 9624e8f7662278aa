-- Curated answers, 常见问题 (issue #14 part 3): a question and its staff-reviewed answer, resting on clauses. A chat
-- question close enough to an ACTIVE one gets this answer first, labelled 人工审核. The clauses are stored as a JSON
-- array of {documentId, clauseId, label, documentTitle}; their text is read from the store when the answer is served,
-- so a curated answer whose clause was removed is not served. Retired answers are kept for the record.
CREATE TABLE curated_answer (
    id            VARCHAR(36) PRIMARY KEY,
    question      TEXT NOT NULL,
    answer        TEXT NOT NULL,
    clauses       TEXT NOT NULL,
    status        VARCHAR(16) NOT NULL,
    source_ticket VARCHAR(64),
    created_by    VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by    VARCHAR(200) NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT curated_answer_status CHECK (status IN ('ACTIVE', 'RETIRED'))
);

CREATE INDEX curated_answer_status_updated ON curated_answer (status, updated_at);
