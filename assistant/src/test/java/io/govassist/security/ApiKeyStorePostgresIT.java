package io.govassist.security;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The store on a real PostgreSQL with the pgvector mode's migrations, in a throwaway schema. Connects to
 * {@code GOVASSIST_TEST_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}); without
 * a reachable server it is skipped, except under {@code CI=true} where that is a failure.
 */
class ApiKeyStorePostgresIT extends ApiKeyStoreContract {

    private static final String URL = System.getenv().getOrDefault("GOVASSIST_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("GOVASSIST_TEST_PG_USER", "postgres");
    private static final String PASSWORD = System.getenv().getOrDefault("GOVASSIST_TEST_PG_PASSWORD", "");

    private String schema;

    @Override
    protected JdbcClient migratedDatabase() {
        try (Connection ignored = DriverManager.getConnection(URL, USER, PASSWORD)) {
            // reachable
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("PostgreSQL is not reachable at " + URL + " (CI=true): " + e.getMessage(), e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + URL + ": " + e.getMessage());
        }
        schema = "apikeys_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
}
