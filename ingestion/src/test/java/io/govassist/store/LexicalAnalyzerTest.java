package io.govassist.store;

import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LexicalAnalyzerTest {

    @Test
    void normalisation_folds_width_and_case_and_blanks_question_phrases() {
        assertThat(ChineseText.normalize("（十五）ＡＩＧＣ２０２５")).isEqualTo("(十五)aigc2025");
        assertThat(ChineseText.normalize("政务服务要建设哪些系统？")).isEqualTo("政务服务要建设 系统?");
        assertThat(ChineseText.normalize("申请公开要收费吗？")).isEqualTo("申请公开要收费 ?");
        assertThat(ChineseText.normalize("吗啡的管理")).isEqualTo("吗啡的管理");
    }

    @Test
    void bigrams_overlap_and_do_not_cross_a_removed_question_word() {
        assertThat(LexicalAnalyzer.CJK_BIGRAM.tokenize("政务服务"))
                .containsExactly("政务", "务服", "服务");
        assertThat(LexicalAnalyzer.CJK_BIGRAM.tokenize("建设哪些系统"))
                .containsExactly("建设", "系统");
        assertThat(LexicalAnalyzer.CJK_BIGRAM.tokenize("ＡＩ辅助")).containsExactly("ai", "辅助");
    }

    @Test
    void smartcn_segments_words_and_drops_function_words() {
        List<String> tokens = LexicalAnalyzer.SMARTCN.tokenize("人工智能在医疗的应用是什么？");
        assertThat(tokens).contains("医疗", "应用").doesNotContain("的", "是", "什么", "?", "？");
    }

    @Test
    void the_combined_analyzer_emits_words_and_bigrams() {
        List<String> words = LexicalAnalyzer.SMARTCN.tokenize("政府信息公开申请");
        List<String> bigrams = LexicalAnalyzer.CJK_BIGRAM.tokenize("政府信息公开申请");

        List<String> both = LexicalAnalyzer.SMARTCN_PLUS_BIGRAM.tokenize("政府信息公开申请");

        assertThat(both).containsExactlyElementsOf(concat(words, bigrams));
    }

    @Test
    void tokenize_gives_the_terms_the_lucene_analyzer_indexes() {
        String text = "（十五）人工智能+政务服务。推进政务领域智能支撑能力建设，建好模型算法管理系统、可信知识库。";
        for (LexicalAnalyzer la : LexicalAnalyzer.values()) {
            try (Analyzer analyzer = la.newAnalyzer()) {
                assertThat(LexicalAnalyzer.tokens(analyzer, text)).as(la.name()).isEqualTo(la.tokenize(text))
                        .isNotEmpty();
            }
        }
    }

    @Test
    void blank_text_has_no_tokens() {
        for (LexicalAnalyzer la : LexicalAnalyzer.values()) {
            assertThat(la.tokenize("")).isEmpty();
            assertThat(la.tokenize("  ？ ")).isEmpty();
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
