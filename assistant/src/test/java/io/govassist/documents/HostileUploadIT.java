package io.govassist.documents;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile files through the upload API, generated in the test: each gets a per-file error with a Chinese message
 * and a stable code (the request 422 or 413, never 5xx), nothing of them is stored, and the server stays up.
 */
class HostileUploadIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    @Test
    void hostile_files_get_clear_per_file_errors_and_nothing_is_stored() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("压缩炸弹.docx", zipBombDocx(200L << 20));
        files.put("万页通知.txt", manyPagesText(10_000, 250));
        files.put("xfa-xxe.pdf", xxeXfaPdf());
        files.put("billion-laughs.html", billionLaughsXml());
        files.put("截断.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog".getBytes(StandardCharsets.US_ASCII));
        files.put("图片冒充.docx", new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'});
        files.put("空文件.pdf", new byte[0]);
        files.put("random.doc", random(4096));

        int documentsBefore = documentCount();
        ServerTestSupport.Multipart upload = new ServerTestSupport.Multipart();
        files.forEach(upload::file);
        Reply reply = server.send(upload.post(server.base() + "/api/v1/documents").header("Authorization", ADMIN));

        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        JsonNode results = reply.json().get("results");
        assertThat(results).hasSize(files.size());
        Map<String, String> codes = new LinkedHashMap<>();
        for (JsonNode r : results) {
            assertThat(r.get("status").asText()).as(r.toString()).isEqualTo("FAILED");
            String message = r.get("error").get("message").asText();
            assertThat(message).as(r.toString()).containsPattern("\\p{IsHan}").doesNotContain("root:", "\tat ");
            codes.put(r.get("fileName").asText(), r.get("error").get("code").asText());
        }
        assertThat(codes).as("per-file codes").containsEntry("压缩炸弹.docx", "TOO_LARGE")
                .containsEntry("万页通知.txt", "TOO_LARGE")
                .containsEntry("billion-laughs.html", "UNSUPPORTED_TYPE")
                .containsEntry("截断.pdf", "CORRUPT")
                .containsEntry("图片冒充.docx", "UNSUPPORTED_TYPE")
                .containsEntry("空文件.pdf", "EMPTY_FILE");
        assertThat(codes.get("xfa-xxe.pdf")).as("the XFA/XXE PDF has no text of its own").isIn("EMPTY", "CORRUPT");
        assertThat(codes.get("random.doc")).isIn("CORRUPT", "UNSUPPORTED_TYPE");

        assertThat(documentCount()).as("nothing of the hostile files is stored").isEqualTo(documentsBefore);
        assertThat(server.get("/actuator/health/readiness").status()).as("the server stays up").isEqualTo(200);
    }

    @Test
    void a_file_over_the_upload_cap_is_413_with_a_json_error() {
        Reply reply = server.send(new ServerTestSupport.Multipart().file("巨大.pdf", new byte[51 << 20])
                .post(server.base() + "/api/v1/documents").header("Authorization", ADMIN));
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo("FILE_TOO_LARGE");
        assertThat(server.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    private int documentCount() {
        return server.get("/api/v1/documents").json().get("documents").size();
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new java.util.Random(8).nextBytes(bytes);
        bytes[0] = (byte) 0xD0;
        bytes[1] = (byte) 0xCF;
        return bytes;
    }

    static byte[] zipBombDocx(long inflatedBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.wordprocessingml.document.main+xml\"/></Types>");
            entry(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>");
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org"
                    + "/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>第一条 ").getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'a');
            for (long written = 0; written < inflatedBytes; written += block.length) {
                zip.write(block);
            }
            zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    static byte[] manyPagesText(int pages, int charsPerPage) {
        StringBuilder text = new StringBuilder("关于长文件的通知\n");
        String line = "第一条 为了规范政务服务，提高行政效率，根据有关法律法规，制定本办法。\n";
        for (int p = 0; p < pages; p++) {
            for (int n = 0; n < charsPerPage; n += line.length()) {
                text.append(line);
            }
            text.append('\f');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] billionLaughsXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        return xml.append("]><lolz>&lol9;</lolz>").toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xxeXfaPdf() throws IOException {
        String xfa = "<?xml version=\"1.0\"?><!DOCTYPE xdp [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + "<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\">"
                + "<template xmlns=\"http://www.xfa.org/schema/xfa-template/2.8/\"><subform name=\"f\">"
                + "<field name=\"leak\"><caption><value><text>&xxe;</text></value></caption></field></subform></template>"
                + "<xfa:datasets xmlns:xfa=\"http://www.xfa.org/schema/xfa-data/1.0/\"><xfa:data><f><leak>&xxe;</leak>"
                + "</f></xfa:data></xfa:datasets></xdp:xdp>";
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            COSStream stream = doc.getDocument().createCOSStream();
            try (OutputStream s = stream.createOutputStream()) {
                s.write(xfa.getBytes(StandardCharsets.UTF_8));
            }
            form.getCOSObject().setItem(COSName.XFA, stream);
            doc.save(out);
            return out.toByteArray();
        }
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
