package io.govassist.ingestion;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Hostile files give a {@link DocumentParseException} with a clear code, never a hang, an OOM or a leak. */
class HostileDocumentTest {

    private final PolicyDocumentParser parser = new PolicyDocumentParser(2_000_000, Duration.ofSeconds(30));

    @Test
    void a_docx_zip_bomb_is_refused_as_too_large() {
        byte[] bomb = HostileFiles.zipBombDocx(200L << 20);
        assertThat(bomb.length).as("compressed size").isLessThan(1 << 20);
        DocumentParseException e = catchThrowableOfType(DocumentParseException.class, () -> parser.extract("炸弹.docx", bomb));
        assertThat(e).as("a zip bomb is refused").isNotNull();
        assertThat(e.code()).as(causes(e)).isEqualTo(DocumentParseException.Code.TOO_LARGE);
        assertThat(e.getMessage()).contains("炸弹.docx", "压缩炸弹");
    }

    @Test
    void an_external_entity_in_a_pdf_xfa_form_is_not_resolved() {
        try {
            String text = parser.extract("xfa.pdf", HostileFiles.xxeXfaPdf()).text();
            assertThat(text).doesNotContain("root:");
        } catch (DocumentParseException e) {
            assertThat(e.getMessage()).doesNotContain("root:");
            assertThat(e.code()).isIn(DocumentParseException.Code.EMPTY, DocumentParseException.Code.CORRUPT);
        }
    }

    @Test
    void billion_laughs_xml_is_an_unsupported_type() {
        assertThatThrownBy(() -> parser.extract("lol.html", HostileFiles.billionLaughsXml()))
                .isInstanceOfSatisfying(DocumentParseException.class,
                        e -> assertThat(e.code()).isEqualTo(DocumentParseException.Code.UNSUPPORTED_TYPE));
    }

    @Test
    void deeply_nested_html_is_parsed_without_a_stack_overflow() {
        assertThat(parser.extract("nested.html", HostileFiles.deeplyNestedHtml(100_000)).text())
                .contains("深层嵌套的段落");
    }

    @Test
    void a_ten_thousand_page_text_over_the_character_limit_is_too_large() {
        byte[] text = HostileFiles.manyPagesText(10_000, 250);
        assertThatThrownBy(() -> parser.extract("万页.txt", text))
                .isInstanceOfSatisfying(DocumentParseException.class,
                        e -> assertThat(e.code()).isEqualTo(DocumentParseException.Code.TOO_LARGE));
    }

    @Test
    void a_parse_over_the_timeout_is_interrupted_and_refused() {
        PolicyDocumentParser impatient = new PolicyDocumentParser(2_000_000, Duration.ofNanos(1));
        byte[] docx = Fixtures.bytes("derived/derived_02.docx");
        assertThatThrownBy(() -> impatient.extract("慢.docx", docx))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentParseException.Code.TIMEOUT);
                    assertThat(e.getMessage()).contains("解析超时");
                });
        assertThat(parser.extract("快.docx", docx).text()).as("the same file within the timeout").isNotBlank();
    }

    private static String causes(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" <- ");
        }
        return s.toString();
    }
}
