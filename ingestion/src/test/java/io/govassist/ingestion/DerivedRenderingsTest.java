package io.govassist.ingestion;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DOCX, PDF and OFD renderings (corpus derived_02: 政务新媒体 opinion = govcn_17; derived_08: 政府信息公开条例) must
 * give the same clauses as the text originals: same labels, paths and texts up to whitespace. The OFD is made by
 * {@link OfdFixtureGenerator} (ofdrw's layout engine) from the text.
 */
class DerivedRenderingsTest {

    @ParameterizedTest
    @CsvSource({
            "derived/derived_02.docx, govcn/govcn_17_5352666.txt",
            "derived/derived_02.pdf, govcn/govcn_17_5352666.txt",
            "derived/derived_02.ofd, govcn/govcn_17_5352666.txt",
            "derived/derived_39.ofd, govcn/govcn_39_5345808.txt",
            "derived/derived_08.docx, laws/政府信息公开条例(2019-04-03).md",
            "derived/derived_08.pdf, laws/政府信息公开条例(2019-04-03).md",
    })
    void rendering_gives_the_same_clauses_as_the_original(String rendering, String original) {
        ParsedPolicy derived = Fixtures.read(rendering);
        ParsedPolicy source = Fixtures.read(original);
        assertThat(numbered(derived)).extracting(Clause::label).isEqualTo(numbered(source).stream().map(Clause::label).toList());
        assertThat(numbered(derived)).extracting(Clause::path).isEqualTo(numbered(source).stream().map(Clause::path).toList());
        assertThat(numbered(derived)).extracting(c -> squeeze(c.text()))
                .isEqualTo(numbered(source).stream().map(c -> squeeze(c.text())).toList());
        assertThat(derived.metadata().title()).isEqualTo(source.metadata().title());
        assertThat(derived.metadata().docNumber()).isEqualTo(source.metadata().docNumber());
        assertThat(derived.metadata().issuer()).isEqualTo(source.metadata().issuer());
    }

    @ParameterizedTest
    @CsvSource({"derived/derived_02.pdf", "derived/derived_08.pdf", "derived/derived_02.ofd"})
    void pdf_and_ofd_page_footers_are_dropped_and_wrapped_lines_joined(String pdf) {
        ExtractedText raw = new PolicyDocumentParser().extract(pdf, Fixtures.bytes(pdf));
        assertThat(raw.paginated()).isTrue();
        assertThat(raw.text()).contains("— 2 —");
        String text = new TextNormalizer().normalize(raw.text(), true);
        assertThat(text).doesNotContainPattern("(?m)^— \\d+ —$");
        ParsedPolicy p = Fixtures.read(pdf);
        assertThat(p.clauses()).allSatisfy(c -> assertThat(c.text()).doesNotContain("— "));
        // every clause line ends a sentence, is a heading or an info line: no line ends mid-sentence
        assertThat(p.clauses().stream().filter(c -> !c.markers().isEmpty()).flatMap(c -> c.text().lines()))
                .allSatisfy(line -> assertThat(line).matches("(?s).*[。；：！？”）]|.{1,30}"));
    }

    private static List<Clause> numbered(ParsedPolicy p) {
        return p.clauses().stream().filter(c -> !c.markers().isEmpty()).toList();
    }

    private static String squeeze(String s) {
        return s.replaceAll("\\s+", "");
    }
}
