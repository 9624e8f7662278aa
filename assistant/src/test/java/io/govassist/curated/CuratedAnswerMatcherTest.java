package io.govassist.curated;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CuratedAnswerMatcherTest {

    private final CuratedAnswerMatcher matcher = new CuratedAnswerMatcher(0.965, 0.50);

    @Test
    void a_paraphrase_with_the_same_numbers_matches() {
        assertThat(matcher.matches(0.977, "安阳市政务服务条例规定，申请人违背信用承诺取得行政许可的要罚多少钱？",
                "《安阳市政务服务条例》对申请人违背信用承诺取得行政许可的，规定了多少罚款？")).isTrue();
    }

    @Test
    void another_year_never_matches_however_close_the_embeddings() {
        assertThat(matcher.matches(0.992, "2002年安徽芦岭煤矿那次瓦斯爆炸死了多少人？",
                "2003年安徽芦岭煤矿那次瓦斯爆炸死了多少人？")).isFalse();
        assertThat(matcher.matches(0.99, "1995年的地震法", "1996年的地震法")).isFalse();
    }

    @Test
    void chinese_numerals_and_digits_are_the_same_numbers() {
        assertThat(CuratedAnswerMatcher.numbers("二〇二五年第三条罚款一万二千元"))
                .containsExactlyInAnyOrder("2025", "3", "12000");
        assertThat(CuratedAnswerMatcher.numbers("2025年第3条罚款12,000元"))
                .containsExactlyInAnyOrder("2025", "3", "12000");
        assertThat(CuratedAnswerMatcher.numbers("孩子一岁半")).containsExactly("1");
        assertThat(CuratedAnswerMatcher.numbers("赔十倍，三十五岁，０３号")).containsExactlyInAnyOrder("10", "35", "3");
        assertThat(CuratedAnswerMatcher.numbers("统一办理一些事项，老百姓")).as("words, not numbers").isEmpty();
        assertThat(CuratedAnswerMatcher.numbers("增长3.50%")).containsExactly("3.5");
    }

    @Test
    void a_different_number_in_words_does_not_match() {
        assertThat(matcher.matches(0.98, "离婚时孩子已经八岁了，一般由谁来带？", "离婚时孩子才一岁半，一般由谁来带？"))
                .isFalse();
    }

    @Test
    void too_little_shared_wording_does_not_match_even_at_a_high_cosine() {
        assertThat(matcher.matches(0.99, "怎么办理护照", "找政府部门申请公开信息要交钱吗？")).isFalse();
        assertThat(matcher.matches(0.90, "四川人工智能+医疗这项任务，配合的是哪两个单位？",
                "四川人工智能+医疗任务的配合单位是哪两个？")).as("below the similarity").isFalse();
    }

    @Test
    void overlap_counts_content_bigrams_over_the_larger_set() {
        assertThat(CuratedAnswerMatcher.overlap("低保申请材料", "低保申请材料")).isEqualTo(1.0);
        assertThat(CuratedAnswerMatcher.overlap("我想问一下低保申请材料", "低保申请材料")).as("function words drop")
                .isEqualTo(1.0);
        assertThat(CuratedAnswerMatcher.overlap("护照", "低保")).isZero();
    }
}
