-- Token buckets shared by every replica (Bucket4j's PostgreSQL select-for-update proxy manager): one row per
-- budget key, e.g. 'chat|203.0.113.10|30' (kind, client, limit per minute). expires_at (epoch milliseconds) is
-- when the bucket will be full again; rows past it are deleted by the application's cleaner.
CREATE TABLE rate_limit_bucket (
    id         TEXT PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);

CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
