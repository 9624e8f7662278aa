package io.govassist.ingestion;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Hostile files generated in memory (nothing large is committed). */
final class HostileFiles {

    private HostileFiles() {
    }

    /** A well-formed DOCX whose document.xml inflates to {@code inflatedBytes} (about 1000:1 compressed). */
    static byte[] zipBombDocx(long inflatedBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "[Content_Types].xml", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                    <Default Extension="xml" ContentType="application/xml"/>\
                    <Override PartName="/word/document.xml" \
                    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
                    </Types>""");
            entry(zip, "_rels/.rels", """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>\
                    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                    <Relationship Id="rId1" \
                    Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                    Target="word/document.xml"/></Relationships>""");
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\""
                    + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>第一条 ")
                    .getBytes(StandardCharsets.UTF_8));
            byte[] block = new byte[1 << 20];
            Arrays.fill(block, (byte) 'a');
            for (long written = 0; written < inflatedBytes; written += block.length) {
                zip.write(block);
            }
            zip.write("</w:t></w:r></w:p></w:body></w:document>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** HTML nested {@code depth} elements deep around one sentence. */
    static byte[] deeplyNestedHtml(int depth) {
        return ("<html><head><title>嵌套</title></head><body>" + "<div>".repeat(depth)
                + "第一条 深层嵌套的段落。" + "</div>".repeat(depth) + "</body></html>").getBytes(StandardCharsets.UTF_8);
    }

    /** The classic billion-laughs XML (entity expansion). */
    static byte[] billionLaughsXml() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            xml.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        return xml.append("]><lolz>&lol9;</lolz>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A PDF whose XFA form pulls {@code /etc/passwd} in through an external entity. */
    static byte[] xxeXfaPdf() {
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain text of {@code pages} pages separated by form feeds, about {@code charsPerPage} characters each. */
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

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }
}
