-- How long audit events are kept (govassist.audit.retention, written by the application before each purge).
-- On PostgreSQL the append-only trigger reads it: only events older than this may be deleted (V54).
CREATE TABLE audit_retention (
    id             INTEGER PRIMARY KEY,
    retention_days INTEGER NOT NULL,
    CONSTRAINT audit_retention_single_row CHECK (id = 1),
    CONSTRAINT audit_retention_positive CHECK (retention_days >= 1)
);
INSERT INTO audit_retention (id, retention_days) VALUES (1, 180);
