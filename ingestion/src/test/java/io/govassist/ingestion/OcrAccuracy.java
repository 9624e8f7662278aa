package io.govassist.ingestion;

/**
 * Character accuracy of OCR output against its source, as OCR evaluations report it: 1 − (Levenshtein distance /
 * source length), computed on the texts with all whitespace removed (line breaks and spaces differ by layout, not
 * by recognition).
 */
final class OcrAccuracy {

    private OcrAccuracy() {
    }

    static double characterAccuracy(String source, String ocr) {
        int[] a = source.replaceAll("\\s+", "").codePoints().toArray();
        int[] b = ocr.replaceAll("\\s+", "").codePoints().toArray();
        if (a.length == 0) {
            return b.length == 0 ? 1 : 0;
        }
        int[] previous = new int[b.length + 1];
        int[] current = new int[b.length + 1];
        for (int j = 0; j <= b.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length; i++) {
            current[0] = i;
            for (int j = 1; j <= b.length; j++) {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return Math.max(0, 1 - (double) previous[b.length] / a.length);
    }
}
