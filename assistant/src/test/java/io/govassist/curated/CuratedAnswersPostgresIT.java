package io.govassist.curated;

import dev.langchain4j.data.embedding.Embedding;
import io.govassist.PostgresSupport;
import io.govassist.ingestion.Clause;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.store.IndexedClause;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Curated answers on a PostgreSQL application database (the pgvector deployment's): saved, then read and matched by
 * a fresh repository over a new connection after the schema is migrated again — as after a restart — edited,
 * retired; a replied ticket's draft takes the clauses its conversation's last grounded answer cited.
 */
class CuratedAnswersPostgresIT {

    private static final PostgresSupport db = new PostgresSupport();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ClauseRef CLAUSE = new ClauseRef("doc-1", "doc-1#12", null, null);

    @BeforeAll
    static void available() {
        PostgresSupport.requireAvailable();
    }

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    /** Starts "the application" on the schema: migrates (a no-op after the first time) and connects anew. */
    private static JdbcClient start(String url, String schema) {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url,
                PostgresSupport.USER, PostgresSupport.PASSWORD);
        Flyway.configure().dataSource(dataSource).schemas(schema)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        return JdbcClient.create(dataSource);
    }

    /** Every question embeds to the same vector: the matcher's word conditions decide. */
    private static QueryAwareEmbeddingModel sameVector() {
        return (QueryAwareEmbeddingModel) Proxy.newProxyInstance(QueryAwareEmbeddingModel.class.getClassLoader(),
                new Class<?>[]{QueryAwareEmbeddingModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "embedQuery" -> Embedding.from(new float[]{0.6f, 0.8f});
                    case "modelId" -> "test";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A store holding one document with clause doc-1#12. */
    private static ClauseStore oneClause() {
        DocumentRecord doc = new DocumentRecord("doc-1", "信息公开条例.txt", "hash",
                new PolicyMetadata("中华人民共和国政府信息公开条例", "国令第711号", "国务院", "2019-04-03",
                        DocumentStatus.NORMAL), 1, Instant.now());
        IndexedClause clause = new IndexedClause("doc-1#12", 12, new Clause(List.of("第四十二条"), List.of("第四十二条"),
                "第四十二条", "第四十二条　行政机关依申请提供政府信息，不收取费用。", ResponsibleUnits.NONE, 0), "text",
                new float[]{0.6f, 0.8f});
        return (ClauseStore) Proxy.newProxyInstance(ClauseStore.class.getClassLoader(), new Class<?>[]{ClauseStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "findDocument" -> "doc-1".equals(args[0]) ? Optional.of(doc) : Optional.empty();
                    case "clausesOf" -> "doc-1".equals(args[0]) ? List.of(clause) : List.of();
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void a_curated_answer_survives_a_restart_and_is_matched_until_retired() {
        String url = db.newSchemaUrl("curated");
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length(), url.indexOf(','));
        CuratedAnswerRepository before = new CuratedAnswerRepository(start(url, schema), JSON);
        String id = before.create("申请政府信息公开要交钱吗？", "不收取费用[1]。", List.of(CLAUSE), null, "wangfang");

        CuratedAnswerRepository repository = new CuratedAnswerRepository(start(url, schema), JSON);
        CuratedAnswer saved = repository.find(id).orElseThrow();
        assertThat(saved.status()).isEqualTo(CuratedAnswer.Status.ACTIVE);
        assertThat(saved.clauses()).containsExactly(CLAUSE);
        assertThat(saved.createdBy()).isEqualTo("wangfang");
        assertThat(repository.counts()).containsEntry(CuratedAnswer.Status.ACTIVE, 1);

        CuratedAnswers answers = new CuratedAnswers(repository, sameVector(), oneClause(),
                new CuratedProperties(true, 0.965, 0.5));
        CuratedAnswers.Match match = answers.match("申请政府信息公开要交钱吗").orElseThrow();
        assertThat(match.id()).isEqualTo(id);
        assertThat(match.clauses()).singleElement().satisfies(h -> {
            assertThat(h.clauseLabel()).isEqualTo("第四十二条");
            assertThat(h.text()).contains("不收取费用");
            assertThat(h.documentTitle()).isEqualTo("中华人民共和国政府信息公开条例");
        });
        assertThat(answers.match("申请2019年的政府信息公开要交钱吗？")).as("another number").isEmpty();

        assertThat(repository.update(id, "申请政府信息公开要交钱吗？", "依申请提供政府信息，不收取费用[1]。",
                List.of(CLAUSE), "lisi")).isTrue();
        assertThat(answers.match("申请政府信息公开要交钱吗？").orElseThrow().answer()).startsWith("依申请");
        assertThat(repository.retire(id, "lisi")).isTrue();
        assertThat(repository.retire(id, "lisi")).isFalse();
        assertThat(answers.match("申请政府信息公开要交钱吗？")).as("retired").isEmpty();
        assertThat(repository.list(CuratedAnswer.Status.RETIRED, 10)).extracting(CuratedAnswer::updatedBy)
                .containsExactly("lisi");
    }

    @Test
    void a_replied_ticket_offers_its_question_reply_and_the_last_cited_clauses() {
        JdbcClient jdbc = db.newMigratedAppSchema("curated_ticket");
        jdbc.sql("INSERT INTO chat_conversation (id) VALUES ('11111111-1111-4111-8111-111111111111')").update();
        jdbc.sql("""
                INSERT INTO chat_turn (id, conversation_id, turn_no, question, search_query, answer, citations,
                                       notices, grounded, mode)
                VALUES ('t1', '11111111-1111-4111-8111-111111111111', 1, '申请公开要交钱吗', 'q', '不收取费用[1]',
                        '[{"index":1,"clauseId":"doc-1#12","documentId":"doc-1","documentTitle":"条例","clauseLabel":"第四十二条"}]',
                        '[]', TRUE, 'extractive')""").update();
        jdbc.sql("""
                INSERT INTO chat_handoff (id, conversation_id, question, status, created_at, reply_text, replied_by,
                                          replied_at)
                VALUES ('ticket-1', '11111111-1111-4111-8111-111111111111', '申请公开要交钱吗', 'ANSWERED',
                        CURRENT_TIMESTAMP, '不收费。', 'wangfang', CURRENT_TIMESTAMP)""").update();
        CuratedAnswerRepository repository = new CuratedAnswerRepository(jdbc, JSON);
        CuratedAnswerRepository.TicketDraft draft = repository.ticketDraft("ticket-1").orElseThrow();
        assertThat(draft.question()).isEqualTo("申请公开要交钱吗");
        assertThat(draft.reply()).isEqualTo("不收费。");
        assertThat(draft.clauses()).containsExactly(new ClauseRef("doc-1", "doc-1#12", "第四十二条", "条例"));
        assertThat(repository.ticketDraft("no-such-ticket")).isEmpty();
    }
}
