package io.govassist.search;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LexicalEvidenceTest {

    @Test
    void question_words_and_function_words_are_not_terms() {
        Set<String> terms = LexicalEvidence.terms("人工智能+就业的牵头部门是哪个？");
        assertThat(terms).contains("就业").doesNotContain("的", "是", "哪个", "哪");
        assertThat(String.join("", terms)).doesNotContain("哪个");
    }

    @Test
    void words_containing_function_characters_stay_whole() {
        assertThat(LexicalEvidence.terms("就业和中心")).contains("就业", "中心");
    }

    @Test
    void an_unknown_name_gives_terms_policy_text_does_not_contain() {
        Set<String> terms = LexicalEvidence.terms("派西·卫斯理是哪个作家笔下的人物？");
        assertThat(LexicalEvidence.coverage(terms, LexicalEvidence.normalize("个人信息处理者应当……"))).isZero();
        assertThat(terms).isNotEmpty();
    }

    @Test
    void coverage_is_the_share_of_terms_found() {
        Set<String> terms = Set.of("医疗", "养老");
        assertThat(LexicalEvidence.coverage(terms, "人工智能+医疗")).isEqualTo(0.5);
        assertThat(LexicalEvidence.coverage(Set.of(), "任何")).isZero();
    }
}
