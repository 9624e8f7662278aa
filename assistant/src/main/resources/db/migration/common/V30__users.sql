-- Console users (staff and administrators). Passwords are stored as Spring Security DelegatingPasswordEncoder
-- hashes ({bcrypt}...). An ADMIN may do everything a STAFF user may.
CREATE TABLE app_user (
    username      VARCHAR(64)  PRIMARY KEY,
    display_name  VARCHAR(100),
    password_hash VARCHAR(200) NOT NULL,
    role          VARCHAR(16)  NOT NULL,
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    created_by    VARCHAR(64),
    CONSTRAINT app_user_role CHECK (role IN ('STAFF', 'ADMIN'))
);
