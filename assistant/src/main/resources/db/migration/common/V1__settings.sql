-- Runtime settings editable by the admin (key/value), shared by every replica.
CREATE TABLE app_setting (
    setting_key   VARCHAR(200) PRIMARY KEY,
    setting_value TEXT NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);
