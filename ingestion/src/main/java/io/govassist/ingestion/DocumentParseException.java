package io.govassist.ingestion;

/**
 * A file could not be turned into text. The message names the file and the reason in Chinese with an
 * English gloss, e.g. {@code 通知.pdf: 文件已加密 (encrypted file)}; {@link #code()} is stable for programs.
 */
public class DocumentParseException extends RuntimeException {

    /** Machine-readable reason. */
    public enum Code {
        /**
         * The detected media type is not one of PDF, OFD, DOCX, DOC, XLS, XLSX, HTML, plain text or Markdown (WPS
         * Office files count as what they really are; one in Kingsoft's own format is unsupported).
         */
        UNSUPPORTED_TYPE("不支持的文件类型", "unsupported file type"),
        /** The file is password protected. */
        ENCRYPTED("文件已加密", "encrypted file"),
        /** The file is damaged or not what its type claims. */
        CORRUPT("文件已损坏或无法解析", "corrupt or unreadable file"),
        /** The file holds no extractable text (empty, or a scan in which OCR found no text). */
        EMPTY("文件中没有可提取的文字", "no extractable text"),
        /** The extracted text exceeds the configured character limit. */
        TOO_LARGE("文件内容过大", "text exceeds the size limit"),
        /** Parsing took longer than the parse timeout (a pathological or hostile file). */
        TIMEOUT("文件解析超时", "parsing timed out"),
        /**
         * A PDF without any text layer (a scan) that cannot be OCR'd here: OCR is switched off, Tesseract or its
         * Chinese language data is not installed, or the PDF has more pages than OCR is allowed to read.
         */
        OCR_UNAVAILABLE("文件是扫描件（没有文字层），无法进行文字识别", "scanned PDF without a text layer; OCR unavailable");

        private final String chinese;
        private final String english;

        Code(String chinese, String english) {
            this.chinese = chinese;
            this.english = english;
        }

        public String chinese() {
            return chinese;
        }

        public String english() {
            return english;
        }
    }

    private final String source;
    private final Code code;

    public DocumentParseException(String source, Code code, String detail, Throwable cause) {
        super(message(source, code, detail), cause);
        this.source = source;
        this.code = code;
    }

    public DocumentParseException(String source, Code code, String detail) {
        this(source, code, detail, null);
    }

    private static String message(String source, Code code, String detail) {
        String reason = code.chinese() + (detail == null || detail.isBlank() ? "" : " " + detail);
        return (source == null ? "<unnamed>" : source) + ": " + reason + " (" + code.english() + ")";
    }

    /** The file name or source path the error is about. */
    public String source() {
        return source;
    }

    public Code code() {
        return code;
    }
}
