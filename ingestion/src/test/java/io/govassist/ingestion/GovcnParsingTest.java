package io.govassist.ingestion;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** State Council documents from gov.cn: metadata as in manifest.csv, 一、（一）1.（1） hierarchy. */
class GovcnParsingTest {

    @ParameterizedTest
    @CsvSource({
            "govcn/govcn_17_5352666.txt, 国务院办公厅关于推进政务新媒体健康有序发展的意见, 国办发〔2018〕123号, 国务院办公厅, 2018-12-07",
            "govcn/govcn_17_5352666.html, 国务院办公厅关于推进政务新媒体健康有序发展的意见, 国办发〔2018〕123号, 国务院办公厅, 2018-12-07",
            "govcn/govcn_04_5362266.txt, 国务院办公厅关于加强三级公立医院绩效考核工作的意见, 国办发〔2019〕4号, 国务院办公厅, 2019-01-16",
            "govcn/govcn_50_5345293.txt, 国务院办公厅转发民政部关于清理整顿社会团体意见的通知, 国办发〔1997〕11号, 国务院办公厅, 1997-04-08",
    })
    void metadata_matches_the_manifest(String fixture, String title, String docNumber, String issuer, String date) {
        PolicyMetadata m = Fixtures.read(fixture).metadata();
        assertThat(m.title()).isEqualTo(title);
        assertThat(m.docNumber()).isEqualTo(docNumber);
        assertThat(m.issuer()).isEqualTo(issuer);
        assertThat(m.date()).isEqualTo(date);
        assertThat(m.status()).isEqualTo(DocumentStatus.NORMAL);
    }

    @Test
    void section_intro_and_sub_clauses_have_their_own_paths() {
        ParsedPolicy p = Fixtures.read(Fixtures.GOVCN_04_TXT);
        Clause intro = Fixtures.clause(p, "四、");
        assertThat(intro.path()).containsExactly("四、考核程序");
        assertThat(intro.text()).startsWith("四、考核程序\n三级公立医院绩效考核工作按照年度实施");
        Clause sub = Fixtures.clause(p, "四、（二）");
        assertThat(sub.path()).containsExactly("四、考核程序", "（二）省级年度考核");
        // a bare heading line (一、总体要求) is not a clause of its own; its children carry it in their path
        assertThat(p.clauses()).extracting(Clause::label).doesNotContain("一、").contains("一、（一）");
        assertThat(Fixtures.clause(p, "一、（一）").path()).containsExactly("一、总体要求", "（一）指导思想");
        assertThat(Fixtures.clause(p, "一、（一）").text()).startsWith("（一）指导思想。\n以习近平新时代");
    }

    @Test
    void signature_and_attachment_go_to_the_closing_unit() {
        ParsedPolicy p = Fixtures.read(Fixtures.GOVCN_04_TXT);
        Clause last = Fixtures.clause(p, "五、（五）");
        assertThat(last.text()).doesNotContain("国务院办公厅\n2019年1月16日");
        Clause closing = p.clauses().stream().filter(c -> c.label().equals("结尾")).findFirst().orElseThrow();
        assertThat(closing.path()).isEmpty();
        assertThat(closing.text()).startsWith("附件：三级公立医院绩效考核指标\n国务院办公厅\n2019年1月16日\n（此件公开发布）");
        // table rows (TAB separated) are never clauses, even when a cell starts with 一、 or （一）
        assertThat(p.clauses()).noneMatch(c -> !c.markers().isEmpty() && c.text().startsWith("一、医疗质量\t"));
    }

    @Test
    void arabic_items_nest_under_chinese_parentheses() {
        ParsedPolicy p = Fixtures.read(Fixtures.GOVCN_17_TXT);
        Clause c = Fixtures.clause(p, "一、（三）1.");
        assertThat(c.path()).containsExactly("一、总体要求", "（三）基本原则", "1.坚持正确导向");
        assertThat(c.markers()).containsExactly("一、", "（三）", "1.");
        assertThat(c.text()).startsWith("1.坚持正确导向。增强“四个意识”");
    }

    @Test
    void parenthesised_arabic_items_are_the_fourth_level() {
        ParsedPolicy p = Fixtures.read(Fixtures.GOVCN_50_TXT);
        Clause c = Fixtures.clause(p, "三、（二）10.（1）");
        assertThat(c.markers()).containsExactly("三、", "（二）", "10.", "（1）");
        assertThat(c.path()).startsWith("三、清理整顿工作的主要内容", "（二）符合下列要求的社会团体予以保留", "10.法人社会团体还应具备");
        assertThat(c.text()).startsWith("（1）有专职工作人员；");
    }

