package io.govassist.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govassist.GovAssistApplication;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.knowledge.KnowledgeBases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import static io.govassist.CommandTestSupport.copy;
import static io.govassist.CommandTestSupport.print;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eval}, {@code chat-eval} and {@code calibrate-refusal} with {@code --knowledge-base}: a PUBLIC knowledge base
 * holding only the AI plan (with its own refusal threshold) and a STAFF one holding 政府信息公开条例, on the fixtures of
 * {@link EvalCommandIT} and {@link ChatQualityEvalIT}.
 */
class KnowledgeBaseCommandsIT {

    private static final String REGULATION = "行政法规/政府信息公开条例(2019-04-03).md";
    private static final String PLAN = "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";
    private static final String LAW_QUESTION = "{\"id\": \"law\", \"question\": \"申请政府信息公开，行政机关要在多少个工作日内答复？\", "
            + "\"fact\": \"20个工作日\", \"gold\": [{\"source\": \"" + REGULATION + "\", \"clause\": [\"第三十三条\"]}]}";
    private static final String PLAN_QUESTION = "{\"id\": \"plan\", \"question\": \"人工智能+医疗由哪些部门负责？\", "
            + "\"fact\": \"省卫生健康委\", \"gold\": [{\"source\": \"" + PLAN + "\", \"clause\": [\"二、\", \"（十）\"]}]}";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void the_commands_measure_within_a_knowledge_base_and_reject_an_unknown_one() throws IOException {
        Path corpus = tmp.resolve("corpus");
        copy("/demo-corpus/" + REGULATION, corpus.resolve(REGULATION));
        copy("/demo-corpus/" + PLAN, corpus.resolve(PLAN));
        Path questions = tmp.resolve("questions.jsonl");
        Files.writeString(questions, LAW_QUESTION + "\n" + PLAN_QUESTION + "\n", StandardCharsets.UTF_8);
        Path offTopic = tmp.resolve("off-topic.jsonl");
        Files.writeString(offTopic, "{\"id\": \"o1\", \"question\": \"派西·卫斯理是哪个作家笔下的人物？\"}\n",
                StandardCharsets.UTF_8);
        Path misses = tmp.resolve("misses.jsonl");

        try (ConfigurableApplicationContext cli = new SpringApplicationBuilder(GovAssistApplication.class)
                .web(WebApplicationType.NONE).profiles("cli")
                .run("--govassist.data-dir=" + tmp.resolve("data"), "--govassist.admin.password=x",
                        "--govassist.demo.enabled=false")) {
            List<IngestResult> ingested = cli.getBean(IngestionPipeline.class).ingestTree(corpus, p -> {
            });
            assertThat(ingested).hasSize(2).noneMatch(IngestResult::failed);
            String law = ingested.stream().filter(r -> r.source().equals(REGULATION)).findFirst().orElseThrow()
                    .documentId();
            String plan = ingested.stream().filter(r -> r.source().equals(PLAN)).findFirst().orElseThrow()
                    .documentId();
            JdbcClient jdbc = cli.getBean(JdbcClient.class);
            createKnowledgeBase(jdbc, "ai-plan", "PUBLIC", 0.50);
            createKnowledgeBase(jdbc, "open-gov-internal", "STAFF", null);
            KnowledgeBases knowledgeBases = cli.getBean(KnowledgeBases.class);
            knowledgeBases.addDocument("ai-plan", plan);
            knowledgeBases.addDocument("open-gov-internal", law);

            // eval: the law's question finds nothing of the law in the plan's knowledge base, and the other way round
            EvalCommand eval = cli.getBean(EvalCommand.class);
            assertThat(evalRecall(eval, questions, misses, "--knowledge-base", "ai-plan")).isEqualTo(0.5);
            assertThat(Files.readString(misses)).contains("\"law\"");
            assertThat(topSources(misses)).containsOnly(PLAN);
            assertThat(evalRecall(eval, questions, misses, "--knowledge-base=open-gov-internal"))
                    .as("the operator measures STAFF knowledge bases too").isEqualTo(0.5);
            assertThat(topSources(misses)).containsOnly(REGULATION);
            assertThat(evalRecall(eval, questions, misses)).as("unscoped as before").isEqualTo(1.0);
            assertUnknownIsRejected(eval.run(List.of(questions.toString(), "--knowledge-base", "no-such-kb"),
                    print(out), print(err)), "eval");

            // chat-eval: answered in the plan's knowledge base, never from the law
            ChatQualityEval chatEval = cli.getBean(ChatQualityEval.class);
            out.reset();
            assertThat(chatEval.run(List.of(questions.toString(), "--json", "--misses", misses.toString(),
                    "--knowledge-base", "ai-plan"), print(out), print(err))).as(err.toString(StandardCharsets.UTF_8))
                    .isZero();
            JsonNode summary = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            assertThat(summary.get("goldCited").asDouble()).isEqualTo(0.5);
            List<String> missed = Files.readAllLines(misses);
            assertThat(missed).hasSize(1);
            JsonNode miss = new ObjectMapper().readTree(missed.getFirst());
            assertThat(miss.get("id").asText()).isEqualTo("law");
            assertThat(miss.get("cited").toString()).doesNotContain(REGULATION);
            assertUnknownIsRejected(chatEval.run(List.of(questions.toString(), "--knowledge-base", "no-such-kb"),
                    print(out), print(err)), "chat-eval");

            // calibrate-refusal: the knowledge base's own threshold is the one in use, and how to set it is said
            RefusalCalibration calibration = cli.getBean(RefusalCalibration.class);
            out.reset();
            assertThat(calibration.run(List.of(questions.toString(), offTopic.toString(), "--knowledge-base",
                    "ai-plan"), print(out), print(err))).as(err.toString(StandardCharsets.UTF_8)).isZero();
            String report = out.toString(StandardCharsets.UTF_8);
            assertThat(report).contains("Knowledge base ai-plan", "threshold in use 0.50 (its own refusalThreshold)",
                    "| 0.50 (configured for the knowledge base) |",
                    "PUT /api/v1/admin/knowledge-bases/ai-plan {\"refusalThreshold\": ");
            assertThat(report).doesNotContain("| 0.55 (configured");
            out.reset();
            assertThat(calibration.run(List.of(questions.toString(), offTopic.toString()), print(out), print(err)))
                    .isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("| 0.55 (configured) |",
                    "set govassist.chat.min-relevance").doesNotContain("Knowledge base");
            assertUnknownIsRejected(calibration.run(List.of(questions.toString(), offTopic.toString(),
                    "--knowledge-base=no-such-kb"), print(out), print(err)), "calibrate-refusal");
        }
    }

