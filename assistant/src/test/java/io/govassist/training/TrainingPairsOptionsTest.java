package io.govassist.training;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainingPairsOptionsTest {

    @Test
    void files_options_in_both_forms_and_spring_settings_skipped() {
        var o = TrainingPairsCommand.Options.parse(List.of("a.jsonl", "--out", "p.jsonl", "b.jsonl",
                "--negatives=5", "--depth", "80", "--govassist.data-dir=/x", "--skip=0", "--seed", "7"));
        assertThat(o.questions()).containsExactly(Path.of("a.jsonl"), Path.of("b.jsonl"));
        assertThat(o.out()).isEqualTo(Path.of("p.jsonl"));
        assertThat(o.negatives()).isEqualTo(5);
        assertThat(o.depth()).isEqualTo(80);
        assertThat(o.skip()).isZero();
        assertThat(o.seed()).isEqualTo(7);
    }

    @Test
    void defaults_mine_three_negatives_from_the_top_fifty_after_two() {
        var o = TrainingPairsCommand.Options.parse(List.of("a.jsonl", "--out=p.jsonl"));
        assertThat(o.negatives()).isEqualTo(3);
        assertThat(o.depth()).isEqualTo(50);
        assertThat(o.skip()).isEqualTo(2);
        assertThat(o.seed()).isEqualTo(42);
    }

    @Test
    void bad_arguments_are_refused_with_the_option_named() {
        assertThatThrownBy(() -> TrainingPairsCommand.Options.parse(List.of("a.jsonl", "--out", "p", "--depth", "x")))
                .hasMessage("--depth must be a number: x");
        assertThatThrownBy(() -> TrainingPairsCommand.Options.parse(List.of("a.jsonl", "--out")))
                .hasMessage("--out needs a value");
        assertThatThrownBy(() -> TrainingPairsCommand.Options.parse(List.of("a.jsonl", "--out", "p", "--top", "3")))
                .hasMessage("unknown option --top");
        assertThatThrownBy(() -> TrainingPairsCommand.Options.parse(List.of("--out", "p")))
                .hasMessage("no question file given");
        assertThatThrownBy(() -> TrainingPairsCommand.Options.parse(List.of("a.jsonl", "--out", "p", "--depth", "0")))
                .hasMessageContaining("--depth");
    }
}
