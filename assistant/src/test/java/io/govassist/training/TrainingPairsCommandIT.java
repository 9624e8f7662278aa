package io.govassist.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govassist.GovAssistApplication;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.system.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.govassist.CommandTestSupport.copy;
import static io.govassist.CommandTestSupport.print;
import static org.assertj.core.api.Assertions.assertThat;

class TrainingPairsCommandIT {

    private static final String REGULATION = "行政法规/政府信息公开条例(2019-04-03).md";
    private static final String PLAN = "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void writes_gold_clauses_and_mined_non_gold_negatives_with_the_servers_token_ids() throws IOException {
        Path corpus = tmp.resolve("corpus");
        copy("/demo-corpus/" + REGULATION, corpus.resolve(REGULATION));
        copy("/demo-corpus/" + PLAN, corpus.resolve(PLAN));
        Path questions = tmp.resolve("questions.jsonl");
        Files.writeString(questions, String.join("\n",
                "{\"id\": \"q1\", \"question\": \"申请公开政府信息要写哪些内容？\", \"gold\": [{\"source\": \"" + REGULATION + "\", \"clause\": [\"第二十九条\"]}]}",
                "{\"id\": \"q2\", \"question\": \"政务服务智能化要建设哪些系统\", \"gold\": [{\"source\": \"" + PLAN + "\", \"clause\": [\"二、\", \"(十五)\"]}]}",
                // not in the index: skipped and counted, not an example without a positive
                "{\"id\": \"q3\", \"question\": \"年度报告包括什么\", \"gold\": [{\"source\": \"" + REGULATION + "\", \"clause\": [\"第九十九条\"]}]}",
                ""), StandardCharsets.UTF_8);
        Path pairs = tmp.resolve("pairs.jsonl");

        try (ConfigurableApplicationContext cli = new SpringApplicationBuilder(GovAssistApplication.class)
                .web(WebApplicationType.NONE).profiles("cli")
                .run("--govassist.data-dir=" + tmp.resolve("data"), "--govassist.admin.password=x")) {
            TrainingPairsCommand command = cli.getBean(TrainingPairsCommand.class);
            assertThat(command.run(List.of(questions.toString(), "--out", pairs.toString()), print(out), print(err)))
                    .isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("the index is empty");
            assertThat(cli.getBean(IngestionPipeline.class).ingestTree(corpus, p -> {
            })).hasSize(2).noneMatch(IngestResult::failed);

            err.reset();
            int exit = command.run(List.of(questions.toString(), "--out", pairs.toString(), "--negatives", "2",
                    "--skip", "0", "--govassist.data-dir=ignored-here"), print(out), print(err));
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 examples").contains("1 questions skipped");

            QueryAwareEmbeddingModel model = cli.getBean(QueryAwareEmbeddingModel.class);
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(pairs, StandardCharsets.UTF_8)) {
                lines.add(new ObjectMapper().readTree(line));
            }
            assertThat(lines).extracting(l -> l.get("id").asText()).containsExactly("q1", "q2");
            JsonNode q1 = lines.get(0);
            assertThat(ids(q1.get("query_ids")))
                    .containsExactly(model.tokenIds(model.queryInstruction() + "申请公开政府信息要写哪些内容？"));
            assertThat(q1.get("positives")).hasSize(1);
            JsonNode gold = q1.get("positives").get(0);
            assertThat(gold.get("text").asText()).contains("第二十九条").contains("申请人的姓名或者名称");
            assertThat(ids(gold.get("ids"))).containsExactly(model.tokenIds(gold.get("text").asText()));
            assertThat(q1.get("negatives")).hasSize(2);
            for (JsonNode negative : q1.get("negatives")) {
                assertThat(negative.get("clause").asText()).isNotEqualTo(gold.get("clause").asText());
                assertThat(ids(negative.get("ids"))).containsExactly(model.tokenIds(negative.get("text").asText()));
            }
            // a gold naming a section with items: its clauses are the positives
            assertThat(lines.get(1).get("positives").get(0).get("text").asText()).contains("（十五）");

            CommandLine commands = cli.getBean(CommandLine.class);
            commands.run(new DefaultApplicationArguments("training-pairs", questions.toString()));
            assertThat(commands.getExitCode()).as("--out is required").isEqualTo(2);
        }
    }

    private static long[] ids(JsonNode array) {
        long[] ids = new long[array.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = array.get(i).asLong();
        }
        return ids;
    }
}
