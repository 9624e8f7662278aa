package io.govassist.ingestion;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentParser;
import dev.langchain4j.data.document.Metadata;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.microsoft.OfficeParserConfig;
import org.apache.tika.parser.ocr.TesseractOCRConfig;
import org.apache.tika.parser.pdf.PDFParserConfig;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipInputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Extracts text from policy documents: PDF, OFD, DOCX, DOC, HTML, plain text and Markdown, and spreadsheets (XLS,
 * XLSX). Kingsoft WPS Office files are read by their real format: a {@code .wps} saved Word-compatible (OLE2 like DOC,
 * or OOXML like DOCX) as Word, an {@code .et} saved Excel-compatible as a spreadsheet; one in Kingsoft's own OLE2
 * format is refused as {@code UNSUPPORTED_TYPE} with a message naming it and asking for DOCX or PDF.
 *
 * <p>The real type is detected from the bytes with Tika; the file name is only used in error messages
 * (and to call a supported-looking file that Tika cannot recognise corrupt rather than unsupported).
 * Plain text and Markdown are decoded here: UTF-8 (with or without BOM) when the bytes are valid UTF-8,
 * UTF-16 with a BOM, otherwise GB18030 (a superset of GBK and GB2312). HTML and office formats go
 * through Tika with a handler that keeps block boundaries as line breaks, table cells as TABs and PDF
 * pages separated by {@code \f}. OFD (GB/T 33190, a zip with {@code OFD.xml}, which Tika only sees as a zip) is
 * recognised here and read by {@link OfdParser} like a PDF: lines as laid out, pages separated by {@code \f}.
 * PDF pages without a text layer (scans) are read by OCR — Tesseract through Tika, only those pages, see
 * {@link OcrSettings} — and the OCR output is repaired by {@link OcrText} before the common normaliser; a PDF with no
 * text layer at all that cannot be OCR'd here is refused with {@code OCR_UNAVAILABLE}. Embedded documents and DOCX
 * headers/footers are not extracted.
 *
 * <p>All failures are reported as {@link DocumentParseException} with a {@link DocumentParseException.Code}.
 * Instances are thread-safe.
 */
public class PolicyDocumentParser implements DocumentParser {

    /** Default limit on extracted characters. */
    public static final int DEFAULT_MAX_CHARS = 20_000_000;

    /** Metadata keys set on the {@link Document} returned by {@link #parse(InputStream)}. */
    public static final String META_TITLE = "title";
    public static final String META_MEDIA_TYPE = "media_type";
    public static final String META_PAGINATED = "paginated";

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String OFD = OfdParser.OFD.toString();
    private static final Set<String> TEXT_TYPES = Set.of("text/plain", "text/markdown", "text/x-web-markdown");
    private static final Set<String> HTML_TYPES = Set.of("text/html", "application/xhtml+xml");
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final Set<String> OFFICE_TYPES = Set.of("application/pdf", DOCX, "application/msword",
            "application/vnd.ms-excel", XLSX);
    private static final Set<String> ENCRYPTED_TYPES = Set.of("application/x-tika-ooxml-protected",
            "application/x-tika-msoffice-protected");
    private static final Set<String> SUPPORTED_EXTENSIONS = Set.of("pdf", "ofd", "docx", "doc", "wps", "xls", "xlsx",
            "et", "html", "htm", "txt", "md");
    /** Kingsoft WPS Office extensions and what to call them in messages. */
    private static final Map<String, String> KINGSOFT = Map.of(
            "wps", "WPS 文字文件", "wpt", "WPS 文字模板", "et", "WPS 表格文件", "ett", "WPS 表格模板",
            "dps", "WPS 演示文件");

    private static final TikaConfig TIKA = TikaConfig.getDefaultConfig();
    static final long MAX_INFLATION_RATIO = 100;
    static final long MIN_INFLATED_CHECKED = 64L << 20;

