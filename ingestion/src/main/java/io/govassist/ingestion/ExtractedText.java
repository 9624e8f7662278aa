package io.govassist.ingestion;

/**
 * Raw text extracted from a file, before normalisation.
 *
 * @param text      the text, block boundaries (paragraphs, headings, table rows) as line breaks, table cells
 *                  separated by TAB, pages separated by form feed {@code \f} for paginated formats
 * @param mediaType the media type detected from the bytes, e.g. {@code application/pdf}
 * @param title     the title from the file's own metadata ({@code <title>}, DOCX/PDF properties), or {@code null}
 * @param paginated true for page-laid-out formats (PDF, OFD) whose lines wrap mid-sentence and carry page footers
 * @param ocrPages  how many pages of the text were read by OCR (pages of a PDF without a text layer), else 0
 */
public record ExtractedText(String text, String mediaType, String title, boolean paginated, int ocrPages) {

    public ExtractedText(String text, String mediaType, String title, boolean paginated) {
        this(text, mediaType, title, paginated, 0);
    }
}
