package io.govassist.security.apikeys;

import io.govassist.PostgresSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The store on a real PostgreSQL with the pgvector mode's migrations, in throwaway schemas ({@link PostgresSupport}:
 * skipped without a reachable server, except under {@code CI=true} where that is a failure).
 */
class ApiKeyStorePostgresIT extends ApiKeyStoreContract {

    private static final PostgresSupport db = new PostgresSupport();

    @BeforeAll
    static void available() {
        PostgresSupport.requireAvailable();
    }

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    @Override
    protected JdbcClient migratedDatabase() {
        return db.newMigratedAppSchema("apikeys");
    }
}
