package io.govassist.ingestion;

import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AbstractParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.XHTMLContentHandler;
import org.ofdrw.core.basicStructure.ofd.docInfo.CT_DocInfo;
import org.ofdrw.core.basicStructure.pageObj.layer.block.TextObject;
import org.ofdrw.core.basicType.ST_Array;
import org.ofdrw.core.basicType.ST_Box;
import org.ofdrw.core.text.TextCode;
import org.ofdrw.reader.ContentExtractor;
import org.ofdrw.reader.DeltaTool;
import org.ofdrw.reader.OFDReader;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Tika parser for OFD (GB/T 33190-2016, 版式文档, {@code application/ofd}), the layout format Chinese
 * governments publish official e-documents in, built on <a href="https://github.com/ofdrw/ofdrw">ofdrw</a>.
 *
 * <p>Emits one {@code <div class="page">} per page and one {@code <p>} per paragraph: the text objects of a page
 * (templates and annotations excluded) are placed with their boundary, CTM and glyph offsets, grouped into lines
 * by baseline, lines ordered top to bottom and runs left to right (a gap wider than a glyph becomes a space), and
 * wrapped lines joined by their geometry ({@link #paragraphs}), also across pages. Multi-column layouts and
 * vertical text are read as single-column horizontal text. The DocInfo title is reported
 * as {@link TikaCoreProperties#TITLE}.
 */
public class OfdParser extends AbstractParser {

    /** The media type used for OFD; Tika itself only sees a zip. */
    public static final MediaType OFD = MediaType.application("ofd");

    /** Whether the bytes are a zip whose root holds {@code OFD.xml} (the package entry point GB/T 33190 requires). */
    public static boolean isOfd(byte[] content) {
        try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(content)).get()) {
            return zip.getEntry("OFD.xml") != null;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public Set<MediaType> getSupportedTypes(ParseContext context) {
        return Set.of(OFD);
    }

    @Override
    public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
            throws IOException, SAXException, TikaException {
        byte[] bytes = stream.readAllBytes();
        List<List<Line>> pages = new ArrayList<>();
        // unpacked here rather than by OFDReader(InputStream), whose temporary directory is left behind when the
        // package is broken (the constructor throws, so there is nothing to close)
        Path dir = Files.createTempDirectory("govassist-ofd-");
        try (OFDReader reader = new OFDReader(unzip(bytes, dir).toString(), false)) {
            String title = title(reader);
            if (title != null) {
                metadata.set(TikaCoreProperties.TITLE, title);
            }
            ContentExtractor extractor = new ContentExtractor(reader);
            int n = reader.getNumberOfPages();
            for (int page = 1; page <= n; page++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new TikaException("OFD parse interrupted");
                }
                pages.add(lines(extractor.getPageTextObject(page)));
            }
        } catch (IOException | TikaException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TikaException("Cannot read OFD: " + e, e);
        } finally {
            deleteTree(dir);
        }
        metadata.set(Metadata.CONTENT_TYPE, OFD.toString());
        XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
        xhtml.startDocument();
        for (List<String> page : paragraphs(pages)) {
            xhtml.startElement("div", "class", "page");
            for (String line : page) {
                xhtml.element("p", line);
            }
            xhtml.endElement("div");
        }
        xhtml.endDocument();
    }

    /** Unpacks the package below {@code dir}, refusing entries that would land outside it. */
    private static Path unzip(byte[] bytes, Path dir) throws IOException, TikaException {
        Path root = dir.toAbsolutePath().normalize();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root)) {
                    throw new TikaException("OFD entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return root;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is not worth failing the parse for
        }
    }

    private static String title(OFDReader reader) {
        try {
            CT_DocInfo info = reader.getOFDDir().getOfd().getDocBody().getDocInfo();
            String title = info == null ? null : info.getTile(); // sic: ofdrw's name for Title
            return title == null || title.isBlank() ? null : title.strip();
        } catch (Exception e) {
            return null; // no DocInfo: the title comes from the text
        }
    }

    /** A run of glyphs on the page: text, start and end x, baseline y, font size (all in mm). */
    private record Run(String text, double x, double endX, double y, double size) {
    }

    /** The paragraphs of each page from the text objects of each page (see {@link #paragraphs}). */
    static List<List<String>> paragraphsOf(List<List<TextObject>> pages) {
        return paragraphs(pages.stream().map(OfdParser::lines).toList());
    }

    /** A visual line: text, start and end x, baseline y, largest font size; whether its text ended with a space. */
    private record Line(String text, double x, double endX, double y, double size, boolean spaceAfter) {
    }

    /**
     * Joins wrapped lines into paragraphs by their geometry: a line that reaches the right edge of its page's text
     * block continues on the next line when that starts at the left edge (no first-line indent), in the same size,
     * right below or at the top of the next page, and does not start a clause marker. Page numbers ({@code — 2 —})
     * are kept as lines of their own and skipped when joining. Each paragraph is listed on the page it starts on.
     */
    static List<List<String>> paragraphs(List<List<Line>> pages) {
        List<List<StringBuilder>> out = new ArrayList<>();
        StringBuilder paragraph = null;
        Line previous = null;
        double previousRight = 0;
        for (List<Line> page : pages) {
            List<StringBuilder> texts = new ArrayList<>();
            out.add(texts);
            List<Line> body = page.stream().filter(l -> !TextNormalizer.isPageNumber(l.text())).toList();
            double left = body.stream().mapToDouble(Line::x).min().orElse(0);
            double right = body.stream().mapToDouble(Line::endX).max().orElse(0);
            boolean firstOnPage = true;
            for (Line line : page) {
                if (TextNormalizer.isPageNumber(line.text())) {
                    texts.add(new StringBuilder(line.text()));
                    continue;
                }
                boolean continues = previous != null
                        && previous.endX() >= previousRight - 1.2 * previous.size()
                        && line.x() <= left + 0.5 * line.size()
                        && Math.abs(line.size() - previous.size()) <= 0.1 * previous.size()
                        && (firstOnPage || line.y() - previous.y() <= 3 * previous.size())
                        && !Markers.startsStructure(line.text());
                if (continues) {
                    if (previous.spaceAfter()) {
                        paragraph.append(' ');
                    }
                    paragraph.append(line.text());
                } else {
                    paragraph = new StringBuilder(line.text());
                    texts.add(paragraph);
                }
                previous = line;
                previousRight = right;
                firstOnPage = false;
            }
        }
        return out.stream().map(page -> page.stream().map(StringBuilder::toString).toList()).toList();
    }

    private static List<Line> lines(List<TextObject> objects) {
        List<Run> runs = new ArrayList<>();
        for (TextObject object : objects) {
            addRuns(object, runs);
        }
        runs.sort(Comparator.comparingDouble(Run::y).thenComparingDouble(Run::x));
        List<List<Run>> lines = new ArrayList<>();
        List<Run> current = null;
        double baseline = 0;
        for (Run run : runs) {
            if (current == null || Math.abs(run.y() - baseline) > 0.4 * Math.max(run.size(), 1.0)) {
                current = new ArrayList<>();
                lines.add(current);
                baseline = run.y();
            }
            current.add(run);
        }
        List<Line> out = new ArrayList<>();
        for (List<Run> line : lines) {
            line.sort(Comparator.comparingDouble(Run::x));
            StringBuilder text = new StringBuilder();
            Run previous = null;
            for (Run run : line) {
                if (previous != null && run.x() - previous.endX() > 0.8 * Math.max(previous.size(), 1.0)) {
                    text.append(' ');
                }
                text.append(run.text());
                previous = run;
            }
            String s = text.toString().strip();
            if (!s.isEmpty()) {
                out.add(new Line(s, line.getFirst().x(), previous.endX(), line.getFirst().y(),
                        line.stream().mapToDouble(Run::size).max().orElse(0),
                        Character.isWhitespace(text.charAt(text.length() - 1))));
            }
        }
        return out;
    }

    private static void addRuns(TextObject object, List<Run> runs) {
        ST_Box boundary = object.getBoundary();
        double left = boundary == null ? 0 : boundary.getTopLeftX();
        double top = boundary == null ? 0 : boundary.getTopLeftY();
        Double sizeValue = object.getSize();
        double size = sizeValue == null ? 3.5 : sizeValue;
        double[] ctm = ctm(object.getCTM());
        double x = 0;
        double y = 0;
        for (TextCode code : object.getTextCodes()) {
            String content = code.getContent();
            if (code.getX() != null) {
                x = code.getX();
            }
            if (code.getY() != null) {
                y = code.getY();
            }
            if (content == null || content.isEmpty()) {
                continue;
            }
            int glyphs = content.codePointCount(0, content.length());
            double advance = 0;
            ST_Array deltaX = code.getDeltaX();
            if (deltaX != null && glyphs > 1) {
                for (Float d : DeltaTool.getDelta(deltaX, glyphs - 1)) {
                    advance += d == null ? 0 : d;
                }
            } else if (glyphs > 1) {
                advance = (glyphs - 1) * size;
            }
            double endX = x + advance + size;
            double scale = ctm == null ? 1 : Math.hypot(ctm[0], ctm[1]);
            double startPageX = left + (ctm == null ? x : ctm[0] * x + ctm[2] * y + ctm[4]);
            double endPageX = left + (ctm == null ? endX : ctm[0] * endX + ctm[2] * y + ctm[4]);
            double pageY = top + (ctm == null ? y : ctm[1] * x + ctm[3] * y + ctm[5]);
            runs.add(new Run(content, startPageX, endPageX, pageY, size * scale));
            x = endX;
        }
    }

    private static double[] ctm(ST_Array array) {
        if (array == null) {
            return null;
        }
        Double[] values = array.toDouble();
        if (values == null || values.length != 6) {
            return null;
        }
        double[] m = new double[6];
        for (int i = 0; i < 6; i++) {
            m[i] = values[i] == null ? 0 : values[i];
        }
        return m;
    }
}
