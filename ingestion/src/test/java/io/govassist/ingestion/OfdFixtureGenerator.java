package io.govassist.ingestion;

import org.ofdrw.font.Font;
import org.ofdrw.font.FontName;
import org.ofdrw.layout.OFDDoc;
import org.ofdrw.layout.PageLayout;
import org.ofdrw.layout.element.Paragraph;
import org.ofdrw.layout.element.Position;
import org.ofdrw.layout.element.TextAlign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders a corpus text as an OFD file with ofdrw's layout engine, the way {@code derived/derived_02.ofd} was made:
 * A4, one OFD paragraph per non-blank line, body in 仿宋 16 pt-ish with a two-character first-line indent, lines
 * wrapped by the layout engine, page numbers {@code — n —} at the foot of each page. The fonts are referenced by name only (宋体/黑体/仿宋, ofdrw's width tables), not
 * embedded, so the file stays small; a viewer substitutes its own CJK font. The first line becomes the DocInfo title.
 *
 * <pre>
 * java -cp ingestion/target/test-classes:$(deps) io.govassist.ingestion.OfdFixtureGenerator \
 *     ingestion/src/test/resources/fixtures/govcn/govcn_17_5352666.txt \
 *     ingestion/src/test/resources/fixtures/derived/derived_02.ofd
 * </pre>
 */
public final class OfdFixtureGenerator {

    private OfdFixtureGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: OfdFixtureGenerator <source.txt> <target.ofd>");
            System.exit(2);
        }
        render(Path.of(args[0]), Path.of(args[1]));
    }

    static void render(Path source, Path target) throws Exception {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        Font body = FontName.FangSong.font();
        Font heading = FontName.SimHei.font();
        try (OFDDoc doc = new OFDDoc(target)) {
            PageLayout a4 = PageLayout.A4();
            a4.setMargin(25.0, 26.0, 25.0, 28.0);
            doc.setDefaultPageLayout(a4);
            doc.onPage(page -> { // page numbers at the foot, as printed official documents have them
                Paragraph number = new Paragraph("— " + page.getPageNum() + " —", 4.9, body);
                number.setTextAlign(TextAlign.center);
                number.setWidth(a4.contentWidth());
                number.setPosition(Position.Absolute);
                number.setXY(a4.getMarginLeft(), a4.getHeight() - 18.0);
                page.add(number);
            });
            doc.getOfdDir().getOfd().getDocBody().getDocInfo().setTile(lines.getFirst()).setCreator("GovAssist OfdFixtureGenerator");
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                Paragraph p;
                if (i == 0) {
                    p = new Paragraph(line, 7.5, heading);
                    p.setTextAlign(TextAlign.center);
                } else if (line.matches("[一二三四五六七八九十]+、.*")) {
                    p = new Paragraph(line, 5.6, heading);
                    p.setFirstLineIndent(2);
                } else {
                    p = new Paragraph(line, 5.6, body);
                    p.setFirstLineIndent(2);
                }
                p.setLineSpace(2.0);
                p.setMarginBottom(1.0);
                p.setWidth(a4.contentWidth());
                doc.add(p);
            }
        }
    }
}
