package io.govassist.ingestion;

import java.time.Duration;
import java.util.Objects;

/**
 * OCR of PDF pages that have no text layer (scans), with Tesseract through Tika.
 *
 * @param enabled     whether image-only PDF pages are OCR'd at all; when off (or Tesseract is missing) a PDF without
 *                    any text layer is refused with {@code OCR_UNAVAILABLE}
 * @param language    Tesseract languages, {@code +}-joined; {@code chi_sim} (Debian's {@code tesseract-ocr-chi-sim}) reads
 *                    the Latin letters and digits of Chinese documents too, and adding {@code eng} made it read 人 as
 *                    {@code A} and run slower on our scans (docs/benchmarks.md)
 * @param pageTimeout the parse budget added per page of a PDF when OCR is on (and Tesseract's own limit per page)
 * @param maxPages    a PDF with more pages than this is read without OCR (its text layer only)
 * @param dpi         resolution at which a page is rendered for Tesseract; 150-200 suits the 16 pt body text of
 *                    official documents
 */
public record OcrSettings(boolean enabled, String language, Duration pageTimeout, int maxPages, int dpi) {

    /** The defaults (also the Spring defaults of {@code govassist.ingest.ocr.*}). */
    public static final OcrSettings DEFAULT = new OcrSettings(true, "chi_sim", Duration.ofSeconds(60), 100, 200);
    /** No OCR: image-only PDFs are refused with {@code OCR_UNAVAILABLE}. */
    public static final OcrSettings DISABLED = new OcrSettings(false, "chi_sim", Duration.ofSeconds(60), 100, 200);

    public OcrSettings {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(pageTimeout, "pageTimeout");
        if (!language.matches("[A-Za-z_]+(\\+[A-Za-z_]+)*")) {
            throw new IllegalArgumentException("language must be Tesseract language codes joined by +, e.g. chi_sim+eng: " + language);
        }
        if (pageTimeout.isNegative() || pageTimeout.isZero()) {
            throw new IllegalArgumentException("pageTimeout must be positive");
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        if (dpi < 72 || dpi > 600) {
            throw new IllegalArgumentException("dpi must be between 72 and 600");
        }
    }
}
