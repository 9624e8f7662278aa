package io.govassist.store;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The schema of {@link PgVectorClauseStore}: the pgvector extension, the Flyway migrations and the
 * {@code store_meta} table recording the embedding space and the analyzer.
 */
final class PgVectorSchema {

    private static final Logger log = LoggerFactory.getLogger(PgVectorClauseStore.class);

    static final String MIGRATIONS = "classpath:db/store/postgresql";

    private PgVectorSchema() {
    }

    /** The installed pgvector version; enables the extension if the server has it but the database does not. */
    static String extensionVersion(Connection c) throws SQLException {
        String installed = queryString(c, "SELECT extversion FROM pg_extension WHERE extname = 'vector'");
        if (installed != null) {
            return installed;
        }
        String available = queryString(c,
                "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'");
        if (available == null) {
            throw new StoreUnavailableException("The PostgreSQL server at " + c.getMetaData().getURL()
                    + " does not have the pgvector extension. Install it (scripts/install-pgvector.sh on Debian/Ubuntu, "
                    + "or use the pgvector/pgvector Docker image) and restart.", null);
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (SQLException e) {
            throw new StoreUnavailableException("pgvector is installed on the server but not enabled in this database, "
                    + "and this user may not enable it (" + e.getMessage() + "). Run as a superuser: "
                    + "CREATE EXTENSION vector;", e);
        }
        log.info("Enabled the vector extension {} in the database", available);
        return queryString(c, "SELECT extversion FROM pg_extension WHERE extname = 'vector'");
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("[.-]");
        String[] y = b.split("[.-]");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? leadingInt(x[i]) : 0;
            int q = i < y.length ? leadingInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int leadingInt(String s) {
        int n = 0;
        for (int i = 0; i < s.length() && Character.isDigit(s.charAt(i)); i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    static String currentSchema(Connection c) throws SQLException {
        return queryString(c, "SELECT current_schema()");
    }

    static boolean clauseTableExists(Connection c) throws SQLException {
        return queryString(c, "SELECT to_regclass('store_clause')::text") != null;
    }

    private static String queryString(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The rows of {@code store_meta}, empty when the schema does not exist yet. */
    static Map<String, String> readMeta(Connection c) throws SQLException {
        Map<String, String> meta = new HashMap<>();
        if (queryString(c, "SELECT to_regclass('store_meta')::text") == null) {
            return meta;
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT meta_key, meta_value FROM store_meta")) {
            while (rs.next()) {
                meta.put(rs.getString(1), rs.getString(2));
            }
        }
        return meta;
    }

    static EmbeddingSpace spaceOf(Map<String, String> meta) {
        return new EmbeddingSpace(meta.get("embedding.model"), Integer.parseInt(meta.get("embedding.dimension")));
    }

    static void checkAnalyzer(Map<String, String> meta, LexicalAnalyzer analyzer, String description) {
        String stored = meta.get("lexical.analyzer");
        if (stored != null && !stored.equals(analyzer.name())) {
            throw new IllegalStateException("The clause store in " + description + " was built with lexical analyzer "
                    + stored + " but " + analyzer + " is configured: lexical terms would not match. "
                    + "Configure " + stored + " or re-ingest into an empty database.");
        }
    }

    static void migrate(DataSource dataSource, EmbeddingSpace s, LexicalAnalyzer analyzer) {
        Flyway.configure(PgVectorClauseStore.class.getClassLoader())
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .table(PgVectorClauseStore.HISTORY_TABLE)
                // the application's own tables may already be in this schema (migrated by its own Flyway)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholders(Map.of("dimension", Integer.toString(s.dimension()),
                        "model_id", s.modelId().replace("'", "''"),
                        "analyzer", analyzer.name()))
                .load()
                .migrate();
    }

    static void recordModel(Connection c, EmbeddingSpace target) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE store_meta SET meta_value = ? WHERE meta_key = 'embedding.model'")) {
            ps.setString(1, target.modelId());
            ps.executeUpdate();
        }
    }
}
