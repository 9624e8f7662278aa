-- Chat conversations and their turns (issue #4), shared by every replica. Questions are stored with personal data
-- masked; citations and notices are JSON text. feedback (1 = helpful, -1 = not helpful) is set by the widget.
CREATE TABLE chat_conversation (
    id         VARCHAR(36) PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE chat_turn (
    id              VARCHAR(36) PRIMARY KEY,
    conversation_id VARCHAR(36) NOT NULL REFERENCES chat_conversation (id) ON DELETE CASCADE,
    turn_no         INTEGER NOT NULL,
    question        TEXT NOT NULL,
    search_query    TEXT NOT NULL,
    answer          TEXT NOT NULL,
    citations       TEXT NOT NULL,
    notices         TEXT NOT NULL,
    grounded        BOOLEAN NOT NULL,
    mode            VARCHAR(16) NOT NULL,
    feedback        SMALLINT,
    feedback_at     TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT chat_turn_conversation_turn UNIQUE (conversation_id, turn_no),
    CONSTRAINT chat_turn_feedback CHECK (feedback IS NULL OR feedback IN (-1, 1))
);
