-- 转人工 tickets (issue #14): a citizen asks for a person; staff claim, reply, close. The id is the only key a
-- citizen holds (unguessable, 32 random bytes). The question is stored with personal data masked; the contact as
-- given (staff may need to call back) and masked wherever it is listed.
CREATE TABLE chat_handoff (
    id              VARCHAR(64) PRIMARY KEY,
    conversation_id VARCHAR(36) REFERENCES chat_conversation (id) ON DELETE SET NULL,
    question        TEXT NOT NULL,
    contact         VARCHAR(200),
    status          VARCHAR(16) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by      VARCHAR(200),
    claimed_at      TIMESTAMP WITH TIME ZONE,
    reply_text      TEXT,
    replied_by      VARCHAR(200),
    replied_at      TIMESTAMP WITH TIME ZONE,
    closed_at       TIMESTAMP WITH TIME ZONE,
    CONSTRAINT chat_handoff_status CHECK (status IN ('OPEN', 'CLAIMED', 'ANSWERED', 'CLOSED'))
);

CREATE INDEX chat_handoff_status_created ON chat_handoff (status, created_at);
CREATE INDEX chat_handoff_conversation ON chat_handoff (conversation_id);
