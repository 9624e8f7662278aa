-- The audit log stays append-only with one exception, the retention purge: UPDATE is always refused; DELETE only of
-- events older than the retention stored in audit_retention (so a bug or an injected statement cannot remove
-- recent events); TRUNCATE (which skips row triggers) is refused.
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger AS $$
DECLARE
    keep_days INTEGER;
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT retention_days INTO keep_days FROM audit_retention WHERE id = 1;
        IF keep_days IS NOT NULL AND OLD.occurred_at < now() - keep_days * INTERVAL '1 day' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'audit_event is append-only: only events older than the retention (% days) may be deleted',
            keep_days;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION audit_event_no_truncate() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: TRUNCATE is not allowed';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_no_truncate();