    /** Longest a Tika parse may take by default before the file is refused with {@code TIMEOUT}. */
    public static final Duration DEFAULT_PARSE_TIMEOUT = Duration.ofSeconds(60);

    // Daemon workers, so a parse that ignores interruption cannot keep the JVM alive; idle workers end after 60 s.
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(Thread.ofPlatform()
            .name("tika-parse-", 0).daemon(true).factory());

    private final int maxChars;
    private final Duration parseTimeout;
    private final OcrSettings ocr;
    private final Detector detector = TIKA.getDetector();
    private final AutoDetectParser parser = new AutoDetectParser(TIKA);
    private final OfdParser ofdParser = new OfdParser();

    public PolicyDocumentParser() {
        this(DEFAULT_MAX_CHARS);
    }

    /** @param maxChars the maximum number of extracted characters; more gives {@code TOO_LARGE} */
    public PolicyDocumentParser(int maxChars) {
        this(maxChars, DEFAULT_PARSE_TIMEOUT);
    }

    /**
     * @param maxChars     the maximum number of extracted characters; more gives {@code TOO_LARGE}
     * @param parseTimeout the longest a Tika parse (PDF, Word, HTML) may take; then the parsing thread is
     *                     interrupted and the file refused with {@code TIMEOUT}
     */
    public PolicyDocumentParser(int maxChars, Duration parseTimeout) {
        this(maxChars, parseTimeout, OcrSettings.DEFAULT);
    }

    /**
     * @param maxChars     the maximum number of extracted characters; more gives {@code TOO_LARGE}
     * @param parseTimeout the longest a Tika parse may take, plus {@link OcrSettings#pageTimeout()} per page of a PDF
     *                     when OCR is on
     * @param ocr          OCR of PDF pages without a text layer
     */
    public PolicyDocumentParser(int maxChars, Duration parseTimeout, OcrSettings ocr) {
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        if (parseTimeout.isNegative() || parseTimeout.isZero()) {
            throw new IllegalArgumentException("parseTimeout must be positive");
        }
        this.maxChars = maxChars;
        this.parseTimeout = parseTimeout;
        this.ocr = java.util.Objects.requireNonNull(ocr, "ocr");
    }

