package io.govassist.knowledge;

import io.govassist.GovAssistApplication;
import io.govassist.PostgresSupport;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
class KnowledgeBasePostgresIT {

    private static final PostgresSupport db = new PostgresSupport();
    private static ConfigurableApplicationContext context;
    private static ServerTestSupport server;

    KnowledgeBaseScenario scenario;
    String plan;
    String law;

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

    @BeforeEach
    void knowledgeBases() {
        scenario = new KnowledgeBaseScenario(server);
        String[] ids = scenario.setUp();
        plan = ids[0];
        law = ids[1];
    }

    @AfterEach
    void removeKnowledgeBases() {
        scenario.tearDown();
    }

    @Test
    void the_admin_api_validates_ids_and_counts_documents() {
        scenario.admin_api_validates_and_counts(plan, law);
    }

    @Test
    void a_public_knowledge_base_answers_from_its_documents_only() {
        scenario.a_public_knowledge_base_answers_from_its_documents_only(plan);
    }

    @Test
    void a_staff_knowledge_base_gives_anonymous_callers_none_of_its_text() {
        scenario.a_staff_knowledge_base_gives_anonymous_callers_none_of_its_text(law);
    }

    @Test
    void staff_search_and_chat_in_the_staff_knowledge_base_and_follow_ups_do_not_leak() {
        scenario.staff_search_and_chat_in_the_staff_knowledge_base(law);
    }

    @Test
    void unknown_knowledge_bases_are_404_with_a_stable_code() {
        scenario.unknown_knowledge_bases_are_404_with_a_stable_code();
    }

    @Test
    void deleting_a_knowledge_base_keeps_its_documents() {
        scenario.deleting_the_staff_knowledge_base_returns_its_document_to_default(law);
    }
}
