package io.govassist.ingestion;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes an image-only "scan" of a corpus text, the way {@code derived/scan_39.pdf} was made: the text laid out like a
 * printed official document (A4, title wrapped and centred in a larger face, body about 16 pt with a two-character first-line
 * indent, 28 characters a line, page numbers {@code — n —} at the foot), drawn with Java2D in a CJK font
 * (Noto Sans CJK SC, Debian's {@code fonts-noto-cjk}), then made to look scanned: grey paper, pixel noise, dark
 * specks, a slight blur and a small skew of each page (seeded, so the output is reproducible). Each page becomes a
 * grey JPEG filling an A4 page of a PDF with no text layer at all. A bench/test tool, not part of the server.
 *
 * <p>Run by {@code scripts/ocr-benchmark}; the committed fixture was made with
 * {@code ScanFixtureGenerator ingestion/src/test/resources/fixtures/govcn/govcn_39_5345808.txt
 * ingestion/src/test/resources/fixtures/derived/scan_39.pdf 150} (7 pages, 1.5 MB).
 */
public final class ScanFixtureGenerator {

    static final int DEFAULT_DPI = 150;
    private static final String FONT = "Noto Sans CJK SC";
    private static final int CHARS_PER_LINE = 28;
    private static final int LINES_PER_PAGE = 22;

    private ScanFixtureGenerator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ScanFixtureGenerator <source.txt> <target.pdf> [dpi]");
            System.exit(2);
        }
        int dpi = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_DPI;
        int pages = render(Path.of(args[0]), Path.of(args[1]), dpi, 39);
        System.out.println(args[1] + ": " + pages + " pages, " + Files.size(Path.of(args[1])) + " bytes");
    }

    /** Renders {@code source} into an image-only PDF at {@code target}; returns the number of pages. */
    static int render(Path source, Path target, int dpi, long seed) throws Exception {
        List<String> paragraphs = Files.readAllLines(source, StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();
        double mm = dpi / 25.4;
        int width = (int) Math.round(210 * mm);
        int height = (int) Math.round(297 * mm);
        int left = (int) Math.round(28 * mm);
        int top = (int) Math.round(37 * mm);
        int contentWidth = (int) Math.round(156 * mm);
        int bodySize = contentWidth / CHARS_PER_LINE;
        int lineHeight = (int) Math.round(225 * mm / LINES_PER_PAGE);
        Font body = new Font(FONT, Font.PLAIN, bodySize);
        Font heading = new Font(FONT, Font.BOLD, bodySize);
        Font title = new Font(FONT, Font.BOLD, (int) Math.round(bodySize * 1.35));
        if (!body.getFamily().equals(FONT)) {
            throw new IllegalStateException(FONT + " is not installed (apt-get install fonts-noto-cjk)");
        }

        // lay out: a list of pages, each a list of lines (font, text, x)
        record Line(Font font, String text, int x) {
        }
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D pg = probe.createGraphics();
        List<List<Line>> pages = new ArrayList<>();
        List<Line> page = new ArrayList<>();
        for (int i = 0; i < paragraphs.size(); i++) {
            String text = paragraphs.get(i);
            Font font = i == 0 ? title : text.matches("[一二三四五六七八九十]+、.*") ? heading : body;
            FontMetrics fm = pg.getFontMetrics(font);
            List<Line> lines = new ArrayList<>();
            {
                int indent = i == 0 ? 0 : 2 * bodySize; // the title: wrapped and centred, no indent
                int start = 0;
                while (start < text.length()) {
                    int available = contentWidth - (start == 0 ? indent : 0);
                    int end = start;
                    while (end < text.length() && fm.stringWidth(text.substring(start, end + 1)) <= available) {
                        end++;
                    }
                    // keep closing punctuation off the start of a line, as typesetters do
                    if (end < text.length() && end > start + 1 && "，。、；：）”！？".indexOf(text.charAt(end)) >= 0) {
                        end--;
                    }
                    String part = text.substring(start, end);
                    lines.add(new Line(font, part, i == 0 ? left + (contentWidth - fm.stringWidth(part)) / 2
                            : left + (start == 0 ? indent : 0)));
                    start = end;
                }
            }
            for (Line line : lines) {
                if (page.size() == LINES_PER_PAGE) {
                    pages.add(page);
                    page = new ArrayList<>();
                }
                page.add(line);
            }
        }
        if (!page.isEmpty()) {
            pages.add(page);
        }
        pg.dispose();

        Random random = new Random(seed);
        try (PDDocument doc = new PDDocument()) {
            for (int p = 0; p < pages.size(); p++) {
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
                Graphics2D g = image.createGraphics();
                g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setColor(new Color(238, 238, 236));
                g.fillRect(0, 0, width, height);
                // a small skew, as a sheet lies on the scanner glass
                g.rotate(Math.toRadians((random.nextDouble() - 0.5) * 1.6), width / 2.0, height / 2.0);
                g.setColor(new Color(30, 30, 30));
                int y = top;
                for (Line line : pages.get(p)) {
                    g.setFont(line.font());
                    g.drawString(line.text(), line.x(), y + bodySize);
                    y += lineHeight;
                }
                g.setFont(body);
                String number = "— " + (p + 1) + " —";
                g.drawString(number, (width - g.getFontMetrics().stringWidth(number)) / 2, height - (int) (18 * mm));
                g.dispose();
                BufferedImage scanned = new ConvolveOp(new Kernel(3, 3, new float[] {
                        0.05f, 0.1f, 0.05f, 0.1f, 0.4f, 0.1f, 0.05f, 0.1f, 0.05f}), ConvolveOp.EDGE_NO_OP, null)
                        .filter(image, null);
                addNoise(scanned, random);
                PDPage pdPage = new PDPage(PDRectangle.A4);
                doc.addPage(pdPage);
                PDImageXObject jpeg = JPEGFactory.createFromImage(doc, scanned, 0.5f, dpi);
                try (PDPageContentStream content = new PDPageContentStream(doc, pdPage)) {
                    content.drawImage(jpeg, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
                }
            }
            doc.save(target.toFile());
        }
        return pages.size();
    }

    /** Gaussian pixel noise (σ 7 grey levels) and a sprinkling of dark specks. */
    private static void addNoise(BufferedImage image, Random random) {
        var raster = image.getRaster();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int v = raster.getSample(x, y, 0) + (int) Math.round(random.nextGaussian() * 7);
                if (random.nextInt(4000) == 0) {
                    v = 40 + random.nextInt(60);
                }
                raster.setSample(x, y, 0, Math.max(0, Math.min(255, v)));
            }
        }
    }
}
