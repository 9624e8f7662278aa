package io.govassist.system;

import io.govassist.ingestion.OcrSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * All GovAssist settings (prefix {@code govassist}), with their defaults. {@code GovAssistPropertiesTest} pins
 * the defaults; the README's configuration reference lists them.
 */
@ConfigurationProperties("govassist")
public record GovAssistProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("embedded") StoreKind store,
        @DefaultValue Demo demo,
        @DefaultValue Ingest ingest,
        @DefaultValue Search search,
        @DefaultValue Embedding embedding,
        @DefaultValue Admin admin,
        @DefaultValue Pgvector pgvector) {

    public enum StoreKind { EMBEDDED, PGVECTOR }

    /** The bundled demo corpus, ingested on first start with an empty store. */
    public record Demo(@DefaultValue("true") boolean enabled) {
    }

    /**
     * @param paths        directories imported recursively at startup (idempotently), each optionally into a
     *                     knowledge base ({@code ID=DIR}, see {@link ImportPath})
     * @param maxFileSize  upload and import size cap per file
     * @param maxChars     most characters of text one file may yield (more: {@code TOO_LARGE})
     * @param parseTimeout longest a PDF/Word/HTML parse may take (then {@code TIMEOUT}, the file is refused)
     * @param clauseChars  longest contextual text of one indexed clause; longer clauses are split at sentence ends
     *                     into parts (changing it needs a re-ingest)
     * @param ocr          OCR of scanned PDF pages (pages without a text layer)
     */
    public record Ingest(@DefaultValue List<ImportPath> paths, @DefaultValue("50MB") DataSize maxFileSize,
                         @DefaultValue("2000000") int maxChars, @DefaultValue("60s") Duration parseTimeout,
                         @DefaultValue("480") int clauseChars, @DefaultValue Ocr ocr) {
    }

    /**
     * One entry of {@code govassist.ingest.paths}: {@code DIR}, imported as documents without a knowledge base (they
     * belong to {@code default}), or {@code ID=DIR}, whose documents are added to the existing knowledge base
     * {@code ID} (an unknown one stops the start: see {@code StartupImport}). A directory whose own name looks like
     * {@code id=…} is written {@code ./id=…}.
     *
     * @param knowledgeBase the knowledge base id, or {@code null}
     * @param path          the directory (or single file)
     */
    public record ImportPath(String knowledgeBase, Path path) {

        private static final Pattern NAMED = Pattern.compile("(" + ImportKnowledgeBases.ID.pattern() + ")=(.*)",
                Pattern.DOTALL);

        public ImportPath {
            Objects.requireNonNull(path, "path");
            if (knowledgeBase != null && !ImportKnowledgeBases.ID.matcher(knowledgeBase).matches()) {
                throw new IllegalArgumentException("not a knowledge base id: " + knowledgeBase);
            }
        }

        /** Parses an entry ({@code DIR} or {@code ID=DIR}); the settings binder converts the entries with it. */
        public static ImportPath of(String entry) {
            String s = entry.strip();
            Matcher named = NAMED.matcher(s);
            if (named.matches()) {
                String dir = named.group(2).strip();
                if (dir.isEmpty()) {
                    throw new IllegalArgumentException("govassist.ingest.paths entry '" + s
                            + "' names knowledge base " + named.group(1) + " but no directory");
                }
                return new ImportPath(named.group(1), Path.of(dir));
            }
            return new ImportPath(null, Path.of(s));
        }

        @Override
        public String toString() {
            return knowledgeBase == null ? path.toString() : knowledgeBase + "=" + path;
        }
    }

    /**
     * OCR of PDF pages without a text layer, with Tesseract ({@code scripts/install-ocr.sh}); see {@link OcrSettings}.
     *
     * @param enabled     OCR scanned pages; off (or Tesseract missing): a PDF with no text layer is refused with
     *                    {@code OCR_UNAVAILABLE}
     * @param language    Tesseract languages joined by {@code +}
     * @param pageTimeout parse time added per PDF page when OCR is on (and Tesseract's limit per page)
     * @param maxPages    longer PDFs are read without OCR
     * @param dpi         resolution pages are rendered at for OCR
     */
    public record Ocr(@DefaultValue("true") boolean enabled, @DefaultValue("chi_sim") String language,
                      @DefaultValue("60s") Duration pageTimeout, @DefaultValue("100") int maxPages,
                      @DefaultValue("200") int dpi) {

        public OcrSettings settings() {
            return new OcrSettings(enabled, language, pageTimeout, maxPages, dpi);
        }
    }

    /**
     * @param defaultTopK    hits returned when a request does not say
     * @param maxTopK        the largest topK a request may ask for
     * @param maxQueryLength longest accepted query, in characters
     * @param analyzer       the Chinese analyzer for lexical (BM25) search
     * @param denseWeight    RRF weight of the dense ranking
     * @param lexicalWeight  RRF weight of the lexical ranking
     * @param rrfK           RRF constant k (10: best recall@10 on STARD and CMRC, see docs/quality.md)
     * @param candidates     candidates taken from each ranking before fusion
     */
    public record Search(@DefaultValue("10") int defaultTopK,
                         @DefaultValue("100") int maxTopK,
                         @DefaultValue("2000") int maxQueryLength,
                         @DefaultValue("SMARTCN_PLUS_BIGRAM") String analyzer,
                         @DefaultValue("1.0") double denseWeight,
                         @DefaultValue("1.0") double lexicalWeight,
                         @DefaultValue("10") int rrfK,
                         @DefaultValue("100") int candidates) {
    }

    /**
     * @param model            the bundled model to run when no {@code modelPath} is set: {@code govassist-embed-zh-3}
     *                         (bge-small-zh-v1.5 fine-tuned for our domain, int8; models/training/README.md), the
     *                         earlier fine-tunes {@code govassist-embed-zh-2} and {@code govassist-embed-zh-1} or the
     *                         base {@code bge-small-zh-v1.5} (int8). Changing it needs {@code reindex} for an existing
     *                         index
     * @param modelPath        a custom model.onnx instead of a bundled model
     * @param tokenizerPath    the custom model's tokenizer.json
     * @param pooling          the custom model's pooling: CLS or MEAN
     * @param modelId          the custom model's id
     * @param queryInstruction instruction prepended to queries (default: BGE's Chinese retrieval instruction for
     *                         the bundled model, none for a custom one)
     * @param threads          ONNX Runtime intra-op threads; 0 = number of cores
     * @param maxBatchSize     texts per padded batch
     */
    public record Embedding(@DefaultValue("govassist-embed-zh-3") String model, Path modelPath, Path tokenizerPath, @DefaultValue("CLS") String pooling, String modelId,
                            String queryInstruction, @DefaultValue("0") int threads,
                            @DefaultValue("1") int maxBatchSize) {
    }

    /**
     * The PostgreSQL + pgvector store ({@code govassist.store=pgvector}; connection from {@code spring.datasource.*}).
     *
     * @param efSearch           {@code hnsw.ef_search} per query (raised to the candidates a query asks for)
     * @param exactScanThreshold a document filter selecting at most this many clauses is searched exactly
     * @param lexicalPostingsBudget an unfiltered lexical search gathers candidates from its rarest tokens only, as
     *                              many as fit in this many postings
     */
    public record Pgvector(@DefaultValue("100") int efSearch, @DefaultValue("10000") int exactScanThreshold,
                           @DefaultValue("5000") long lexicalPostingsBudget) {
    }

    /**
     * @param password the admin's password; when empty a random one is generated and printed once at first start
     */
    public record Admin(String password) {
    }
}
