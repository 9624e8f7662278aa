package io.govassist.store;

import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real PostgreSQL the pgvector tests run against: {@code jdbc:postgresql://127.0.0.1:5432/test} as user
 * {@code postgres} unless {@code GOVASSIST_TEST_PG_URL} / {@code GOVASSIST_TEST_PG_USER} /
 * {@code GOVASSIST_TEST_PG_PASSWORD} say otherwise. Each test gets fresh schemas (dropped by {@link #dropAll()}).
 *
 * <p>If the database is unreachable or has no pgvector, the tests are skipped with a message — except with
 * {@code CI=true}, where that fails the run: CI must run the pgvector suite for real.
 */
public final class PostgresTestDatabase {

    public static final String URL = env("GOVASSIST_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = env("GOVASSIST_TEST_PG_USER", "postgres");
    public static final String PASSWORD = env("GOVASSIST_TEST_PG_PASSWORD", "");

    private final List<String> schemas = new ArrayList<>();

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Checks the database and the vector extension; skips (or, on CI, fails) if either is missing. */
    public static void requireAvailable() {
        String problem;
        try (Connection c = dataSource(null).getConnection(); Statement s = c.createStatement()) {
            try (var rs = s.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")) {
                problem = rs.next() ? null : "PostgreSQL at " + URL + " has no pgvector extension "
                        + "(run scripts/install-pgvector.sh as root)";
            }
            if (problem == null) {
                // created once in public, so dropping a test schema never drops the extension
                s.execute("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public");
            }
        } catch (SQLException e) {
            problem = "PostgreSQL at " + URL + " is unreachable: " + e.getMessage()
                    + " (start it: pg_ctlcluster --skip-systemctl-redirect 15 main start)";
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

    /** A data source on {@code schema} (then public, where the vector type lives), or the default schema. */
    public static PGSimpleDataSource dataSource(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(URL);
        ds.setUser(USER);
        ds.setPassword(PASSWORD);
        if (schema != null) {
            ds.setCurrentSchema(schema + ",public");
        }
        ds.setConnectTimeout(5);
        return ds;
    }

    /** A JDBC URL of a new schema, for a Spring datasource. */
    public String newSchemaUrl(String prefix) {
        String schema = newSchema(prefix);
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
    }

    /** Creates a new, empty schema and returns its name. */
    public synchronized String newSchema(String prefix) {
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        schemas.add(schema);
        return schema;
    }

    public synchronized void dropAll() {
        for (String schema : schemas) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
        schemas.clear();
    }

    public static void execute(String sql) {
        try (Connection c = dataSource(null).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
