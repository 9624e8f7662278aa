package io.govassist.ingestion;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GoldMatcherTest {

    private static final String CIVIL_CODE = "民法典/总则.md";
    private static final List<String> ARTICLE_54 = List.of("第一编", "第二章", "第四节", "第五十四条");

    @Test
    void article_gold_matches_the_article_inside_its_book_chapter_and_section() {
        assertThat(GoldMatcher.of(CIVIL_CODE, List.of("第五十四条")).matches(CIVIL_CODE, ARTICLE_54)).isTrue();
        assertThat(GoldMatcher.of(CIVIL_CODE, List.of("第五十五条")).matches(CIVIL_CODE, ARTICLE_54)).isFalse();
    }

    @Test
    void containers_in_the_gold_are_ignored_too_even_when_they_differ() {
        assertThat(GoldMatcher.of(CIVIL_CODE, List.of("第二章", "第五十四条")).matches(CIVIL_CODE, ARTICLE_54)).isTrue();
        assertThat(GoldMatcher.of(CIVIL_CODE, List.of("第三章", "第五十四条")).matches(CIVIL_CODE, ARTICLE_54)).isTrue();
    }

    @Test
    void source_must_be_equal() {
        assertThat(GoldMatcher.of("民法典/物权编.md", List.of("第五十四条")).matches(CIVIL_CODE, ARTICLE_54)).isFalse();
        assertThat(GoldMatcher.of("总则.md", List.of("第五十四条")).matches(CIVIL_CODE, ARTICLE_54)).isFalse();
    }

    @Test
    void sources_compare_across_width_and_separators() {
        String hitSource = "司法解释/最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释（一）(2020-12-29).md";
        GoldMatcher gold = GoldMatcher.of("./司法解释\\最高人民法院关于审理建设工程施工合同纠纷案件适用法律问题的解释(一)(2020-12-29).md",
                List.of("第一条"));
        assertThat(gold.matches(hitSource, List.of("第一条"))).isTrue();
        assertThat(gold.matches(hitSource, List.of("第二条"))).isFalse();
    }

    @Test
    void chinese_and_arabic_numerals_are_equal() {
        assertThat(GoldMatcher.of("a.md", List.of("第54条")).matches("a.md", List.of("第五十四条"))).isTrue();
        assertThat(GoldMatcher.of("a.md", List.of("第一百零五条")).matches("a.md", List.of("第105条"))).isTrue();
        assertThat(GoldMatcher.of("a.md", List.of("第一千零二十四条")).matches("a.md", List.of("第1024条"))).isTrue();
        assertThat(GoldMatcher.of("a.md", List.of("第一百零五条")).matches("a.md", List.of("第十五条"))).isFalse();
        assertThat(GoldMatcher.of("p.txt", List.of("2、", "(15)")).matches("p.txt", List.of("二、", "（十五）"))).isTrue();
        assertThat(GoldMatcher.of("p.txt", List.of("二、", "（十五）")).matches("p.txt", List.of("2.", "（15）"))).isTrue();
    }

    @Test
    void marker_shapes_still_differ() {
        assertThat(GoldMatcher.of("p.txt", List.of("（二）")).matches("p.txt", List.of("二、"))).isFalse();
        assertThat(GoldMatcher.of("p.txt", List.of("第二条")).matches("p.txt", List.of("二、"))).isFalse();
        assertThat(GoldMatcher.of("p.txt", List.of("第二部分")).matches("p.txt", List.of("第二部分", "一、"))).isTrue();
        assertThat(GoldMatcher.of("p.txt", List.of("第二部分")).matches("p.txt", List.of("二、"))).isFalse();
    }

    @Test
    void full_and_half_width_markers_are_equal() {
        assertThat(GoldMatcher.of("p.txt", List.of("二、", "(十五)")).matches("p.txt", List.of("二、", "（十五）"))).isTrue();
        assertThat(GoldMatcher.of("p.txt", List.of("２．")).matches("p.txt", List.of("2."))).isTrue();
        assertThat(GoldMatcher.of("p.txt", List.of(" 二、 ")).matches("p.txt", List.of("二、"))).isTrue();
    }

    @Test
    void gold_markers_are_a_prefix_of_the_hit_markers() {
        GoldMatcher task = GoldMatcher.of("p.txt", List.of("二、", "（十五）"));
        assertThat(task.matches("p.txt", List.of("二、", "（十五）"))).isTrue();
        assertThat(task.matches("p.txt", List.of("二、", "（十五）", "1."))).as("a sub-item of the gold").isTrue();
        assertThat(task.matches("p.txt", List.of("二、"))).as("the parent's intro is not the gold").isFalse();
        assertThat(task.matches("p.txt", List.of("二、", "（十六）"))).isFalse();
        assertThat(task.matches("p.txt", List.of("三、", "（十五）"))).isFalse();
        assertThat(task.matches("p.txt", List.of("（十五）"))).isFalse();
    }

    @Test
    void an_article_hit_contains_a_gold_that_points_at_its_paragraph_or_item() {
        assertThat(GoldMatcher.of("a.md", List.of("第三条", "（一）")).matches("a.md", List.of("第一章", "第三条"))).isTrue();
        assertThat(GoldMatcher.of("a.md", List.of("第三条", "第二款")).matches("a.md", List.of("第三条"))).isTrue();
        assertThat(GoldMatcher.of("a.md", List.of("第四条", "（一）")).matches("a.md", List.of("第三条"))).isFalse();
    }

    @Test
    void article_suffixes_distinguish_inserted_articles() {
        GoldMatcher inserted = GoldMatcher.of("刑法/刑法.md", List.of("第二百五十三条之一"));
        assertThat(inserted.matches("刑法/刑法.md", List.of("第二编", "第四章", "第二百五十三条之一"))).isTrue();
        assertThat(inserted.matches("刑法/刑法.md", List.of("第二编", "第四章", "第二百五十三条"))).isFalse();
        assertThat(GoldMatcher.of("刑法/刑法.md", List.of("第二百五十三条"))
                .matches("刑法/刑法.md", List.of("第二百五十三条之一"))).isFalse();
    }

    @Test
    void empty_gold_markers_match_every_clause_of_the_document() {
        GoldMatcher document = GoldMatcher.of("cmrc/DEV_0.txt", List.of());
        assertThat(document.matches("cmrc/DEV_0.txt", List.of())).isTrue();
        assertThat(document.matches("cmrc/DEV_0.txt", List.of("一、"))).isTrue();
        assertThat(document.matches("cmrc/DEV_1.txt", List.of())).isFalse();
    }

    @Test
    void preamble_and_closing_unit_are_named_by_their_labels() {
        ParsedPolicy govcn = Fixtures.read(Fixtures.GOVCN_04_TXT);
        GoldMatcher preamble = GoldMatcher.of(Fixtures.GOVCN_04_TXT, List.of("前言"));
        GoldMatcher closing = GoldMatcher.of(Fixtures.GOVCN_04_TXT, List.of("结尾"));
        assertThat(govcn.clauses().stream().filter(c -> preamble.matches(govcn.source(), c.markers(), c.label())))
                .isNotEmpty().allSatisfy(c -> assertThat(c.label()).isEqualTo("前言"));
        assertThat(govcn.clauses().stream().filter(c -> closing.matches(govcn.source(), c.markers(), c.label())))
                .isNotEmpty().allSatisfy(c -> assertThat(c.label()).isEqualTo("结尾"));
        assertThat(preamble.matches(Fixtures.GOVCN_04_TXT, List.of(), "结尾")).isFalse();
        assertThat(preamble.matches(Fixtures.GOVCN_04_TXT, List.of("一、", "（一）"), "一、（一）")).isFalse();
        assertThat(preamble.canonicalMarkers()).containsExactly("前言");
    }

    @Test
    void matches_the_markers_the_parser_gives_a_real_regulation() {
        ParsedPolicy regulation = Fixtures.read(Fixtures.REGULATION);
        GoldMatcher gold = GoldMatcher.of(Fixtures.REGULATION, List.of("第二十一条"));
        List<Clause> matching = regulation.clauses().stream()
                .filter(c -> gold.matches(regulation.source(), c.markers())).toList();
        assertThat(matching).extracting(Clause::label).containsOnly("第二十一条");
        assertThat(matching.getFirst().markers()).as("stored with its chapter").hasSize(2);
        assertThat(matching.getFirst().text()).contains("宅基地使用情况审核");
    }

    @Test
    void matches_the_markers_the_parser_gives_the_plan() {
        ParsedPolicy plan = Fixtures.read(Fixtures.PLAN);
        GoldMatcher gold = GoldMatcher.of(Fixtures.PLAN, List.of("二、", "(十五)"));
        assertThat(plan.clauses().stream().filter(c -> gold.matches(plan.source(), c.markers())))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.label()).startsWith("二、（十五）"));
    }

    @Test
    void rejects_a_blank_source() {
        assertThatThrownBy(() -> GoldMatcher.of(" ", List.of("第一条"))).isInstanceOf(IllegalArgumentException.class);
    }
}