    private double evalRecall(EvalCommand eval, Path questions, Path misses, String... options) throws IOException {
        out.reset();
        List<String> args = new java.util.ArrayList<>(List.of(questions.toString(), "--topK", "10", "--json",
                "--misses", misses.toString()));
        args.addAll(List.of(options));
        int exit = eval.run(args, print(out), print(err));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("metrics").get("recall@10")
                .asDouble();
    }

    private static List<String> topSources(Path misses) throws IOException {
        List<String> sources = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(misses)) {
            new ObjectMapper().readTree(line).get("topHits").forEach(h -> sources.add(h.get("source").asText()));
        }
        assertThat(sources).isNotEmpty();
        return sources;
    }

    private void assertUnknownIsRejected(int exit, String command) {
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(message).isEqualTo(2);
        assertThat(message).contains(command + ": unknown knowledge base no-such-kb").doesNotContain("Exception");
        err.reset();
    }

    private static void createKnowledgeBase(JdbcClient jdbc, String id, String audience, Double threshold) {
        jdbc.sql("""
                        INSERT INTO knowledge_base (id, name, audience, welcome, suggested_questions, refusal_threshold,
                                                    created_by, created_at)
                        VALUES (?, ?, ?, NULL, '[]', ?, 'test', ?)""")
                .params(id, id, audience, threshold, Timestamp.from(Instant.now())).update();
    }
}
