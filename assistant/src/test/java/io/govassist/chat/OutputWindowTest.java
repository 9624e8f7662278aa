package io.govassist.chat;

import io.govassist.eval.SafetyEval;
import io.govassist.words.AhoCorasick;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputWindowTest {

    private final AhoCorasick words = AhoCorasick.of(List.of("出售冰毒", "办假证"));
    private final List<String> shown = new ArrayList<>();
    private final OutputWindow window = new OutputWindow(words, shown::add);

    @Test
    void clean_text_is_passed_on_at_once_when_no_word_can_begin() {
        assertThat(window.accept("根据条例[1]，")).isTrue();
        assertThat(shown).containsExactly("根据条例[1]，");
    }

    @Test
    void a_possible_word_start_is_held_back_until_it_cannot_be_a_word() {
        assertThat(window.accept("可以出")).isTrue();
        assertThat(shown).containsExactly("可以");
        assertThat(window.accept("售")).isTrue();
        assertThat(window.accept("房屋[1]。")).isTrue();
        assertThat(String.join("", shown)).isEqualTo("可以出售房屋[1]。");
    }

    @Test
    void a_word_split_across_pieces_is_never_shown_and_stops_the_window() {
        assertThat(window.accept("有人出")).isTrue();
        assertThat(window.accept("售冰")).isTrue();
        assertThat(window.accept("毒，联系")).isFalse();
        assertThat(window.hit()).isTrue();
        assertThat(window.accept("我")).isFalse();
        window.finish();
        assertThat(String.join("", shown)).isEqualTo("有人").doesNotContain("冰");
    }

    @Test
    void finish_releases_the_held_back_tail_of_a_clean_answer() {
        window.accept("请到现场办");
        assertThat(String.join("", shown)).isEqualTo("请到现场");
        window.finish();
        assertThat(String.join("", shown)).isEqualTo("请到现场办");
    }

    @Test
    void the_system_prompt_in_pieces_is_caught_but_the_prescribed_refusal_phrase_is_not() {
        List<String> seen = new ArrayList<>();
        OutputWindow leak = new OutputWindow(List.of(words, GenerativeAnswerer.PROMPT_NGRAMS), seen::add);
        String prompt = GenerativeAnswerer.SYSTEM_PROMPT;
        boolean open = true;
        for (int i = 0; i < prompt.length() && open; i += 3) {
            open = leak.accept(prompt.substring(i, Math.min(prompt.length(), i + 3)));
        }
        assertThat(open).isFalse();
        assertThat(leak.hitBy()).isEqualTo(1);
        assertThat(SafetyEval.leaks(String.join("", seen))).isFalse();
        assertThat(SafetyEval.leaks("抱歉，无法根据已加载的政策文件回答该问题。")).isFalse();
        assertThat(SafetyEval.leaks("只依据提供的条款作答，不使用条款以外的知识")).isTrue();
    }
}
