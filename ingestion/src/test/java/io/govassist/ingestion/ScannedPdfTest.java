package io.govassist.ingestion;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scanned PDFs when OCR cannot run (fast: no OCR happens here; {@link ScannedPdfIT} OCRs for real): a clear
 * {@code OCR_UNAVAILABLE} with the reason in Chinese, never a document without clauses. Text PDFs are not OCR'd.
 */
class ScannedPdfTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private final byte[] scan = Fixtures.bytes(Fixtures.SCAN_39_PDF);

    @Test
    void a_scan_with_ocr_switched_off_is_refused_as_ocr_unavailable() {
        PolicyDocumentParser parser = new PolicyDocumentParser(2_000_000, TIMEOUT, OcrSettings.DISABLED);
        assertThatThrownBy(() -> parser.extract("扫描件.pdf", scan))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentParseException.Code.OCR_UNAVAILABLE);
                    assertThat(e.getMessage()).startsWith("扫描件.pdf: 文件是扫描件（没有文字层），无法进行文字识别")
                            .contains("未启用文字识别");
                });
    }

    @Test
    void a_scan_without_the_tesseract_language_installed_is_refused_naming_what_to_install() {
        OcrSettings missing = new OcrSettings(true, "zzz_not_installed", Duration.ofSeconds(60), 100, 200);
        PolicyDocumentParser parser = new PolicyDocumentParser(2_000_000, TIMEOUT, missing);
        assertThatThrownBy(() -> parser.extract("扫描件.pdf", scan))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentParseException.Code.OCR_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("未安装文字识别组件 tesseract-ocr", "zzz_not_installed");
                });
    }

    @Test
    void a_scan_longer_than_the_ocr_page_limit_is_refused_with_its_page_count() {
        OcrSettings short3 = new OcrSettings(true, "eng", Duration.ofSeconds(60), 3, 200);
        PolicyDocumentParser parser = new PolicyDocumentParser(2_000_000, TIMEOUT, short3);
        assertThatThrownBy(() -> parser.extract("扫描件.pdf", scan))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentParseException.Code.OCR_UNAVAILABLE);
                    assertThat(e.getMessage()).contains("共 7 页，超过文字识别上限 3 页");
                });
    }

    @Test
    void a_pdf_with_a_text_layer_is_read_without_ocr() {
        ExtractedText text = new PolicyDocumentParser(2_000_000, TIMEOUT, OcrSettings.DEFAULT)
                .extract("derived_02.pdf", Fixtures.bytes("derived/derived_02.pdf"));
        assertThat(text.ocrPages()).isZero();
        assertThat(text.text()).contains("国办发〔2018〕123号");
    }

    @Test
    void ocr_settings_are_validated() {
        assertThatThrownBy(() -> new OcrSettings(true, "chi_sim; rm -rf", Duration.ofSeconds(1), 1, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OcrSettings(true, "chi_sim", Duration.ZERO, 1, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OcrSettings(true, "chi_sim", Duration.ofSeconds(1), 0, 200))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OcrSettings(true, "chi_sim", Duration.ofSeconds(1), 1, 20))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
