package io.govassist.eval;

import io.govassist.chat.Citation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govassist.GovAssistApplication;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.govassist.CommandTestSupport.print;
import static io.govassist.CommandTestSupport.copy;
import static org.assertj.core.api.Assertions.assertThat;

class ChatQualityEvalIT {

    private static final String REGULATION = "行政法规/政府信息公开条例(2019-04-03).md";
    private static final String PLAN = "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void measures_facts_citations_and_markers_of_real_answers_and_writes_the_failed_ones() throws IOException {
        Path corpus = tmp.resolve("corpus");
        copy("/demo-corpus/" + REGULATION, corpus.resolve(REGULATION));
        copy("/demo-corpus/" + PLAN, corpus.resolve(PLAN));
        Path questions = tmp.resolve("questions.jsonl");
        Files.writeString(questions, String.join("\n",
                "{\"id\": \"q1\", \"question\": \"人工智能+医疗由哪些部门负责？\", \"fact\": \"省卫生健康委\", \"gold\": [{\"source\": \""
                        + PLAN + "\", \"clause\": [\"二、\", \"（十）\"]}]}",
                "{\"id\": \"q2\", \"question\": \"申请政府信息公开，行政机关要在多少个工作日内答复？\", \"fact\": \"20个工作日\", \"gold\": [{\"source\": \""
                        + REGULATION + "\", \"clause\": [\"第三十三条\"]}]}",
                // a gold the answer cannot cite and a fact it cannot contain: a miss
                "{\"id\": \"q3\", \"question\": \"人工智能+医疗由哪些部门负责？\", \"fact\": \"不存在的单位\", \"gold\": [{\"source\": \""
                        + REGULATION + "\", \"clause\": [\"第九十九条\"]}]}",
                ""), StandardCharsets.UTF_8);
        Path misses = tmp.resolve("misses.jsonl");

        try (ConfigurableApplicationContext cli = new SpringApplicationBuilder(GovAssistApplication.class)
                .web(WebApplicationType.NONE).profiles("cli")
                .run("--govassist.data-dir=" + tmp.resolve("data"), "--govassist.admin.password=x",
                        "--govassist.demo.enabled=false")) {
            ChatQualityEval eval = cli.getBean(ChatQualityEval.class);
            assertThat(eval.run(List.of(questions.toString()), print(out), print(err))).as("empty index").isEqualTo(2);
            assertThat(cli.getBean(IngestionPipeline.class).ingestTree(corpus, p -> {
            })).hasSize(2).noneMatch(IngestResult::failed);
            err.reset();
            int exit = eval.run(List.of(questions.toString(), "--json", "--misses", misses.toString()), print(out),
                    print(err));
            assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(eval.run(List.of(tmp.resolve("none.jsonl").toString()), print(new ByteArrayOutputStream()),
                    print(err))).isEqualTo(2);
        }

        JsonNode summary = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(summary.get("questions").asInt()).isEqualTo(3);
        assertThat(summary.get("answered").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("withFact").asInt()).isEqualTo(3);
        assertThat(summary.get("factFound").asDouble()).isEqualTo(2 / 3.0);
        assertThat(summary.get("goldCited").asDouble()).isEqualTo(2 / 3.0);
        assertThat(summary.get("markersResolve").asDouble()).isEqualTo(1.0);
        List<String> missed = Files.readAllLines(misses);
        assertThat(missed).hasSize(1);
        JsonNode miss = new ObjectMapper().readTree(missed.getFirst());
        assertThat(miss.get("id").asText()).isEqualTo("q3");
        assertThat(miss.get("answer").asText()).contains("省卫生健康委");
    }

    @Test
    void a_marker_without_its_citation_or_a_citation_never_marked_does_not_resolve() {
        Citation one = new Citation(1, "c1", "d", "标题", null, "a.md", "第一条", List.of(), List.of("第一条"), "文本",
                null, null);
        assertThat(ChatQualityEval.markersResolve("答案[1]。", List.of(one))).isTrue();
        assertThat(ChatQualityEval.markersResolve("答案[1][2]。", List.of(one))).isFalse();
        assertThat(ChatQualityEval.markersResolve("答案。", List.of(one))).isFalse();
        assertThat(ChatQualityEval.normalize("２０ 个工作日")).isEqualTo("20个工作日");
    }
}
