package io.govassist.ingestion;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 中华人民共和国政府信息公开条例 (Markdown, LawRefBook layout). */
class RegulationParsingTest {

    private final ParsedPolicy regulation = Fixtures.read(Fixtures.REGULATION);

    private List<Clause> articles() {
        return regulation.clauses().stream().filter(c -> c.label().endsWith("条") && c.part() <= 1).toList();
    }

    @Test
    void recognises_title_issuer_latest_revision_date_and_order_number() {
        PolicyMetadata m = regulation.metadata();
        assertThat(m.title()).isEqualTo("中华人民共和国政府信息公开条例");
        assertThat(m.issuer()).isEqualTo("国务院");
        assertThat(m.date()).isEqualTo("2019-04-03"); // revised 2019, first published 2007, in force 2019-05-15
        assertThat(m.docNumber()).isEqualTo("中华人民共和国国务院令第711号");
        assertThat(m.status()).isEqualTo(DocumentStatus.NORMAL);
    }

    @Test
    void has_one_clause_per_article() {
        assertThat(articles()).hasSize(56);
        assertThat(articles().getFirst().label()).isEqualTo("第一条");
        assertThat(articles().getLast().label()).isEqualTo("第五十六条");
    }

    @Test
    void article_path_is_chapter_with_heading_then_article() {
        // in this text 第二十一条 belongs to 第三章 主动公开 (第二章 is 公开的主体和范围, 第九–十八条)
        Clause c = Fixtures.clause(regulation, "第二十一条");
        assertThat(c.path()).containsExactly("第三章 主动公开", "第二十一条");
        assertThat(c.markers()).containsExactly("第三章", "第二十一条");
        Clause tenth = Fixtures.clause(regulation, "第十条");
        assertThat(tenth.path()).containsExactly("第二章 公开的主体和范围", "第十条");
        assertThat(tenth.label()).isEqualTo("第十条");
    }

    @Test
    void items_and_paragraphs_stay_inside_the_article() {
        Clause fourth = Fixtures.clause(regulation, "第四条");
        assertThat(fourth.part()).isZero();
        assertThat(fourth.text()).startsWith("第四条 各级人民政府及县级以上人民政府部门")
                .contains("\n政府信息公开工作机构的具体职能是：\n（一）办理本行政机关的政府信息公开事宜；\n（二）")
                .endsWith("（五）本行政机关规定的与政府信息公开有关的其他职能。");
        assertThat(regulation.clauses()).noneMatch(c -> c.markers().contains("（一）"));
    }

    @Test
    void in_sentence_article_references_are_not_articles() {
        // 第二十条 starts "行政机关应当依照本条例第十九条的规定"; 第二十一条 "除本条例第二十条规定的政府信息外"
        assertThat(articles()).extracting(Clause::label).doesNotHaveDuplicates();
        assertThat(Fixtures.clause(regulation, "第二十条").text()).contains("依照本条例第十九条的规定");
    }

    @Test
    void long_article_is_split_into_parts_at_sentence_ends() {
        List<Clause> parts = regulation.clauses().stream().filter(c -> c.label().equals("第二十条")).toList();
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts).extracting(Clause::part).containsExactly(1, 2);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.path()).containsExactly("第三章 主动公开", "第二十条");
            assertThat(ClauseAwareSplitter.contextualText(regulation.metadata(), p)).hasSizeLessThanOrEqualTo(480);
            assertThat(p.text()).matches("(?s).*[。；]");
        });
    }

    @Test
    void info_block_is_the_preamble_without_the_markdown_comment() {
        Clause preamble = regulation.clauses().getFirst();
        assertThat(preamble.label()).isEqualTo("前言");
        assertThat(preamble.text()).contains("2019年4月3日 中华人民共和国国务院令第711号修订").doesNotContain("INFO END");
    }
}
