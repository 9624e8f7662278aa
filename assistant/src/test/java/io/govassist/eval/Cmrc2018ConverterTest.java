package io.govassist.eval;

import io.govassist.ingestion.Clause;
import io.govassist.ingestion.ParsedPolicy;
import io.govassist.ingestion.PolicyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class Cmrc2018ConverterTest {

    @TempDir
    Path tmp;

    /** The first paragraph of CMRC 2018 dev with two of its questions (CC BY-SA 4.0, ymcui/cmrc2018). */
    private static final String SQUAD = """
            {"version": "v1.0", "data": [{"id": "DEV_0", "title": "战国无双3", "paragraphs": [{"id": "DEV_0",
              "context": "《战国无双3》（）是由光荣和ω-force开发的战国无双系列的正统第三续作。本作以三大故事为主轴，分别是以武田信玄等人为主的《关东三国志》，织田信长等人为主的《战国三杰》，石田三成等人为主的《关原的年轻武者》，丰富游戏内的剧情。",
              "qas": [{"question": "《战国无双3》是由哪两个公司合作开发的？", "id": "DEV_0_QUERY_0", "answers": [{"text": "光荣和ω-force", "answer_start": 11}]},
                      {"question": "男女主角亦有专属声优这一模式是由谁改编的？", "id": "DEV_0_QUERY_1", "answers": []}]}]}]}
            """;

    @Test
    void writes_one_document_per_paragraph_and_whole_document_golds_the_matcher_accepts() throws IOException {
        Path squad = tmp.resolve("dev.json");
        Files.writeString(squad, SQUAD, StandardCharsets.UTF_8);
        Cmrc2018Converter.Counts counts = Cmrc2018Converter.convert(squad, tmp.resolve("out"));
        assertThat(counts).isEqualTo(new Cmrc2018Converter.Counts(1, 2));

        Path paragraph = tmp.resolve("out/paragraphs/DEV_0.md");
        ParsedPolicy parsed = new PolicyReader().read("DEV_0.md", Files.readAllBytes(paragraph));
        assertThat(parsed.metadata().title()).isEqualTo("战国无双3");
        assertThat(parsed.clauses()).isNotEmpty().allSatisfy(c -> assertThat(c.markers()).isEmpty());
        assertThat(String.join("", parsed.clauses().stream().map(Clause::text).toList())).contains("光荣和ω-force");

        List<EvalQuestion> questions = EvalQuestions.read(tmp.resolve("out/questions.jsonl"));
        assertThat(questions).extracting(EvalQuestion::id).containsExactly("DEV_0_QUERY_0", "DEV_0_QUERY_1");
        EvalQuestion.Gold gold = questions.getFirst().gold().getFirst();
        assertThat(gold.clause()).isEmpty();
        assertThat(parsed.clauses()).allSatisfy(c -> assertThat(gold.matcher().matches("DEV_0.md", c.markers())).isTrue());
        assertThat(gold.matcher().matches("DEV_1.md", List.of())).isFalse();
    }
}
