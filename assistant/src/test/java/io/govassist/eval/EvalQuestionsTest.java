package io.govassist.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalQuestionsTest {

    @Test
    void reads_the_stard_format_ignoring_extra_fields_and_blank_lines() {
        String jsonl = """
                {"id": "stard-0", "question": "谁可以成为个体工商户？", "gold": [{"source": "民法典/总则.md", "clause": ["第五十四条"], "name": "中华人民共和国民法典第五十四条"}, {"source": "行政法规/个体工商户条例(2016-02-06).md", "clause": ["第二条"]}]}

                {"id": "plan-1", "question": "政务服务智能化要建设哪些系统", "gold": [{"source": "plan.txt", "clause": ["二、", "（十五）"]}]}
                """;
        List<EvalQuestion> questions = EvalQuestions.parse(jsonl, "q.jsonl");
        assertThat(questions).hasSize(2);
        assertThat(questions.get(0).gold()).extracting(EvalQuestion.Gold::source)
                .containsExactly("民法典/总则.md", "行政法规/个体工商户条例(2016-02-06).md");
        assertThat(questions.get(1).gold().getFirst().clause()).containsExactly("二、", "（十五）");
    }

    @Test
    void a_gold_without_clause_markers_is_a_whole_document() {
        List<EvalQuestion> q = EvalQuestions.parse("""
                {"id": "c1", "question": "《战国无双3》是由哪两个公司合作开发的？", "gold": [{"source": "DEV_0.md", "clause": []}]}
                {"id": "c2", "question": "另一个问题", "gold": [{"source": "DEV_1.md"}]}
                """, "q.jsonl");
        assertThat(q).allSatisfy(x -> assertThat(x.gold().getFirst().clause()).isEmpty());
    }

    @Test
    void duplicate_gold_clauses_of_a_question_count_once() {
        List<EvalQuestion> q = EvalQuestions.parse("""
                {"id": "1", "question": "问题", "gold": [{"source": "a.md", "clause": ["第一条"]}, {"source": "a.md", "clause": ["第一条"]}]}
                """, "q.jsonl");
        assertThat(q.getFirst().gold()).hasSize(1);
    }

    @Test
    void a_leading_byte_order_mark_is_ignored() {
        assertThat(EvalQuestions.parse("\uFEFF{\"id\": 7, \"question\": \"问题\", \"gold\": [{\"source\": \"a.md\", \"clause\": [\"第一条\"]}]}",
                "q.jsonl").getFirst().id()).isEqualTo("7");
    }

    @Test
    void malformed_lines_are_reported_with_file_and_line_number() {
        String good = "{\"id\": \"1\", \"question\": \"问题\", \"gold\": [{\"source\": \"a.md\", \"clause\": [\"第一条\"]}]}\n";
        assertThatThrownBy(() -> EvalQuestions.parse(good + "{not json\n", "q.jsonl"))
                .hasMessageStartingWith("q.jsonl:2: not a JSON object");
        assertThatThrownBy(() -> EvalQuestions.parse(good + "{\"id\": \"2\", \"gold\": []}\n", "q.jsonl"))
                .hasMessage("q.jsonl:2: missing or empty \"question\"");
        assertThatThrownBy(() -> EvalQuestions.parse("{\"id\": \"2\", \"question\": \"问\", \"gold\": []}\n", "q.jsonl"))
                .hasMessage("q.jsonl:1: \"gold\" must be a non-empty array");
        assertThatThrownBy(() -> EvalQuestions.parse("{\"id\": \"2\", \"question\": \"问\", \"gold\": [{\"clause\": [\"第一条\"]}]}", "q.jsonl"))
                .hasMessage("q.jsonl:1: missing or empty \"source\"");
        assertThatThrownBy(() -> EvalQuestions.parse("{\"id\": \"2\", \"question\": \"问\", \"gold\": [{\"source\": \"a.md\", \"clause\": \"第一条\"}]}", "q.jsonl"))
                .hasMessageContaining("\"clause\" must be an array of markers");
        assertThatThrownBy(() -> EvalQuestions.parse(good + good, "q.jsonl")).hasMessage("q.jsonl:2: duplicate id 1");
        assertThatThrownBy(() -> EvalQuestions.parse("\n\n", "q.jsonl")).hasMessage("q.jsonl: no questions");
    }
}