    @Test
    void items_numbered_continuously_across_sections_are_clauses_of_their_section() {
        ParsedPolicy p = Fixtures.read(Fixtures.GOVCN_13_TXT);
        Clause c = Fixtures.clause(p, "三、（七）");
        assertThat(c.markers()).containsExactly("三、", "（七）");
        assertThat(c.path()).containsExactly("三、全面推行执法全过程记录制度", "（七）完善文字记录");
        assertThat(c.text()).startsWith("（七）完善文字记录。文字记录是以纸质文件或电子文件形式");
        assertThat(p.clauses()).extracting(Clause::label)
                .contains("二、（四）", "二、（六）", "四、（十一）", "六、（二十三）");
    }

    @Test
    void every_numbered_line_of_a_continuously_numbered_document_is_recognised() {
        StructureCoverage coverage = StructureCoverage.of(Fixtures.structure(Fixtures.GOVCN_13_TXT));
        assertThat(coverage.unrecognized()).isEmpty();
        assertThat(coverage.clauses()).isEqualTo(29); // 一、…六、 and （一）…（二十三）
    }

    @Test
    void a_numbered_line_that_breaks_the_sequence_is_reported_unrecognised() {
        PolicyStructure s = new PolicyStructureParser().parse("t.txt",
                "一、任务\n（一）第一项任务内容。\n（七）这一行不是第七项。\n（二）第二项任务内容。");
        StructureCoverage coverage = StructureCoverage.of(s);
        assertThat(coverage.markerLines()).isEqualTo(4);
        assertThat(coverage.unrecognized()).containsExactly("（七）这一行不是第七项。");
        assertThat(coverage.recognizedShare()).isEqualTo(0.75);
    }

    @Test
    void html_and_txt_of_the_same_document_give_the_same_clauses() {
        ParsedPolicy txt = Fixtures.read(Fixtures.GOVCN_17_TXT);
        ParsedPolicy html = Fixtures.read(Fixtures.GOVCN_17_HTML);
        assertThat(html.clauses().stream().filter(c -> !c.markers().isEmpty()).toList())
                .isEqualTo(txt.clauses().stream().filter(c -> !c.markers().isEmpty()).toList());
    }

    @Test
    void a_decimal_outline_is_a_clause_tree_and_its_table_of_contents_is_no_clause() {
        ParsedPolicy p = Fixtures.read("govcn/govcn_41_5345459.txt"); // 国家粮食应急预案: 1 总则, 1.1, 4.2.1
        Clause c = Fixtures.clause(p, "4.2.1");
        assertThat(c.markers()).containsExactly("4", "4.2", "4.2.1");
        assertThat(c.path()).containsExactly("4 应急响应", "4.2 国家级（Ⅰ级）应急响应", "4.2.1");
        assertThat(c.text()).startsWith("4.2.1 出现国家级（Ⅰ级）粮食应急状态时").contains("最迟不超过4个小时");
        // （1）… inside a section stay inside it
        assertThat(Fixtures.clause(p, "2.1.1（3）").text()).startsWith("（3）及时向国务院");
        // the table of contents (1 总则 … 6.4 奖励和处罚 before the text) gives no clause of its own
        assertThat(p.clauses()).filteredOn(x -> x.label().equals("1.1")).hasSize(1)
                .allMatch(x -> x.text().length() > "1.1 编制目的及依据".length());
        assertThat(p.clauses()).extracting(Clause::label).contains("1.2.3", "3.2", "5.5", "6.4.1", "7.1");
    }

    @Test
    void figures_in_running_text_are_not_outline_sections() {
        String text = "国务院办公厅关于测试的通知\n国办发〔2020〕1号\n一、总体要求\n（一）目标。到2025年，覆盖率达到\n"
                + "3.5 个百分点以上的增长。\n1.2 倍于去年的投入。\n2 个月内完成。\n";
        ParsedPolicy p = new PolicyReader().read("测试.txt", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(p.clauses()).extracting(Clause::label).containsExactly("前言", "一、（一）");
        assertThat(Fixtures.clause(p, "一、（一）").text()).contains("3.5 个百分点", "1.2 倍", "2 个月内完成");
    }
}
