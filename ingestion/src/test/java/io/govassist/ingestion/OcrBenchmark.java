package io.govassist.ingestion;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * OCR benchmark (not a test): reads an image-only scan (made by {@link ScanFixtureGenerator}) with OCR and compares it
 * with the text it was made from — character accuracy, numbered clauses recovered (same label under the same
 * section), 文号, pages per second. Run by {@code scripts/ocr-benchmark}; results go to {@code docs/benchmarks.md}.
 *
 * <p>Usage: {@code OcrBenchmark SOURCE.txt SCAN.pdf [ocrDpi=200] [dumpDir] [language=chi_sim]}
 */
public final class OcrBenchmark {

    private OcrBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path source = Path.of(args[0]);
        Path scan = Path.of(args[1]);
        int dpi = args.length > 2 ? Integer.parseInt(args[2]) : OcrSettings.DEFAULT.dpi();
        String language = args.length > 4 ? args[4] : OcrSettings.DEFAULT.language();
        OcrSettings settings = new OcrSettings(true, language, OcrSettings.DEFAULT.pageTimeout(),
                OcrSettings.DEFAULT.maxPages(), dpi);
        ScannedPdfIT.RecordingParser parser = new ScannedPdfIT.RecordingParser(settings);
        PolicyReader reader = new PolicyReader(parser, new ClauseAwareSplitter());
        byte[] pdf = Files.readAllBytes(scan);
        byte[] txt = Files.readAllBytes(source);

        long start = System.nanoTime();
        ParsedPolicy ocr = reader.read(scan.getFileName().toString(), pdf);
        double seconds = (System.nanoTime() - start) / 1e9;
        ExtractedText raw = parser.last;
        ParsedPolicy text = reader.read(source.getFileName().toString(), txt);
        TextNormalizer normalizer = new TextNormalizer();
        String sourceText = normalizer.normalize(new String(txt, StandardCharsets.UTF_8));
        String ocrText = normalizer.normalize(raw.text(), true);
        double accuracy = OcrAccuracy.characterAccuracy(sourceText, ocrText);

        List<Clause> numbered = text.clauses().stream().filter(c -> c.part() <= 1 && !c.markers().isEmpty()).toList();
        long recovered = numbered.stream().filter(t -> ocr.clauses().stream().anyMatch(s -> s.part() <= 1
                && s.label().equals(t.label()) && s.path().getFirst().equals(t.path().getFirst()))).count();
        long sameUnits = numbered.stream().filter(t -> ocr.clauses().stream().anyMatch(s -> s.part() == t.part()
                && s.label().equals(t.label()) && s.responsibleUnits().equals(t.responsibleUnits()))).count();
        if (args.length > 3) {
            Files.writeString(Path.of(args[3]).resolve(scan.getFileName() + ".ocr.txt"), raw.text());
            Files.writeString(Path.of(args[3]).resolve(scan.getFileName() + ".clauses.txt"), String.join("\n",
                    ocr.clauses().stream().map(c -> c.label() + " " + c.path() + " " + c.responsibleUnits()).toList()));
        }
        System.out.printf("machine %s, %d cores, %s; tesseract %s, OCR at %d dpi%n",
                InetAddress.getLocalHost().getHostName(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), language, dpi);
        System.out.printf("| %s | %d | %.1f s | %.3f | %.2f %% | %d / %d | %d / %d | %s |%n", scan.getFileName(),
                raw.ocrPages(), seconds, raw.ocrPages() / seconds, accuracy * 100, recovered, numbered.size(),
                sameUnits, numbered.size(),
                text.metadata().docNumber() != null && text.metadata().docNumber().equals(ocr.metadata().docNumber())
                        ? "yes (" + ocr.metadata().docNumber() + ")" : "no (" + ocr.metadata().docNumber() + ")");
    }
}
