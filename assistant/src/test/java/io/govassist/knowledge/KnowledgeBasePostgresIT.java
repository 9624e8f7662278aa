package io.govassist.knowledge;

import io.govassist.GovAssistApplication;
import io.govassist.PostgresSupport;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Knowledge bases through HTTP on the production deployment: {@code govassist.store=pgvector} with the application
 * database on PostgreSQL (Flyway's V82 there), the demo corpus imported — {@link KnowledgeBaseScenario}.
 */
class KnowledgeBasePostgresIT implements KnowledgeBaseContract {

    private static final PostgresSupport db = new PostgresSupport();
    private static ConfigurableApplicationContext context;
    private static ServerTestSupport server;

    final State state = new State();

    @BeforeAll
    static void start() throws IOException {
        PostgresSupport.requireAvailable();
        Path dataDir = Files.createTempDirectory("govassist-kb-pg-");
        context = new SpringApplicationBuilder(GovAssistApplication.class).run(
                "--server.port=0", "--govassist.store=pgvector", "--spring.datasource.url=" + db.newSchemaUrl("kb_it"),
                "--spring.datasource.username=" + PostgresSupport.USER,
                "--spring.datasource.password=" + PostgresSupport.PASSWORD, "--govassist.data-dir=" + dataDir,
                "--govassist.demo.enabled=true", "--govassist.admin.password=" + ServerTestSupport.ADMIN_PASSWORD,
                "--govassist.rate-limit.enabled=false");
        server = new ServerTestSupport(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
        server.awaitReady(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        db.dropAll();
    }

    @Override
    public ServerTestSupport server() {
        return server;
    }

    @Override
    public State state() {
        return state;
    }
}
