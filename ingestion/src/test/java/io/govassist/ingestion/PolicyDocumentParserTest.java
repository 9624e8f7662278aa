package io.govassist.ingestion;

import dev.langchain4j.data.document.Document;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyDocumentParserTest {

    private final PolicyDocumentParser parser = new PolicyDocumentParser();

    @Test
    void decodes_gb18030_text_like_the_utf8_original() {
        byte[] gb = Fixtures.bytes("encoding/govcn_17_5352666.gb18030.txt");
        byte[] utf8 = Fixtures.bytes(Fixtures.GOVCN_17_TXT);
        assertThat(PolicyDocumentParser.detectCharset(gb)).isEqualTo(Charset.forName("GB18030"));
        assertThat(PolicyDocumentParser.detectCharset(utf8)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(parser.extract("gb.txt", gb).text()).isEqualTo(parser.extract("utf8.txt", utf8).text())
                .startsWith("国务院办公厅关于推进政务新媒体健康有序发展的意见");
        assertThat(new PolicyReader().read("gb.txt", gb).clauses()).extracting(Clause::label)
                .isEqualTo(Fixtures.read(Fixtures.GOVCN_17_TXT).clauses().stream().map(Clause::label).toList());
    }

    @Test
    void strips_a_utf8_byte_order_mark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] text = "第一条 测试。".getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, both, 0, bom.length);
        System.arraycopy(text, 0, both, bom.length, text.length);
        assertThat(parser.extract("bom.txt", both).text()).isEqualTo("第一条 测试。");
    }

    @Test
    void detects_the_real_type_from_the_bytes_not_the_extension() {
        ExtractedText docx = parser.extract("broken/really_a_docx.pdf", Fixtures.bytes("broken/really_a_docx.pdf"));
        assertThat(docx.mediaType()).isEqualTo(PolicyDocumentParser.DOCX);
        assertThat(docx.paginated()).isFalse();
        assertThat(docx.text()).contains("国务院办公厅关于推进政务新媒体健康有序发展的意见");
        byte[] html = Fixtures.bytes(Fixtures.GOVCN_17_HTML);
        assertThat(parser.extract("page.txt", html).mediaType()).isEqualTo("text/html");
    }

    @Test
    void html_keeps_block_boundaries_and_table_cells_and_reads_the_title() {
        ExtractedText html = parser.extract("govcn_17.html", Fixtures.bytes(Fixtures.GOVCN_17_HTML));
        assertThat(html.title()).isEqualTo("国务院办公厅关于推进政务新媒体健康有序发展的意见");
        String text = new TextNormalizer().normalize(html.text());
        assertThat(text).contains("发文机关：\t国务院办公厅\t成文日期：\t2018年12月07日")
                .contains("\n一、总体要求\n")
                .doesNotContain("<title>");
    }

    @Test
    void docx_keeps_paragraphs() {
        ExtractedText docx = parser.extract("d.docx", Fixtures.bytes("derived/derived_08.docx"));
        assertThat(docx.text()).contains("\n第一章 总则\n").contains("第一条 为了保障公民、法人和其他组织依法获取政府信息");
        assertThat(docx.title()).isEqualTo("中华人民共和国政府信息公开条例");
    }

    @Test
    void langchain4j_parse_returns_text_and_metadata() {
        Document doc = parser.parse(new ByteArrayInputStream(Fixtures.bytes(Fixtures.GOVCN_17_HTML)));
        assertThat(doc.text()).contains("一、总体要求");
        assertThat(doc.metadata().getString(PolicyDocumentParser.META_TITLE)).isEqualTo("国务院办公厅关于推进政务新媒体健康有序发展的意见");
        assertThat(doc.metadata().getString(PolicyDocumentParser.META_MEDIA_TYPE)).isEqualTo("text/html");
    }

    @Test
    void empty_file_is_reported_as_empty() {
        assertError("broken/empty.txt", Fixtures.bytes("broken/empty.txt"), DocumentParseException.Code.EMPTY, "文件中没有可提取的文字");
        assertError("broken/blank.txt", Fixtures.bytes("broken/blank.txt"), DocumentParseException.Code.EMPTY, "文件中没有可提取的文字");
    }

    @Test
    void truncated_pdf_and_docx_are_reported_as_corrupt() {
        assertError("broken/truncated.pdf", Fixtures.bytes("broken/truncated.pdf"), DocumentParseException.Code.CORRUPT, "文件已损坏或无法解析");
        assertError("broken/truncated.docx", Fixtures.bytes("broken/truncated.docx"), DocumentParseException.Code.CORRUPT, "文件已损坏或无法解析");
    }

    @Test
    void zip_archive_is_reported_as_unsupported() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("a.txt"));
            zip.write("第一条 测试。".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertError("policies.zip", bytes.toByteArray(), DocumentParseException.Code.UNSUPPORTED_TYPE, "不支持的文件类型 application/zip");
    }

    @Test
    void binary_image_is_reported_as_unsupported() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        assertError("scan.png", png, DocumentParseException.Code.UNSUPPORTED_TYPE, "不支持的文件类型 image/png");
    }

    @Test
    void password_protected_pdf_is_reported_as_encrypted() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PDDocument pdf = new PDDocument()) {
            pdf.addPage(new PDPage());
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            pdf.protect(policy);
            pdf.save(bytes);
        }
        assertError("secret.pdf", bytes.toByteArray(), DocumentParseException.Code.ENCRYPTED, "文件已加密");
    }

    @Test
    void text_over_the_limit_is_reported_as_too_large() {
        PolicyDocumentParser small = new PolicyDocumentParser(1000);
        assertError(small, Fixtures.PLAN, Fixtures.bytes(Fixtures.PLAN), DocumentParseException.Code.TOO_LARGE, "文件内容过大");
        assertError(small, "d.docx", Fixtures.bytes("derived/derived_08.docx"), DocumentParseException.Code.TOO_LARGE, "文件内容过大");
    }

    private void assertError(String name, byte[] bytes, DocumentParseException.Code code, String message) {
        assertError(parser, name, bytes, code, message);
    }

    private static void assertError(PolicyDocumentParser parser, String name, byte[] bytes,
                                    DocumentParseException.Code code, String message) {
        assertThatThrownBy(() -> new PolicyReader(parser, new ClauseAwareSplitter()).read(name, bytes))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.source()).isEqualTo(name);
                })
                .hasMessageStartingWith(name + ": ")
                .hasMessageContaining(message)
                .hasMessageContaining(code.english());
    }
}
