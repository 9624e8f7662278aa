package io.govassist.ingestion;

/**
 * The parsing facade used by the ingestion pipeline: detect and extract text, normalise, recognise the
 * structure and split into clauses.
 *
 * <pre>{@code
 * ParsedPolicy policy = new PolicyReader().read("行政法规/政府信息公开条例(2019-04-03).md", bytes);
 * }</pre>
 * Instances are thread-safe.
 */
public class PolicyReader {

    private final PolicyDocumentParser documentParser;
    private final TextNormalizer normalizer;
    private final PolicyStructureParser structureParser;
    private final ClauseAwareSplitter splitter;

    public PolicyReader() {
        this(new PolicyDocumentParser(), new ClauseAwareSplitter());
    }

    public PolicyReader(PolicyDocumentParser documentParser, ClauseAwareSplitter splitter) {
        this.documentParser = documentParser;
        this.normalizer = new TextNormalizer();
        this.structureParser = new PolicyStructureParser();
        this.splitter = splitter;
    }

    /**
     * Reads one file.
     *
     * @param source  path relative to the import root (e.g. {@code 民法典/总则.md}) or the uploaded file name;
     *                used for the fallback title/date and stored in {@link ParsedPolicy#source()}
     * @param content the file's bytes; {@link ParsedPolicy#contentHash()} is their SHA-256
     * @throws DocumentParseException if the file cannot be read as a policy text
     */
    public ParsedPolicy read(String source, byte[] content) {
        PolicyStructure structure = structure(source, content);
        var clauses = splitter.split(structure);
        if (clauses.isEmpty()) {
            throw new DocumentParseException(source, DocumentParseException.Code.EMPTY, null);
        }
        return new ParsedPolicy(source, Ids.sha256(content), structure.metadata(), clauses);
    }

    /** Extracts, normalises and recognises the clause tree without splitting. */
    public PolicyStructure structure(String source, byte[] content) {
        ExtractedText extracted = documentParser.extract(source, content);
        String normalized = normalizer.normalize(extracted.text(), extracted.paginated());
        if (normalized.isBlank()) {
            throw new DocumentParseException(source, DocumentParseException.Code.EMPTY, null);
        }
        return structureParser.parse(source, normalized, extracted.title());
    }
}
