package io.govassist;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real PostgreSQL + pgvector for integration tests of {@code govassist.store=pgvector}:
 * {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres} (override with {@code GOVASSIST_TEST_PG_URL},
 * {@code GOVASSIST_TEST_PG_USER}, {@code GOVASSIST_TEST_PG_PASSWORD}). Each test class works in fresh schemas that
 * {@link #dropAll()} removes. Unreachable database or no pgvector: skipped with a message, but a failure with
 * {@code CI=true}.
 */
public final class PostgresSupport {

    public static final String URL = env("GOVASSIST_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("GOVASSIST_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("GOVASSIST_TEST_PG_PASSWORD", "");

    private final List<String> schemas = new ArrayList<>();

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public static void requireAvailable() {
        String problem = null;
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")) {
                if (!rs.next()) {
                    problem = "PostgreSQL at " + URL + " has no pgvector extension (run scripts/install-pgvector.sh)";
                }
            }
            if (problem == null) {
                s.execute("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public");
            }
        } catch (SQLException e) {
            problem = "PostgreSQL at " + URL + " is unreachable: " + e.getMessage();
        }
        if (problem == null) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true and the pgvector tests cannot run: " + problem);
        }
        // JUnit reports a class aborted in @BeforeAll as "0 tests run": say why where the build output shows it
        System.err.println("WARNING: pgvector tests skipped: " + problem);
        Assumptions.abort("pgvector tests skipped: " + problem);
    }

    /** Creates a fresh schema and returns a JDBC URL whose search path is it, then public (the vector type). */
    public synchronized String newSchemaUrl(String prefix) {
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        schemas.add(schema);
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
    }

    /**
     * Creates a fresh schema with the application database's migrations for PostgreSQL applied (as in pgvector
     * mode) and returns a client for it.
     */
    public synchronized JdbcClient newMigratedAppSchema(String prefix) {
        String url = newSchemaUrl(prefix);
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url, USER, PASSWORD);
        Flyway.configure().dataSource(dataSource).schemas(schemas.getLast())
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        return JdbcClient.create(dataSource);
    }

    public synchronized void dropAll() {
        schemas.forEach(s -> execute("DROP SCHEMA IF EXISTS " + s + " CASCADE"));
        schemas.clear();
    }

    public static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
