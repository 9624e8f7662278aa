package io.govassist.eval;

import io.govassist.store.RetrievalMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvalCommandOptionsTest {

    @Test
    void defaults_are_top_100_hybrid_table_output_and_misses_in_the_working_directory() {
        EvalCommand.Options o = EvalCommand.Options.parse(List.of("q.jsonl"));
        assertThat(o.questions()).isEqualTo(Path.of("q.jsonl"));
        assertThat(o.topK()).isEqualTo(100);
        assertThat(o.json()).isFalse();
        assertThat(o.mode()).isEqualTo(RetrievalMode.HYBRID);
        assertThat(o.misses()).isEqualTo(Path.of("eval-misses.jsonl"));
        assertThat(o.plot()).isNull();
        assertThat(o.knowledgeBase()).as("every document, as before knowledge bases").isNull();
    }

    @Test
    void a_knowledge_base_is_named_after_a_space_or_an_equals_sign_and_must_not_be_blank() {
        assertThat(EvalCommand.Options.parse(List.of("q.jsonl", "--knowledge-base", "ai-plan")).knowledgeBase())
                .isEqualTo("ai-plan");
        assertThat(EvalCommand.Options.parse(List.of("--knowledge-base=ai-plan", "q.jsonl")).knowledgeBase())
                .isEqualTo("ai-plan");
        assertThatThrownBy(() -> EvalCommand.Options.parse(List.of("q.jsonl", "--knowledge-base")))
                .hasMessage("--knowledge-base needs a value");
        assertThatThrownBy(() -> EvalCommand.Options.parse(List.of("q.jsonl", "--knowledge-base=")))
                .hasMessage("--knowledge-base needs a value");
    }

    @Test
    void options_take_their_value_after_a_space_or_an_equals_sign_and_spring_settings_are_skipped() {
        EvalCommand.Options o = EvalCommand.Options.parse(List.of("--topK", "20", "q.jsonl", "--json",
                "--govassist.data-dir=/tmp/x", "--mode=lexical", "--misses", "/tmp/m.jsonl", "--plot=/tmp/p.png"));
        assertThat(o.topK()).isEqualTo(20);
        assertThat(o.json()).isTrue();
        assertThat(o.mode()).isEqualTo(RetrievalMode.LEXICAL);
        assertThat(o.misses()).isEqualTo(Path.of("/tmp/m.jsonl"));
        assertThat(o.plot()).isEqualTo(Path.of("/tmp/p.png"));
        assertThat(EvalCommand.Options.parse(List.of("q.jsonl", "--topK=5")).topK()).isEqualTo(5);
    }

    @Test
    void bad_arguments_say_what_is_wrong() {
        assertThatThrownBy(() -> EvalCommand.Options.parse(List.of())).hasMessage("no question file given");
        assertThatThrownBy(() -> EvalCommand.Options.parse(List.of("q.jsonl", "--topK", "many")))
                .hasMessage("--topK must be a number: many");
        assertThatThrownBy(() -> EvalCommand.Options.parse(List.of("q.jsonl", "--topK", "0")))
                .hasMessage("--topK must be between 1 and 1000: 0");
        assertThatThrownBy(() -> EvalCommand.Options.parse(List.of("q.jsonl", "--topK")))
                .hasMessage("--topK needs a value");
        assertThatThrownBy(() -> EvalCommand.Options.parse(List.of("q.jsonl", "--mode", "fuzzy")))
                .hasMessage("--mode must be hybrid, dense or lexical: fuzzy");
        assertThatThrownBy(() -> EvalCommand.Options.parse(List.of("q.jsonl", "--jsn"))).hasMessage("unknown option --jsn");
        assertThatThrownBy(() -> EvalCommand.Options.parse(List.of("a.jsonl", "b.jsonl")))
                .hasMessage("one question file only, got a.jsonl and b.jsonl");
    }
}