    /**
     * LangChain4j entry point. The returned document's metadata carries {@link #META_TITLE} (if known),
     * {@link #META_MEDIA_TYPE} and {@link #META_PAGINATED}.
     */
    @Override
    public Document parse(InputStream inputStream) {
        byte[] bytes;
        try {
            bytes = inputStream.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ExtractedText extracted = extract(null, bytes);
        Metadata metadata = new Metadata()
                .put(META_MEDIA_TYPE, extracted.mediaType())
                .put(META_PAGINATED, String.valueOf(extracted.paginated()));
        if (extracted.title() != null) {
            metadata.put(META_TITLE, extracted.title());
        }
        return Document.from(extracted.text(), metadata);
    }

    /**
     * Extracts the text of one file.
     *
     * @param source  file name or path, used in error messages only (may be {@code null})
     * @param content the file's bytes
     * @throws DocumentParseException if the file is unsupported, encrypted, corrupt, empty or too large
     */
    public ExtractedText extract(String source, byte[] content) {
        if (content == null || content.length == 0) {
            throw new DocumentParseException(source, DocumentParseException.Code.EMPTY, "(0 bytes)");
        }
        String type = detect(content);
        if (type.equals("application/zip") && OfdParser.isOfd(content)) {
            type = OFD;
        }
        ExtractedText result;
        if (TEXT_TYPES.contains(type) || (type.equals("application/octet-stream") && looksLikeText(content))) {
            result = new ExtractedText(decodeText(source, content), "text/plain", null, false);
        } else if (HTML_TYPES.contains(type) || OFFICE_TYPES.contains(type) || type.equals(OFD)) {
            if (type.equals(DOCX) || type.equals(XLSX) || type.equals(OFD)) {
                refuseZipBomb(source, content);
            }
            if (type.equals("application/pdf")) {
                result = parsePdf(source, content);
            } else {
                result = parseWithTimeout(source, content, type, false, parseTimeout);
            }
        } else if (ENCRYPTED_TYPES.contains(type)) {
            throw new DocumentParseException(source, DocumentParseException.Code.ENCRYPTED, null);
        } else if (kingsoftFormat(source) != null && type.equals("application/x-tika-msoffice")) {
            // an OLE2 compound file without Word or Excel streams: WPS Office's own format, which Tika cannot read
            throw new DocumentParseException(source, DocumentParseException.Code.UNSUPPORTED_TYPE,
                    "（" + kingsoftFormat(source) + "不是 Word/Excel 兼容格式，请在 WPS 中另存为 DOCX 或 PDF 后上传）"
                            + "(Kingsoft format: " + type + ")");
        } else if (claimsSupportedType(source)
                && (type.equals("application/octet-stream") || type.equals("application/zip")
                || type.equals("application/x-tika-ooxml") || type.equals("application/x-tika-msoffice"))) {
            // e.g. a truncated DOCX is only recognised as a zip: the extension is right, the bytes are broken
            String format = kingsoftFormat(source);
            throw new DocumentParseException(source, DocumentParseException.Code.CORRUPT,
                    "(" + (format == null ? "" : format + ", ") + type + ")");
        } else {
            throw new DocumentParseException(source, DocumentParseException.Code.UNSUPPORTED_TYPE, type);
        }
        if (result.text().codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new DocumentParseException(source, DocumentParseException.Code.EMPTY, null);
        }
        return result;
    }

    /** The media type Tika detects from the bytes alone (no file name), without parameters; OFD is not among them. */
    public String detect(byte[] content) {
        try (TikaInputStream in = TikaInputStream.get(content)) {
            MediaType type = detector.detect(in, new org.apache.tika.metadata.Metadata());
            return type.getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A PDF: with OCR of the pages that have no text layer when OCR is on, Tesseract is installed and the PDF is not
     * longer than {@link OcrSettings#maxPages()}; the time allowed grows by {@link OcrSettings#pageTimeout()} a page.
     * A PDF that yields no text without OCR is refused with {@code OCR_UNAVAILABLE}, saying why.
     */
    private ExtractedText parsePdf(String source, byte[] content) {
        String unavailable;
        int pages = pageCount(content);
        if (!ocr.enabled()) {
            unavailable = "（本系统未启用文字识别，请上传带文字层的 PDF 或 Word/OFD 文件）(OCR disabled)";
        } else if (!Tesseract.available(ocr.language())) {
            unavailable = "（服务器未安装文字识别组件 tesseract-ocr 及语言包 " + ocr.language()
                    + "，请联系管理员，或上传带文字层的 PDF 或 Word/OFD 文件）(tesseract not installed)";
        } else if (pages > ocr.maxPages()) {
            unavailable = "（共 " + pages + " 页，超过文字识别上限 " + ocr.maxPages() + " 页，请拆分后上传）(too many pages for OCR)";
        } else {
            Duration budget = parseTimeout.plus(ocr.pageTimeout().multipliedBy(Math.max(1, pages)));
            return parseWithTimeout(source, content, "application/pdf", true, budget);
        }
        ExtractedText text = parseWithTimeout(source, content, "application/pdf", false, parseTimeout);
        if (text.text().codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw new DocumentParseException(source, DocumentParseException.Code.OCR_UNAVAILABLE, unavailable);
        }
        return text;
    }

    /** Pages of a PDF as PDFBox reads them; 1 when it cannot (Tika will then say what is wrong with the file). */
    private static int pageCount(byte[] content) {
        try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(content)) {
            return pdf.getNumberOfPages();
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    /** Tika in a worker thread, so that a file that makes it spin (or a decompression bomb) cannot hold us. */
    private ExtractedText parseWithTimeout(String source, byte[] content, String type, boolean withOcr, Duration timeout) {
        Future<ExtractedText> parse = WORKERS.submit(() -> parseWithTika(source, content, type, withOcr));
        try {
            return parse.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            parse.cancel(true);
            throw new DocumentParseException(source, DocumentParseException.Code.TIMEOUT,
                    "(> " + timeout.toSeconds() + " s)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new DocumentParseException(source, DocumentParseException.Code.CORRUPT,
                    "(" + type + ": " + e.getCause().getClass().getSimpleName() + ")", e.getCause());
        } catch (InterruptedException e) {
            parse.cancel(true);
            Thread.currentThread().interrupt();
            throw new DocumentParseException(source, DocumentParseException.Code.TIMEOUT, "(interrupted)", e);
        }
    }

    private ExtractedText parseWithTika(String source, byte[] content, String type, boolean withOcr) {
        ParseContext context = new ParseContext();
        PDFParserConfig pdf = new PDFParserConfig();
        pdf.setExtractInlineImages(false);
        pdf.setExtractAnnotationText(false);
        TesseractOCRConfig tesseract = new TesseractOCRConfig();
        if (withOcr) {
            // AUTO: a page is OCR'd only when its text layer has (next to) no characters, or mostly unmapped ones
            pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.AUTO);
            pdf.setOcrDPI(ocr.dpi());
            pdf.setOcrImageType(PDFParserConfig.TikaImageType.GRAY);
            tesseract.setLanguage(ocr.language());
            tesseract.setPageSegMode("4"); // one column of lines of varying size, as official documents are laid out
            tesseract.setPreserveInterwordSpacing(true);
            tesseract.setTimeoutSeconds((int) Math.max(1, ocr.pageTimeout().toSeconds()));
        } else {
            pdf.setOcrStrategy(PDFParserConfig.OCR_STRATEGY.NO_OCR);
            tesseract.setSkipOcr(true);
        }
        context.set(PDFParserConfig.class, pdf);
        context.set(TesseractOCRConfig.class, tesseract);
        OfficeParserConfig office = new OfficeParserConfig();
        office.setIncludeHeadersAndFooters(false);
        office.setIncludeDeletedContent(false);
        office.setIncludeMoveFromContent(false);
        context.set(OfficeParserConfig.class, office);

        org.apache.tika.metadata.Metadata metadata = new org.apache.tika.metadata.Metadata();
        BlockTextHandler handler = new BlockTextHandler(maxChars);
        try (TikaInputStream in = TikaInputStream.get(content)) {
            (type.equals(OFD) ? ofdParser : parser).parse(in, handler, metadata, context);
        } catch (EncryptedDocumentException e) {
            throw new DocumentParseException(source, DocumentParseException.Code.ENCRYPTED, null, e);
        } catch (LimitReachedException e) {
            throw new DocumentParseException(source, DocumentParseException.Code.TOO_LARGE,
                    "(> " + maxChars + " 字符 / chars)", e);
        } catch (SAXException | TikaException | IOException | RuntimeException e) {
            if (hasCause(e, EncryptedDocumentException.class)) {
                throw new DocumentParseException(source, DocumentParseException.Code.ENCRYPTED, null, e);
            }
            if (hasCause(e, LimitReachedException.class)) {
                throw new DocumentParseException(source, DocumentParseException.Code.TOO_LARGE,
                        "(> " + maxChars + " 字符 / chars)", e);
            }
            if (isZipBomb(e)) {
                throw new DocumentParseException(source, DocumentParseException.Code.TOO_LARGE,
                        "(压缩比异常，疑似压缩炸弹 / zip bomb)", e);
            }
            throw new DocumentParseException(source, DocumentParseException.Code.CORRUPT,
                    "(" + type + ": " + e.getClass().getSimpleName() + ")", e);
        }
        String title = metadata.get(TikaCoreProperties.TITLE);
        if (title != null) {
            title = title.strip();
            if (title.isEmpty() || title.codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                title = null; // "Document1", "Microsoft Word - x.doc" and the like say nothing
            }
        }
        String text = handler.ocrPages > 0 ? OcrText.repairNumbering(handler.text()) : handler.text();
        return new ExtractedText(text, type, title, type.equals("application/pdf") || type.equals(OFD),
                handler.ocrPages);
    }

    private String decodeText(String source, byte[] bytes) {
        String text;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        } else if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            text = new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        } else {
            text = strictDecode(bytes, StandardCharsets.UTF_8);
            if (text == null) {
                text = new String(bytes, Charset.forName("GB18030"));
            }
        }
        if (text.length() > maxChars) {
            throw new DocumentParseException(source, DocumentParseException.Code.TOO_LARGE,
                    "(> " + maxChars + " 字符 / chars)");
        }
        return text;
    }

    /** The charset a plain-text file is decoded with: UTF-8, UTF-16BE/LE (BOM) or GB18030. */
    public static Charset detectCharset(byte[] bytes) {
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        if (bytes.length >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        return strictDecode(bytes, StandardCharsets.UTF_8) != null ? StandardCharsets.UTF_8 : Charset.forName("GB18030");
    }

    private static String strictDecode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Text in some charset Tika did not recognise: no NUL or other C0 controls besides whitespace. */
    private static boolean looksLikeText(byte[] bytes) {
        int n = Math.min(bytes.length, 8192);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1B) {
                return false;
            }
        }
        String decoded = strictDecode(bytes, StandardCharsets.UTF_8);
        return decoded != null || strictDecode(bytes, Charset.forName("GB18030")) != null;
    }

    /** "WPS 文字文件" for {@code 通知.wps} and the like, else {@code null}. */
    private static String kingsoftFormat(String source) {
        if (source == null || source.lastIndexOf('.') < 0) {
            return null;
        }
        return KINGSOFT.get(source.substring(source.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT));
    }

    private static boolean claimsSupportedType(String source) {
        if (source == null) {
            return false;
        }
        int dot = source.lastIndexOf('.');
        return dot >= 0 && SUPPORTED_EXTENSIONS.contains(source.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Refuses a DOCX whose entries inflate to more than {@link #MAX_INFLATION_RATIO} times the file and more than
     * {@link #MIN_INFLATED_CHECKED} bytes, before Tika (whose DOCX extractor holds the whole document.xml in
     * memory) sees it. Streams the entries, so the check itself needs no memory.
     */
    private static void refuseZipBomb(String source, byte[] content) {
        long limit = Math.max(MIN_INFLATED_CHECKED, MAX_INFLATION_RATIO * content.length);
        long inflated = 0;
        byte[] buffer = new byte[64 * 1024];
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
            while (zip.getNextEntry() != null) {
                for (int n; (n = zip.read(buffer)) > 0; ) {
                    inflated += n;
                    if (inflated > limit) {
                        throw new DocumentParseException(source, DocumentParseException.Code.TOO_LARGE,
                                "(压缩比异常，疑似压缩炸弹 / zip bomb)");
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // broken archives are left to Tika, which reports them as corrupt
        }
    }

    /** POI refuses entries that inflate suspiciously far ({@code ZipSecureFile}) with this message. */
    private static boolean isZipBomb(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && (t.getMessage().contains("Zip bomb detected")
                    || t.getMessage().contains("Suspected zip bomb"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** Thrown by the handler when the write limit is reached. */
    private static final class LimitReachedException extends SAXException {
        LimitReachedException() {
            super("write limit reached");
        }
    }

    /**
     * Turns Tika's XHTML events into text: block elements end lines, PDF pages ({@code <div class="page">})
     * are separated by {@code \f}, and a table row becomes one line with TAB-separated cells. Each cell is
     * buffered first: a cell holding more than a few lines or a lot of text is a layout cell (gov.cn pages
     * wrap the whole document in one) and keeps its line breaks instead.
     */
    private static final class BlockTextHandler extends DefaultHandler {
        private static final Set<String> BLOCKS = Set.of("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li",
                "dt", "dd", "blockquote", "pre", "table", "ul", "ol", "dl", "section", "article", "header",
                "footer", "address", "hr", "form", "caption", "center", "tbody", "thead", "tfoot", "tr", "br");
        private static final int LAYOUT_LINES = 3;
        private static final int LAYOUT_CHARS = 300;

        private final StringBuilder out = new StringBuilder();
        private final int limit;
        private final java.util.ArrayDeque<StringBuilder> cells = new java.util.ArrayDeque<>();
        private final java.util.ArrayDeque<int[]> rowCells = new java.util.ArrayDeque<>(); // per open table: {cells in the current row, open cells outside it}
        private long written;
        private int headDepth;
        private int pages;
        private StringBuilder ocrText; // the OCR output of the current page, repaired by OcrText when it ends
        private int ocrDepth;
        private int ocrPages;

        BlockTextHandler(int limit) {
            this.limit = limit;
        }

        String text() {
            return out.toString();
        }

        private StringBuilder current() {
            if (ocrText != null) {
                return ocrText;
            }
            return cells.isEmpty() ? out : cells.peek();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            String name = (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
            switch (name) {
                case "head" -> headDepth++;
                case "table" -> {
                    rowCells.push(new int[] {0, cells.size()});
                    newline();
                }
                case "tr" -> {
                    if (!rowCells.isEmpty()) {
                        rowCells.peek()[0] = 0;
                    }
                    newline();
                }
                case "td", "th" -> cells.push(new StringBuilder());
                case "div" -> {
                    if (ocrText != null) {
                        ocrDepth++;
                    } else if ("ocr".equals(atts.getValue("class"))) {
                        newline();
                        ocrText = new StringBuilder();
                        ocrDepth = 1;
                        ocrPages++;
                    }
                    if ("page".equals(atts.getValue("class")) && pages++ > 0) {
                        newline();
                        current().append('\f');
                    }
                    newline();
                }
                default -> {
                    if (BLOCKS.contains(name)) {
                        newline();
                    }
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            String name = (localName == null || localName.isEmpty() ? qName : localName).toLowerCase(Locale.ROOT);
            switch (name) {
                case "head" -> headDepth--;
                case "td", "th" -> {
                    if (!cells.isEmpty()) {
                        endCell(cells.pop());
                    }
                }
                case "table" -> {
                    if (!rowCells.isEmpty()) {
                        rowCells.pop();
                    }
                    newline();
                }
                case "div" -> {
                    if (ocrText != null && --ocrDepth == 0) {
                        String repaired = OcrText.clean(ocrText.toString());
                        ocrText = null;
                        newline();
                        current().append(repaired);
                    }
                    newline();
                }
                default -> {
                    if (BLOCKS.contains(name)) {
                        newline();
                    }
                }
            }
        }

        private void endCell(StringBuilder cell) {
            StringBuilder target = current();
            List<String> lines = cell.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (lines.size() > LAYOUT_LINES || cell.length() > LAYOUT_CHARS || cell.indexOf("\f") >= 0) {
                newline();
                target.append(cell).append('\n');
                return;
            }
            if (!rowCells.isEmpty() && rowCells.peek()[0]++ > 0) {
                target.append('\t');
            }
            target.append(String.join(" ", lines).replace('\t', ' '));
        }

        private void newline() {
            StringBuilder b = current();
            if (!b.isEmpty() && b.charAt(b.length() - 1) != '\n') {
                b.append('\n');
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (headDepth > 0) {
                return;
            }
            if (!rowCells.isEmpty() && rowCells.peek()[1] == cells.size()) {
                return; // between the cells of a table: formatting whitespace only
            }
            written += length;
            if (written > limit) {
                throw new LimitReachedException();
            }
            current().append(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            characters(ch, start, length);
        }
    }
}
