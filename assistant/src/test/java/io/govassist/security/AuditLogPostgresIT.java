package io.govassist.security;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On PostgreSQL the audit log is append-only in the database itself: UPDATE and DELETE fail even for the
 * application's role. Same connection settings and skipping rules as {@link ApiKeyStorePostgresIT}.
 */
class AuditLogPostgresIT {

    private static final String URL = System.getenv().getOrDefault("GOVASSIST_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("GOVASSIST_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("GOVASSIST_TEST_PG_PASSWORD", "");

    private String schema;
    private JdbcClient jdbc;

    private JdbcClient migratedDatabase() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            // reachable
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is not reachable at " + URL + " (CI=true): " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + URL + ": " + e.getMessage());
        }
        schema = "audit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
                URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD);
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        return JdbcClient.create(dataSource);
    }

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            jdbc.sql("DROP SCHEMA " + schema + " CASCADE").update();
        }
    }

    @Test
    void audit_events_can_be_added_and_read_but_not_changed_or_deleted() {
        jdbc = migratedDatabase();
        AuditLog audit = new AuditLog(jdbc, new ClientAddressResolver(List.of()), Clock.systemUTC());
        audit.record("admin", "USER_DELETE", "wangfang", AuditLog.Outcome.SUCCESS, null);
        audit.record("admin", "API_KEY_REVOKE", "key_1", AuditLog.Outcome.SUCCESS, null);
        assertThat(audit.newest(10, null)).extracting(AuditLog.Event::action).containsExactly("API_KEY_REVOKE", "USER_DELETE");

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'someone-else'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event").update()).hasMessageContaining("append-only");
        assertThat(audit.newest(10, null)).extracting(AuditLog.Event::actor).containsOnly("admin").hasSize(2);
    }
}
