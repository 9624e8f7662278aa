-- Failed console/API logins per existing user, for the lockout after repeated failures. In the database so that
-- every replica sees the same count. A successful login deletes the row.
CREATE TABLE login_failure (
    username        VARCHAR(64) PRIMARY KEY,
    failures        INTEGER     NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE
);
