package io.govassist.ingestion;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyStructureParserTest {

    private final PolicyStructureParser parser = new PolicyStructureParser();

    private PolicyStructure parse(String source, String text) {
        return parser.parse(source, new TextNormalizer().normalize(text));
    }

    @Test
    void inline_markers_and_dates_do_not_open_clauses() {
        PolicyStructure s = parse("t.txt", "一、总体要求\n到2025年，要做到（一）提高质量（二）降低成本。\n2025年底前完成。\n（一）具体措施。落实责任。");
        assertThat(s.roots()).hasSize(1);
        ClauseNode first = s.roots().getFirst();
        assertThat(first.marker()).isEqualTo("一、");
        assertThat(first.children()).extracting(ClauseNode::marker).containsExactly("（一）");
        assertThat(first.text()).contains("2025年底前完成。");
    }

    @Test
    void implausible_sequence_numbers_stay_text() {
        PolicyStructure s = parse("t.txt", "一、任务\n（一）第一项任务内容。\n（七）这一行不是第七项。\n（二）第二项任务内容。");
        assertThat(s.roots().getFirst().children()).extracting(ClauseNode::marker).containsExactly("（一）", "（二）");
        assertThat(s.roots().getFirst().children().getFirst().text()).endsWith("（七）这一行不是第七项。");
    }

    @Test
    void articles_need_a_space_or_text_and_must_increase() {
        PolicyStructure s = parse("t.md", "第一条 总则内容。\n第一条规定的事项另行规定。\n第二条　全角空格分隔。\n第三条直接接正文的写法。\n第三条 重复的条号不是新条。");
        assertThat(s.articleCount()).isEqualTo(3);
        assertThat(s.roots()).extracting(ClauseNode::marker).containsExactly("第一条", "第二条", "第三条");
    }

    @Test
    void document_numbers_are_normalised_to_hexagonal_brackets() {
        assertThat(PolicyStructureParser.docNumber("国发[2019]5号")).isEqualTo("国发〔2019〕5号");
        assertThat(PolicyStructureParser.docNumber("川府发（2024）3号")).isEqualTo("川府发〔2024〕3号");
        assertThat(PolicyStructureParser.docNumber("国办函【2004】71号")).isEqualTo("国办函〔2004〕71号");
        assertThat(PolicyStructureParser.docNumber("国令第707号")).isEqualTo("国令第707号");
        assertThat(PolicyStructureParser.docNumber("中华人民共和国国务院令第711号")).isEqualTo("中华人民共和国国务院令第711号");
        assertThat(PolicyStructureParser.docNumber("为贯彻落实国务院《关于深入实施“人工智能+”行动的意见》（国发〔2025〕11号）")).isNull();
    }

    @Test
    void status_comes_from_title_or_info_block() {
        assertThat(PolicyStructureParser.status("某某管理办法（试行）", List.of())).isEqualTo(DocumentStatus.TRIAL);
        assertThat(PolicyStructureParser.status("某某暂行条例", List.of())).isEqualTo(DocumentStatus.PROVISIONAL);
        assertThat(PolicyStructureParser.status("某某法（草案）", List.of())).isEqualTo(DocumentStatus.DRAFT);
        assertThat(PolicyStructureParser.status("某某规定", List.of("2020年1月1日 已废止"))).isEqualTo(DocumentStatus.REPEALED);
        assertThat(PolicyStructureParser.status("某某条例", List.of("2016年2月6日 《国务院关于修改和废止部分行政法规的决定》修订")))
                .isEqualTo(DocumentStatus.NORMAL);
    }

    @Test
    void falls_back_to_file_name_title_and_date() {
        PolicyStructure s = parse("行政法规/某某条例(2019-04-03).md", "第一条 为了测试，制定本条例。\n第二条 本条例自公布之日起施行。");
        assertThat(s.metadata().title()).isEqualTo("某某条例");
        assertThat(s.metadata().date()).isEqualTo("2019-04-03");
    }

    @Test
    void law_issuer_and_latest_date_come_from_the_info_block() {
        PolicyStructure s = parse("数据安全法(2021-06-10).md", "# 中华人民共和国数据安全法\n"
                + "2021年6月10日 第十三届全国人民代表大会常务委员会第二十九次会议通过\n2021年9月1日 施行\n<!-- INFO END -->\n"
                + "## 第一章 总则\n第一条 为了规范数据处理活动，制定本法。\n第二条 在中华人民共和国境内开展数据处理活动，适用本法。");
        assertThat(s.metadata().issuer()).isEqualTo("全国人民代表大会常务委员会");
        assertThat(s.metadata().date()).isEqualTo("2021-06-10");
        assertThat(s.metadata().title()).isEqualTo("中华人民共和国数据安全法");
    }

    @Test
    void parses_state_council_duty_form_with_first_unit_leading() {
        ResponsibleUnits units = ResponsibleUnitsParser.parse("加大稳岗支持力度。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）", true);
        assertThat(units.lead()).containsExactly("人力资源社会保障部");
        assertThat(units.cooperating()).containsExactly("财政部");
        assertThat(ResponsibleUnitsParser.parse("（海关总署、商务部等有关部门负责）", false).lead()).containsExactly("海关总署", "商务部");
        // units named as leads lead, even where the document says the first listed unit leads
        ResponsibleUnits twoLeads = ResponsibleUnitsParser.parse("重大问题及时向国务院报告。（农业农村部、工业和信息化部牵头负责）", true);
        assertThat(twoLeads.lead()).containsExactly("农业农村部", "工业和信息化部");
        assertThat(twoLeads.cooperating()).isEmpty();
        ResponsibleUnits leadAndOthers = ResponsibleUnitsParser.parse("加强督查。（国务院办公厅牵头，各有关部门参与负责）", true);
        assertThat(leadAndOthers.lead()).containsExactly("国务院办公厅");
        assertThat(leadAndOthers.cooperating()).containsExactly("各有关部门");
        ResponsibleUnits explicit = ResponsibleUnitsParser.parse("牵头单位：省发展改革委；配合单位：科技厅、财政厅", false);
        assertThat(explicit.lead()).containsExactly("省发展改革委");
        assertThat(explicit.cooperating()).containsExactly("科技厅", "财政厅");
    }

    @Test
    void unit_names_with_brackets_are_kept_whole() {
        ResponsibleUnits units = ResponsibleUnitsParser.parse("（责任单位：省人工智能产业链链长办（科技厅），经济和信息化厅）", false);
        assertThat(units.lead()).containsExactly("省人工智能产业链链长办（科技厅）");
        assertThat(units.cooperating()).containsExactly("经济和信息化厅");
    }
}
