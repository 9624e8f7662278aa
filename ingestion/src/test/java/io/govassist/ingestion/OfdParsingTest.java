package io.govassist.ingestion;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OFD (GB/T 33190-2016) files: recognised from the bytes, read as laid out, broken ones refused clearly. */
class OfdParsingTest {

    private static final String OFD = "derived/derived_02.ofd";
    private final PolicyDocumentParser parser = new PolicyDocumentParser();

    @Test
    void an_ofd_is_recognised_from_its_bytes_and_read_as_paginated_text() {
        // the name says nothing: an OFD is a zip, recognised by its OFD.xml entry point
        ExtractedText ofd = parser.extract("upload", Fixtures.bytes(OFD));
        assertThat(ofd.mediaType()).isEqualTo("application/ofd");
        assertThat(ofd.paginated()).isTrue();
        assertThat(ofd.title()).isEqualTo("国务院办公厅关于推进政务新媒体健康有序发展的意见"); // DocInfo/Title
        assertThat(ofd.text()).contains("国办发〔2018〕123号").contains("\f")
                .containsSubsequence("一、总体要求", "（一）指导思想。", "二、", "国务院办公厅");
    }

    @Test
    void the_normalised_ofd_text_is_the_original_text_up_to_whitespace() {
        ExtractedText ofd = parser.extract(OFD, Fixtures.bytes(OFD));
        String fromOfd = new TextNormalizer().normalize(ofd.text(), true);
        String original = new TextNormalizer().normalize(
                new String(Fixtures.bytes(Fixtures.GOVCN_17_TXT), StandardCharsets.UTF_8), false);
        assertThat(fromOfd.lines().count()).isEqualTo(original.lines().count());
        assertThat(fromOfd.replaceAll("\\s+", "")).isEqualTo(original.replaceAll("\\s+", ""));
    }

    @Test
    void a_truncated_ofd_is_corrupt() {
        byte[] bytes = Fixtures.bytes(OFD);
        assertError("通知.ofd", Arrays.copyOf(bytes, bytes.length / 2), DocumentParseException.Code.CORRUPT);
    }

    @Test
    void an_ofd_package_without_readable_pages_is_corrupt() throws IOException {
        assertError("通知.ofd", zip("OFD.xml", "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:DocBody>"
                + "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"), DocumentParseException.Code.CORRUPT);
        assertError("通知.ofd", zip("OFD.xml", "not xml"), DocumentParseException.Code.CORRUPT);
    }

    @Test
    void an_ofd_zip_bomb_is_refused_before_unpacking_and_a_slow_parse_times_out() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("OFD.xml"));
            zip.write("<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>".getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("Doc_0/Res/image.bin"));
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 200; i++) {
                zip.write(block);
            }
            zip.closeEntry();
        }
        assertThat(bytes.size()).as("compressed size").isLessThan(1 << 20);
        assertError("炸弹.ofd", bytes.toByteArray(), DocumentParseException.Code.TOO_LARGE);

        PolicyDocumentParser impatient = new PolicyDocumentParser(2_000_000, Duration.ofNanos(1));
        assertThatThrownBy(() -> impatient.extract("慢.ofd", Fixtures.bytes(OFD)))
                .isInstanceOfSatisfying(DocumentParseException.class,
                        e -> assertThat(e.code()).isEqualTo(DocumentParseException.Code.TIMEOUT));
    }

    @Test
    void no_temporary_files_are_left_behind_even_for_broken_packages() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Instant start = Instant.now().minusSeconds(1);
        parser.extract(OFD, Fixtures.bytes(OFD));
        assertThatThrownBy(() -> parser.extract("通知.ofd", zip("OFD.xml", "not xml"))).isInstanceOf(DocumentParseException.class);
        // polled: a parse abandoned on timeout by another test may still be running and clean up after itself later
        for (int i = 0; i < 100 && ofdTempDirsSince(tmp, start) > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(ofdTempDirsSince(tmp, start)).isZero();
    }

    private static long ofdTempDirsSince(Path tmp, Instant start) throws IOException {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.filter(p -> p.getFileName().toString().startsWith("govassist-ofd-")
                    || p.getFileName().toString().startsWith("ofd-tmp-")).filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toInstant().isAfter(start);
                        } catch (IOException e) {
                            return false; // deleted meanwhile
                        }
                    }).count();
        }
    }

    @Test
    void a_zip_without_ofd_xml_named_ofd_is_corrupt_and_unnamed_is_unsupported() throws IOException {
        byte[] zip = zip("a.txt", "第一条 测试。");
        assertError("通知.ofd", zip, DocumentParseException.Code.CORRUPT);
        assertError("policies.zip", zip, DocumentParseException.Code.UNSUPPORTED_TYPE);
    }

    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private void assertError(String name, byte[] bytes, DocumentParseException.Code code) {
        assertThatThrownBy(() -> new PolicyReader().read(name, bytes))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).startsWith(name + ": " + code.chinese());
                });
    }
}
