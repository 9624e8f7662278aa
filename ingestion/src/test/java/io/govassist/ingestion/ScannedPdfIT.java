package io.govassist.ingestion;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * OCR for real: the image-only scan of 国发〔2018〕39号 (made by {@link ScanFixtureGenerator} from the text) read
 * by Tesseract ({@code scripts/install-ocr.sh}) gives the text version's clause tree. Takes about a minute (7 pages).
 */
class ScannedPdfIT {

    private static ParsedPolicy scan;
    private static ExtractedText raw;
    private static final ParsedPolicy TEXT = Fixtures.read(Fixtures.GOVCN_39_TXT);

    @BeforeAll
    static void ocrTheScanOnce() {
        assumeTrue(Tesseract.available(OcrSettings.DEFAULT.language()) || "true".equals(System.getenv("CI")),
                "tesseract with chi_sim is not installed (scripts/install-ocr.sh)");
        RecordingParser parser = new RecordingParser(OcrSettings.DEFAULT);
        scan = new PolicyReader(parser, new ClauseAwareSplitter()).read("scan_39.pdf", Fixtures.bytes(Fixtures.SCAN_39_PDF));
        raw = parser.last;
    }

    @Test
    void every_page_of_the_scan_is_ocrd() {
        assertThat(raw.ocrPages()).isEqualTo(7);
        assertThat(raw.paginated()).isTrue();
    }

    @Test
    void the_scan_has_the_doc_number_and_issuer_of_the_text_version_and_its_title_but_for_a_misread_character() {
        assertThat(TEXT.metadata().docNumber()).isEqualTo("国发〔2018〕39号");
        assertThat(scan.metadata().docNumber()).isEqualTo(TEXT.metadata().docNumber());
        assertThat(scan.metadata().issuer()).isEqualTo(TEXT.metadata().issuer());
        // the title, set large and bold, is found whole (both of its lines); Tesseract may misread a character of it
        assertThat(scan.metadata().title()).hasSameSizeAs(TEXT.metadata().title()).endsWith("促进就业工作的若干意见");
        assertThat(OcrAccuracy.characterAccuracy(TEXT.metadata().title(), scan.metadata().title())).isGreaterThan(0.9);
    }

    @Test
    void at_least_14_of_the_15_sub_items_are_under_the_right_section() {
        List<Clause> subItems = subItems(TEXT);
        assertThat(subItems).hasSize(15);
        long recovered = subItems.stream().filter(t -> scan.clauses().stream().anyMatch(s -> s.part() <= 1
                && s.label().equals(t.label()) && s.path().getFirst().equals(t.path().getFirst()))).count();
        assertThat(recovered).as("sub-items recovered with the right label and section, of 15\n" + labels(scan))
                .isGreaterThanOrEqualTo(14);
    }

    @Test
    void the_scan_has_no_numbered_clause_the_text_version_lacks() {
        assertThat(TEXT.clauses()).extracting(Clause::label)
                .containsAll(scan.clauses().stream().map(Clause::label).toList());
    }

    @Test
    void most_responsible_units_are_recovered() {
        List<Clause> text = subItems(TEXT);
        long same = text.stream().filter(t -> scan.clauses().stream().anyMatch(s -> s.label().equals(t.label())
                && s.part() == t.part() && s.responsibleUnits().equals(t.responsibleUnits()))).count();
        assertThat(same).as("sub-items whose responsible units equal the text version's").isGreaterThanOrEqualTo(12);
    }

    @Test
    void the_text_of_the_scan_is_close_to_the_source() {
        double accuracy = OcrAccuracy.characterAccuracy(
                new TextNormalizer().normalize(new PolicyDocumentParser().extract("t", Fixtures.bytes(Fixtures.GOVCN_39_TXT)).text()),
                new TextNormalizer().normalize(raw.text(), true));
        assertThat(accuracy).isGreaterThan(0.95);
    }

    /** The parser, keeping the text it extracted last: the scan is OCR'd once for all the tests. */
    static final class RecordingParser extends PolicyDocumentParser {
        ExtractedText last;

        RecordingParser(OcrSettings ocr) {
            super(2_000_000, Duration.ofSeconds(60), ocr);
        }

        @Override
        public ExtractedText extract(String source, byte[] content) {
            last = super.extract(source, content);
            return last;
        }
    }

    private static List<Clause> subItems(ParsedPolicy p) {
        return p.clauses().stream().filter(c -> c.part() <= 1 && c.label().matches("[一二三四五]、（[一二三四五六七八九十]+）")).toList();
    }

    private static String labels(ParsedPolicy p) {
        return String.join("\n", p.clauses().stream().map(c -> c.label() + " " + c.path()).toList());
    }
}
