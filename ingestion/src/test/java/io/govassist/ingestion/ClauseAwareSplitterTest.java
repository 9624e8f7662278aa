package io.govassist.ingestion;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClauseAwareSplitterTest {

    private final PolicyStructureParser structureParser = new PolicyStructureParser();
    private final TextNormalizer normalizer = new TextNormalizer();

    private List<Clause> split(String text, ClauseAwareSplitter splitter) {
        return splitter.split(structureParser.parse("测试.txt", normalizer.normalize(text)));
    }

    @Test
    void splits_long_clauses_at_sentence_ends_into_numbered_parts() {
        String sentence = "各地要加强组织领导，明确责任分工，确保各项任务落到实处。";  // 28 chars
        String text = "一、组织保障\n" + sentence.repeat(12);
        List<Clause> clauses = split(text, new ClauseAwareSplitter(120));
        assertThat(clauses).hasSizeGreaterThan(3);
        assertThat(clauses).extracting(Clause::part).startsWith(1, 2, 3);
        assertThat(clauses).allSatisfy(c -> {
            assertThat(c.label()).isEqualTo("一、");
            assertThat(c.path()).containsExactly("一、组织保障");
            assertThat(c.text()).matches("(?s).*。");
            assertThat(c.text().length() + ClauseAwareSplitter.contextPrefix(
                    new PolicyMetadata("测试", null, null, null, null), c).length()).isLessThanOrEqualTo(120);
        });
        assertThat(String.join("", clauses.stream().map(Clause::text).toList()).replace("\n", ""))
                .isEqualTo(text.replace("\n", ""));
    }

    @Test
    void a_single_overlong_sentence_is_cut_preferably_after_a_comma() {
        String longSentence = "要坚持问题导向，" + "统筹推进各项改革任务".repeat(30) + "。";
        List<String> parts = ClauseAwareSplitter.splitSentences(longSentence, 100);
        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(p -> assertThat(p).hasSizeLessThanOrEqualTo(100));
        assertThat(String.join("", parts)).isEqualTo(longSentence);
    }

    @Test
    void tiny_items_merge_into_the_parent_intro() {
        String text = "一、主要任务\n"
                + "（一）加强组织领导。各地要把这项工作摆上重要议事日程，主要负责同志亲自抓，抓好以下工作：\n"
                + "1.建立台账。\n"
                + "2.定期调度。\n"
                + "（二）强化督促检查。国务院办公厅将适时组织开展督查，对工作不力的地区和部门予以通报批评并督促整改。";
        List<Clause> clauses = split(text, new ClauseAwareSplitter());
        assertThat(clauses).extracting(Clause::label).containsExactly("一、（一）", "一、（二）");
        assertThat(clauses.getFirst().text()).endsWith("抓好以下工作：\n1.建立台账。\n2.定期调度。");
        // with merging off every item stands alone
        assertThat(split(text, new ClauseAwareSplitter(480, 0))).extracting(Clause::label)
                .containsExactly("一、（一）", "一、（一）1.", "一、（一）2.", "一、（二）");
    }

    @Test
    void tiny_items_never_merge_into_a_sibling_so_each_is_cited_by_its_own_number() {
        String text = "一、表扬名单\n"
                + "1.浙江省湖州市实施土地处置改革，全面提升土地利用效益，打造高质量发展的土地要素保障新模式。\n"
                + "2.福建省南平市连续19年推进科技特派员工作。\n"
                + "3.福建省晋江市推进商务创新发展。";
        List<Clause> clauses = split(text, new ClauseAwareSplitter());
        assertThat(clauses).extracting(Clause::label).containsExactly("一、1.", "一、2.", "一、3.");
        assertThat(clauses.get(1).text()).isEqualTo("2.福建省南平市连续19年推进科技特派员工作。");
    }

    @Test
    void law_articles_are_never_merged_and_containers_are_not_in_labels() {
        String text = "# 测试条例\n## 第一章 总则\n第一条 为了规范管理，制定本条例。\n第二条 本条例自公布之日起施行。\n"
                + "## 第二章 附则\n### 第一节 一般规定\n第三条 依照本条例第一条规定执行。";
        List<Clause> clauses = split(text, new ClauseAwareSplitter());
        assertThat(clauses).extracting(Clause::label).containsExactly("前言", "第一条", "第二条", "第三条");
        assertThat(clauses.getFirst().text()).isEqualTo("测试条例");
        assertThat(clauses.get(3).path()).containsExactly("第二章 附则", "第一节 一般规定", "第三条");
        assertThat(clauses.get(3).markers()).containsExactly("第二章", "第一节", "第三条");
    }

    @Test
    void contextual_text_prefixes_title_and_heading_path() {
        ParsedPolicy plan = Fixtures.read(Fixtures.PLAN);
        Clause c = Fixtures.clause(plan, "二、（十五）");
        assertThat(ClauseAwareSplitter.contextualText(plan.metadata(), c))
                .startsWith("《" + plan.metadata().title() + "》 二、重点任务 > （十五）人工智能+政务服务\n（十五）人工智能+政务服务。");
    }

    @Test
    void document_splitter_returns_segments_with_clause_metadata() {
        Document doc = new PolicyDocumentParser().parse(new java.io.ByteArrayInputStream(Fixtures.bytes(Fixtures.PLAN)));
        doc.metadata().put(ClauseAwareSplitter.META_SOURCE, Fixtures.PLAN);
        List<TextSegment> segments = new ClauseAwareSplitter().split(doc);
        assertThat(segments).hasSize(21);
        TextSegment s = segments.stream().filter(t -> "二、（十）".equals(t.metadata().getString(ClauseAwareSplitter.META_LABEL)))
                .findFirst().orElseThrow();
        Metadata m = s.metadata();
        assertThat(m.getString(ClauseAwareSplitter.META_PATH)).isEqualTo("二、重点任务 > （十）人工智能+医疗");
        assertThat(m.getString(ClauseAwareSplitter.META_MARKERS)).isEqualTo("二、/（十）");
        assertThat(m.getInteger(ClauseAwareSplitter.META_PART)).isZero();
        assertThat(m.getString(ClauseAwareSplitter.META_LEAD_UNITS)).isEqualTo("省卫生健康委");
        assertThat(m.getString(ClauseAwareSplitter.META_COOPERATING_UNITS)).isEqualTo("省药监局、省医保局");
        assertThat(m.getString(ClauseAwareSplitter.META_TITLE)).contains("四川省贯彻落实国务院人工智能+行动实施方案");
        assertThat(m.getString(ClauseAwareSplitter.META_SOURCE)).isEqualTo(Fixtures.PLAN);
        assertThat(s.text()).startsWith("《四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）》 二、重点任务 > （十）人工智能+医疗\n");
        assertThat(new ClauseAwareSplitter().split(doc)).isEqualTo(segments);
    }
}
