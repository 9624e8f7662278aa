-- Website sync (issue #15 part 4): an admin-configured source follows a portal's policy column (its list page and a
-- link pattern for document pages), fetches new and changed pages and ingests them as HTML with the page's URL as the
-- document's source. Each run and its per-page results are kept; sync_page holds what the next run needs for
-- conditional requests (ETag, Last-Modified, content hash) and flags pages that disappeared (missing_since), which are
-- never deleted by the sync: staff decide.
CREATE TABLE sync_source (
    id           VARCHAR(36) PRIMARY KEY,
    name         VARCHAR(100) NOT NULL,
    list_url     VARCHAR(2000) NOT NULL,
    link_pattern VARCHAR(500) NOT NULL,
    schedule     VARCHAR(100),
    list_pages   INTEGER NOT NULL,
    delay_ms     INTEGER NOT NULL,
    enabled      BOOLEAN NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by   VARCHAR(200) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE sync_run (
    id            VARCHAR(36) PRIMARY KEY,
    source_id     VARCHAR(36) NOT NULL REFERENCES sync_source (id) ON DELETE CASCADE,
    trigger_kind  VARCHAR(16) NOT NULL,
    started_by    VARCHAR(200) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    -- touched after every page: a RUNNING run whose heartbeat is older than govassist.sync.stale-run is dead
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    links_found   INTEGER NOT NULL DEFAULT 0,
    -- list pages read; not complete when a next-page link was left unfollowed (then no page is flagged as unlisted)
    list_pages    INTEGER NOT NULL DEFAULT 0,
    list_complete BOOLEAN NOT NULL DEFAULT TRUE,
    error_code    VARCHAR(64),
    error_message VARCHAR(2000),
    CONSTRAINT sync_run_trigger CHECK (trigger_kind IN ('MANUAL', 'SCHEDULED')),
    CONSTRAINT sync_run_status CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED'))
);

CREATE INDEX sync_run_source_started ON sync_run (source_id, started_at);

-- One row per page a run looked at (or flagged), in the order the run met them.
CREATE TABLE sync_run_page (
    run_id        VARCHAR(36) NOT NULL REFERENCES sync_run (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    url           VARCHAR(2000) NOT NULL,
    outcome       VARCHAR(16) NOT NULL,
    http_status   INTEGER,
    document_id   VARCHAR(64),
    title         VARCHAR(500),
    error_code    VARCHAR(64),
    error_message VARCHAR(2000),
    PRIMARY KEY (run_id, seq)
);

-- The current state of each page a source has found: id is the SHA-256 of source id and URL.
CREATE TABLE sync_page (
    id            VARCHAR(64) PRIMARY KEY,
    source_id     VARCHAR(36) NOT NULL REFERENCES sync_source (id) ON DELETE CASCADE,
    url           VARCHAR(2000) NOT NULL,
    etag          VARCHAR(500),
    last_modified VARCHAR(100),
    content_hash  VARCHAR(64),
    document_id   VARCHAR(64),
    title         VARCHAR(500),
    status        VARCHAR(16) NOT NULL,
    error_code    VARCHAR(64),
    error_message VARCHAR(2000),
    last_seen_at  TIMESTAMP WITH TIME ZONE,
    fetched_at    TIMESTAMP WITH TIME ZONE,
    changed_at    TIMESTAMP WITH TIME ZONE,
    missing_since TIMESTAMP WITH TIME ZONE
);

CREATE INDEX sync_page_source ON sync_page (source_id, url);
