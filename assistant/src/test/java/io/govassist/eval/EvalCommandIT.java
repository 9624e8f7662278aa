package io.govassist.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govassist.GovAssistApplication;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.system.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.govassist.CommandTestSupport.print;
import static io.govassist.CommandTestSupport.copy;
import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandIT {

    private static final String REGULATION = "行政法规/政府信息公开条例(2019-04-03).md";
    private static final String PLAN = "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void measures_a_question_set_against_the_ingested_documents_and_writes_misses_and_plot() throws IOException {
        Path corpus = tmp.resolve("corpus");
        copy("/demo-corpus/" + REGULATION, corpus.resolve(REGULATION));
        copy("/demo-corpus/" + PLAN, corpus.resolve(PLAN));
        Path questions = tmp.resolve("questions.jsonl");
        Files.writeString(questions, String.join("\n",
                "{\"id\": \"q1\", \"question\": \"政府信息公开申请应当包括哪些内容\", \"gold\": [{\"source\": \"" + REGULATION + "\", \"clause\": [\"第二十九条\"]}]}",
                // half-width parentheses in the gold, full-width in the document
                "{\"id\": \"q2\", \"question\": \"政务服务智能化要建设哪些系统\", \"gold\": [{\"source\": \"" + PLAN + "\", \"clause\": [\"二、\", \"(十五)\"]}]}",
                // the regulation has 56 articles: this gold cannot be found
                "{\"id\": \"q3\", \"question\": \"政府信息公开工作年度报告应当包括哪些内容\", \"gold\": [{\"source\": \"" + REGULATION + "\", \"clause\": [\"第九十九条\"]}]}",
                ""), StandardCharsets.UTF_8);
        Path misses = tmp.resolve("out/misses.jsonl");
        Path plot = tmp.resolve("out/recall.png");
        Files.createDirectories(misses.getParent());

        try (ConfigurableApplicationContext cli = new SpringApplicationBuilder(GovAssistApplication.class)
                .web(WebApplicationType.NONE).profiles("cli")
                .run("--govassist.data-dir=" + tmp.resolve("data"), "--govassist.admin.password=x")) {
            EvalCommand eval = cli.getBean(EvalCommand.class);
            assertThat(eval.run(List.of(questions.toString()), print(out), print(err))).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("the index is empty");

            assertThat(cli.getBean(IngestionPipeline.class).ingestTree(corpus, p -> {
            })).hasSize(2).noneMatch(IngestResult::failed);

            err.reset();
            int exit = eval.run(List.of(questions.toString(), "--topK", "10", "--json", "--misses", misses.toString(),
                    "--plot", plot.toString(), "--govassist.data-dir=ignored-here"), print(out), print(err));
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();

            CommandLine commands = cli.getBean(CommandLine.class);
            commands.run(new DefaultApplicationArguments("eval", tmp.resolve("missing.jsonl").toString()));
            assertThat(commands.getExitCode()).as("the CLI dispatches eval and reports a missing file").isEqualTo(2);
        }

        JsonNode report = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(report.get("questions").asInt()).isEqualTo(3);
        assertThat(report.get("topK").asInt()).isEqualTo(10);
        assertThat(report.get("metrics").get("recall@10").asDouble()).isEqualTo(2 / 3.0);
        assertThat(report.get("metrics").get("mrr@10").asDouble()).isGreaterThan(0);
        assertThat(report.get("metrics").get("latency_p95_ms").asDouble()).isGreaterThan(0);
        assertThat(report.get("recallCurve")).hasSize(10);

        List<String> missed = Files.readAllLines(misses);
        assertThat(missed).hasSize(1);
        JsonNode miss = new ObjectMapper().readTree(missed.getFirst());
        assertThat(miss.get("id").asText()).isEqualTo("q3");
        assertThat(miss.get("topHits").get(0).get("source").asText()).isEqualTo(REGULATION);
        assertThat(ImageIO.read(plot.toFile()).getWidth()).isPositive();
    }
}
