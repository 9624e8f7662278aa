package io.govassist.ingestion;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

    private final TextNormalizer normalizer = new TextNormalizer();

    @Test
    void unifies_half_width_markers_and_punctuation_after_chinese() {
        assertThat(normalizer.normalize("(一)人工智能+科学研究。(责任单位:科技厅,商务厅)"))
                .isEqualTo("（一）人工智能+科学研究。（责任单位：科技厅，商务厅）");
        assertThat(normalizer.normalize("１．坚持正确导向。\n（１）有专职工作人员"))
                .isEqualTo("1.坚持正确导向。\n（1）有专职工作人员");
    }

    @Test
    void leaves_numbers_urls_and_times_alone() {
        assertThat(normalizer.normalize("来源：http://www.gov.cn/a.htm 共1,000元，时间10:30，比例2.5%"))
                .isEqualTo("来源：http://www.gov.cn/a.htm 共1,000元，时间10:30，比例2.5%");
    }

    @Test
    void collapses_spaces_and_drops_blank_lines() {
        assertThat(normalizer.normalize("第一条\u3000\u3000为了保障公民。  \r\n\r\n\n  第二条  本条例所称  "))
                .isEqualTo("第一条 为了保障公民。\n第二条 本条例所称");
    }

    @Test
    void strips_the_markdown_info_end_comment() {
        assertThat(normalizer.normalize("# 条例\n2019年4月3日 修订\n<!-- INFO END -->\n## 第一章 总则"))
                .isEqualTo("# 条例\n2019年4月3日 修订\n## 第一章 总则");
    }

    @Test
    void drops_page_number_footers() {
        String text = "第一段。\n— 3 —\n- 4 -\n第 3 页 共 10 页\n第5页\n1/10\n第二段。";
        assertThat(normalizer.normalize(text)).isEqualTo("第一段。\n第二段。");
    }

    @Test
    void joins_lines_wrapped_mid_sentence_in_paginated_text() {
        String page = "一、总体要求\n"
                + "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三\n"
                + "中全会精神，实施健康中国战略，建立健全基本医疗卫生制度，加强和完善公立医院\n"
                + "管理，坚持公益性。\n"
                + "（一）指导思想。\n"
                + "短行不合并\n"
                + "二、工作目标";
        assertThat(normalizer.normalize(page, true)).isEqualTo("一、总体要求\n"
                + "以习近平新时代中国特色社会主义思想为指导，全面贯彻党的十九大和十九届二中、三中全会精神，"
                + "实施健康中国战略，建立健全基本医疗卫生制度，加强和完善公立医院管理，坚持公益性。\n"
                + "（一）指导思想。\n短行不合并\n二、工作目标");
        // without pagination lines are never joined
        assertThat(normalizer.normalize(page, false).lines()).hasSize(7);
    }

    @Test
    void a_wrapped_line_is_not_joined_to_a_following_marker() {
        String text = "各地区、各部门要结合实际认真贯彻落实本意见提出的各项任务要求，确保工作取得实\n"
                + "（二）基本原则。坚持公益性导向，提高医疗服务效率，服务深化医药卫生体制改革全局。";
        assertThat(normalizer.normalize(text, true).lines()).hasSize(2);
    }

    @Test
    void drops_running_headers_repeated_on_many_pages() {
        String[] bodies = {"一、总体要求", "（一）指导思想。", "（二）基本原则。", "二、主要任务"};
        StringBuilder pdf = new StringBuilder();
        for (int page = 1; page <= 4; page++) {
            if (page > 1) {
                pdf.append('\f');
            }
            pdf.append("国务院公报 2019年第").append(page).append("期\n").append(bodies[page - 1]).append("\n— ")
                    .append(page).append(" —\n");
        }
        assertThat(normalizer.normalize(pdf.toString(), true)).isEqualTo(String.join("\n", bodies));
    }
}
