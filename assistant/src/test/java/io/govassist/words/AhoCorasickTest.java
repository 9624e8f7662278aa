package io.govassist.words;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AhoCorasickTest {

    private static List<String> words(List<AhoCorasick.Match> matches) {
        return matches.stream().map(AhoCorasick.Match::word).toList();
    }

    @Test
    void finds_overlapping_and_nested_words() {
        AhoCorasick ac = AhoCorasick.of(List.of("he", "she", "his", "hers"));
        List<AhoCorasick.Match> found = ac.findAll("ushers");
        assertThat(words(found)).containsExactly("she", "he", "hers");
        assertThat(found.get(0)).isEqualTo(new AhoCorasick.Match("she", 1, 4));
        assertThat(found.get(2)).isEqualTo(new AhoCorasick.Match("hers", 2, 6));
    }

    @Test
    void finds_chinese_words_through_failure_links() {
        AhoCorasick ac = AhoCorasick.of(List.of("代开发票", "开发", "发票代开"));
        assertThat(words(ac.findAll("提供代开发票代开服务"))).containsExactly("开发", "代开发票", "发票代开");
        assertThat(ac.matches("软件开放平台")).isFalse();
    }

    @Test
    void folds_full_width_and_case_and_skips_separators_inside_words() {
        AhoCorasick ac = AhoCorasick.of(List.of("ＦＵＣＫ", "冰毒出售"));
        assertThat(ac.findAll("what the Ｆｕ ck")).containsExactly(new AhoCorasick.Match("fuck", 9, 14));
        assertThat(ac.matches("FUCK")).isTrue();
        assertThat(ac.matches("冰 毒*出\u200B售")).isTrue();
        assertThat(ac.matches("冰毒，出售")).as("Chinese punctuation separates words").isFalse();
        assertThat(ac.size()).isEqualTo(2);
        assertThat(ac.maxLength()).isEqualTo(4);
    }

    @Test
    void blank_and_duplicate_words_are_ignored() {
        AhoCorasick ac = AhoCorasick.of(List.of(" ", "", "ab", "AB", "ａｂ"));
        assertThat(ac.size()).isEqualTo(1);
        assertThat(AhoCorasick.of(List.of()).matches("anything")).isFalse();
    }

    @Test
    void a_word_split_across_pieces_is_found_when_its_last_piece_arrives() {
        AhoCorasick ac = AhoCorasick.of(List.of("代开发票", "假证"));
        AhoCorasick.Scanner s = ac.scanner();
        assertThat(s.feed("可以代")).isEmpty();
        assertThat(s.feed("开")).isEmpty();
        assertThat(s.feed("发")).isEmpty();
        assertThat(s.feed("票，也办假")).containsExactly(new AhoCorasick.Match("代开发票", 2, 6));
        assertThat(s.feed("证")).containsExactly(new AhoCorasick.Match("假证", 9, 11));
    }

    @Test
    void every_split_of_a_text_finds_the_same_matches() {
        AhoCorasick ac = AhoCorasick.of(List.of("abcab", "bca", "cab", "a"));
        String text = "xxabcabcabyy";
        List<AhoCorasick.Match> whole = ac.findAll(text);
        for (int cut1 = 0; cut1 <= text.length(); cut1++) {
            for (int cut2 = cut1; cut2 <= text.length(); cut2++) {
                AhoCorasick.Scanner s = ac.scanner();
                List<AhoCorasick.Match> pieces = new ArrayList<>();
                pieces.addAll(s.feed(text.substring(0, cut1)));
                pieces.addAll(s.feed(text.substring(cut1, cut2)));
                pieces.addAll(s.feed(text.substring(cut2)));
                assertThat(pieces).as("cuts %d %d", cut1, cut2).isEqualTo(whole);
            }
        }
    }

    @Test
    void safe_until_holds_back_exactly_a_possible_word_start() {
        AhoCorasick ac = AhoCorasick.of(List.of("代开发票"));
        AhoCorasick.Scanner s = ac.scanner();
        s.feed("我们可以代开");
        assertThat(s.safeUntil()).as("'代开' may begin the word").isEqualTo(4);
        s.feed("具");
        assertThat(s.safeUntil()).isEqualTo(7);
        s.feed("代 开");
        assertThat(s.safeUntil()).as("a separator inside the held-back prefix").isEqualTo(7);
    }
}
