package io.govassist.ingestion;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The repairs of Tesseract's usual mistakes on Chinese official text (OCR output only). */
class OcrTextTest {

    @Test
    void spaces_between_chinese_characters_and_around_sub_item_numbers_go() {
        assertThat(OcrText.clean("国务 院关于做好\n(一 ) 加大稳岗 支持力度。\n")).isEqualTo("国务院关于做好\n(一)加大稳岗支持力度。\n");
    }

    @Test
    void spaces_between_latin_words_and_numbers_stay() {
        assertThat(OcrText.clean("http://www.gov. cn 2019 年\n")).isEqualTo("http://www.gov. cn 2019年\n");
    }

    @Test
    void a_doc_number_with_misread_brackets_gets_hexagonal_ones() {
        assertThat(OcrText.clean("国发 (2018] 39号\n国办发 [2019) 4 号\n")).isEqualTo("国发〔2018〕39号\n国办发〔2019〕4号\n");
    }

    @Test
    void specks_read_as_punctuation_at_a_line_start_or_end_go() {
        assertThat(OcrText.clean("。 各省、自治区\n”行、银保监会负责)\n发文机关:国务院 |\n")).isEqualTo("各省、自治区\n行、银保监会负责)\n发文机关:国务院\n");
    }

    @Test
    void repeated_specks_trailing_noise_dots_in_words_and_misread_brackets_are_repaired() {
        assertThat(OcrText.clean("” ” (九) 实行失业登记\n有关部门和单位按职责分工负责)      4\n(人.力资源社会保障部负责)\n(八》放宽技术\n16一24岁、3一12个月、一是"))
                .isEqualTo("(九)实行失业登记\n有关部门和单位按职责分工负责)\n(人力资源社会保障部负责)\n(八)放宽技术\n16—24岁、3—12个月、一是");
    }

    @Test
    void a_responsible_units_note_gets_its_brackets_back() {
        assertThat(OcrText.clean("担保支持。〈财政部、工业和信\n息化部、人民银行负责\n\n(二)发挥")).isEqualTo(
                "担保支持。（财政部、工业和信\n息化部、人民银行负责）\n\n(二)发挥");
    }

    @Test
    void a_misread_sub_item_number_is_taken_from_its_neighbours() {
        String text = "(二)甲。\n(=)乙。\n(四)丙。\n(A)丁。\n(六)戊。\n(人)己。\n";
        assertThat(OcrText.repairNumbering(text)).isEqualTo("(二)甲。\n(三)乙。\n(四)丙。\n(五)丁。\n(六)戊。\n(七)己。\n");
        // numbering that restarts in a new section: one less than the next readable number
        assertThat(OcrText.repairNumbering("(三)甲。\n一、节\n(=)乙。\n(二)丙。\n")).isEqualTo("(三)甲。\n一、节\n(一)乙。\n(二)丙。\n");
    }

    @Test
    void chinese_numerals_round_trip() {
        assertThat(OcrText.numeral("十五")).isEqualTo(15);
        assertThat(OcrText.numeral("二十一")).isEqualTo(21);
        assertThat(OcrText.numeral("十")).isEqualTo(10);
        assertThat(OcrText.numeral("=")).isZero();
        assertThat(OcrText.chinese(15)).isEqualTo("十五");
        assertThat(OcrText.chinese(30)).isEqualTo("三十");
    }
}
