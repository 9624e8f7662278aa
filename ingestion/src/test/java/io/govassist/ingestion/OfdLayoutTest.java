package io.govassist.ingestion;

import org.junit.jupiter.api.Test;
import org.ofdrw.core.basicStructure.pageObj.layer.block.TextObject;
import org.ofdrw.core.text.TextCode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading order and paragraphs from OFD text objects laid out the way converters write them: one object per glyph,
 * in any order. Text block: left edge x = 30 mm, 10 glyphs of 5 mm a line (right edge 80 mm), first lines indented
 * by two glyphs.
 */
class OfdLayoutTest {

    private static final double SIZE = 5;
    private long ids = 1;

    @Test
    void glyphs_in_any_order_give_lines_top_to_bottom_and_wrapped_lines_are_joined() {
        List<TextObject> page = new ArrayList<>();
        glyphs(page, "一、总体要求", 40, 20);
        glyphs(page, "各地区各部门要认", 40, 28);  // indented first line reaching the right edge
        glyphs(page, "真贯彻落实本意见。", 30, 36); // continues at the left edge
        glyphs(page, "（一）指导思想。", 40, 44);      // indented: a new paragraph
        Collections.shuffle(page, new Random(7));
        assertThat(OfdParser.paragraphsOf(List.of(page))).containsExactly(List.of(
                "一、总体要求", "各地区各部门要认真贯彻落实本意见。", "（一）指导思想。"));
    }

    @Test
    void a_paragraph_continues_on_the_next_page_past_the_page_number() {
        List<TextObject> first = new ArrayList<>();
        glyphs(first, "政务新媒体是重要渠道", 30, 20);
        glyphs(first, "— 1 —", 50, 280);
        List<TextObject> second = new ArrayList<>();
        glyphs(second, "和重要手段。", 30, 20);
        glyphs(second, "二、工作要求", 40, 28);
        assertThat(OfdParser.paragraphsOf(List.of(first, second))).containsExactly(
                List.of("政务新媒体是重要渠道和重要手段。", "— 1 —"), List.of("二、工作要求"));
    }

    @Test
    void a_gap_wider_than_a_glyph_is_a_space_and_a_marker_at_the_left_edge_starts_a_paragraph() {
        List<TextObject> page = new ArrayList<>();
        glyphs(page, "这一行写满了整行文字", 30, 20);
        glyphs(page, "（二）下一项。", 30, 28); // at the left edge after a full line, but a clause marker
        glyphs(page, "发文机关", 30, 36);
        glyphs(page, "国务院", 65, 36);
        assertThat(OfdParser.paragraphsOf(List.of(page))).containsExactly(List.of(
                "这一行写满了整行文字", "（二）下一项。", "发文机关 国务院"));
    }

    /** One text object per glyph, {@code SIZE} wide, starting at x with the baseline below top y. */
    private void glyphs(List<TextObject> page, String text, double x, double y) {
        for (int i = 0; i < text.length(); i++) {
            TextObject glyph = new TextObject(ids++);
            glyph.setBoundary(x + i * SIZE, y, SIZE, SIZE);
            glyph.setSize(SIZE);
            glyph.addTextCode(new TextCode().setContent(text.substring(i, i + 1)).setCoordinate(0.0, SIZE * 0.8));
            page.add(glyph);
        }
    }
}
