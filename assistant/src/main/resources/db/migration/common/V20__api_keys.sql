-- API keys of other portals for the OpenAI-compatible embedding API. Only the SHA-256 of a key is stored; the key
-- itself is shown once when it is created. Revoked keys stay for the record (revoked_at set).
CREATE TABLE api_key (
    id                  VARCHAR(40)  PRIMARY KEY,
    name                VARCHAR(200) NOT NULL,
    key_hash            VARCHAR(64)  NOT NULL,
    key_prefix          VARCHAR(16)  NOT NULL,
    requests_per_minute BIGINT       NOT NULL,
    tokens_per_minute   BIGINT       NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at        TIMESTAMP WITH TIME ZONE,
    revoked_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_api_key_hash UNIQUE (key_hash)
);
