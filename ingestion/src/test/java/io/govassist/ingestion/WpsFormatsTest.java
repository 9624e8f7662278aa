package io.govassist.ingestion;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Kingsoft WPS Office files (.wps 文字, .et 表格) are read as what their bytes are. No tool here writes a real
 * Kingsoft file, so the fixtures are honest stand-ins: a real DOCX named .wps (WPS saves .wps as OOXML when asked),
 * a real BIFF8 workbook written by POI named .et (what an Excel-compatible .et is), an OLE2 compound file without
 * Word or Excel streams (as a file in Kingsoft's own format looks to Tika) and random bytes.
 */
class WpsFormatsTest {

    private final PolicyDocumentParser parser = new PolicyDocumentParser();

    @Test
    void a_wps_that_is_really_a_docx_gives_the_clauses_of_the_docx() {
        byte[] docx = Fixtures.bytes("derived/derived_02.docx");
        ExtractedText wps = parser.extract("政务新媒体意见.wps", docx);
        assertThat(wps.mediaType()).isEqualTo(PolicyDocumentParser.DOCX);
        ParsedPolicy fromWps = new PolicyReader().read("政务新媒体意见.wps", docx);
        ParsedPolicy fromDocx = Fixtures.read("derived/derived_02.docx");
        assertThat(fromWps.clauses()).extracting(Clause::path).isEqualTo(fromDocx.clauses().stream().map(Clause::path).toList());
        assertThat(fromWps.metadata().docNumber()).isEqualTo("国办发〔2018〕123号");
    }

    @Test
    void an_excel_compatible_et_is_read_as_a_spreadsheet() throws IOException {
        for (Workbook workbook : new Workbook[] {new HSSFWorkbook(), new XSSFWorkbook()}) {
            byte[] et = workbook(workbook);
            ExtractedText text = parser.extract("任务分工.et", et);
            assertThat(text.mediaType()).isIn("application/vnd.ms-excel", PolicyDocumentParser.XLSX);
            assertThat(text.text()).contains("序号\t重点任务\t责任单位").contains("1\t推进政务新媒体集约化建设\t省政府办公厅");
            assertThat(new PolicyReader().read("任务分工.et", et).clauses()).isNotEmpty();
        }
    }

    @Test
    void a_wps_in_kingsofts_own_format_is_unsupported_with_a_message_naming_it() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (POIFSFileSystem ole2 = new POIFSFileSystem()) {
            ole2.createDocument(new ByteArrayInputStream("正文".repeat(2000).getBytes(StandardCharsets.UTF_16LE)), "Contents");
            ole2.writeFilesystem(out);
        }
        assertThat(parser.detect(out.toByteArray())).isEqualTo("application/x-tika-msoffice");
        assertThatThrownBy(() -> parser.extract("通知.wps", out.toByteArray()))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentParseException.Code.UNSUPPORTED_TYPE);
                    assertThat(e.getMessage()).startsWith("通知.wps: 不支持的文件类型")
                            .contains("WPS 文字文件不是 Word/Excel 兼容格式", "另存为 DOCX 或 PDF");
                });
        assertThatThrownBy(() -> parser.extract("报表.et", out.toByteArray()))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentParseException.Code.UNSUPPORTED_TYPE);
                    assertThat(e.getMessage()).contains("WPS 表格文件不是 Word/Excel 兼容格式");
                });
    }

    @Test
    void a_wps_of_random_bytes_is_corrupt_and_named_as_a_wps_file() {
        byte[] garbage = new byte[4096];
        new Random(15).nextBytes(garbage);
        assertThatThrownBy(() -> new PolicyReader().read("通知.wps", garbage))
                .isInstanceOfSatisfying(DocumentParseException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentParseException.Code.CORRUPT);
                    assertThat(e.getMessage()).startsWith("通知.wps: 文件已损坏或无法解析").contains("WPS 文字文件");
                });
    }

    private static byte[] workbook(Workbook workbook) throws IOException {
        try (workbook) {
            Sheet sheet = workbook.createSheet("分工");
            String[][] rows = {
                    {"序号", "重点任务", "责任单位"},
                    {"1", "推进政务新媒体集约化建设", "省政府办公厅"},
                    {"2", "加强政务新媒体内容保障", "省委网信办、省政府办公厅"},
            };
            for (int r = 0; r < rows.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    row.createCell(c).setCellValue(rows[r][c]);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }
}
