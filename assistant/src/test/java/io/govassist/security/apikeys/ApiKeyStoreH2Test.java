package io.govassist.security.apikeys;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.util.UUID;

/** The store on H2 in PostgreSQL mode, with the embedded mode's migrations (as {@code application.properties}). */
class ApiKeyStoreH2Test extends ApiKeyStoreContract {

    @Override
    protected JdbcClient migratedDatabase() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;"
                        + "DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        return JdbcClient.create(dataSource);
    }
}
