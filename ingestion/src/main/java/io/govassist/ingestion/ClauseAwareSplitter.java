package io.govassist.ingestion;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a clause tree into {@link Clause}s, one per smallest citable clause, in document order.
 *
 * <ul>
 *   <li><b>Laws:</b> one clause per article ({@code 第X条}) with its paragraphs and items inside, line breaks
 *       kept; path = containers (编/章/节 with headings) + the article marker; label = the article marker.
 *       Articles are never merged, however short.</li>
 *   <li><b>Policy documents:</b> every leaf is a clause. A parent's own text before its first child (intro
 *       sentences) is a clause with the parent's path, unless it is only the marker line with its heading
 *       (then the children's paths already carry it). A leaf shorter than {@code minChars} (e.g. a bare
 *       list item {@code 1.门诊人次数与出院人次数比}) is appended to the preceding clause when that is its
 *       parent's intro (with the items appended before it) and the result stays within {@code maxChars}: the
 *       parent's clause then holds its items. Never to a sibling: the clause {@code 46.} must not hold the text
 *       of {@code 47.}–{@code 57.}, or a citation of {@code 46.} would quote another item.</li>
 *   <li>The preamble is a clause labelled {@code 前言}, the closing unit one labelled {@code 结尾}, both with
 *       an empty path.</li>
 *   <li>A clause whose {@linkplain #contextualText contextual text} exceeds {@code maxChars} is split at
 *       sentence ends (。；！？ and line breaks) into parts 1, 2, … with the same path, markers and label. A
 *       sentence is only cut when it alone exceeds the budget (then preferably after a ，).</li>
 * </ul>
 * Output is deterministic. Instances are thread-safe.
 */
public class ClauseAwareSplitter implements DocumentSplitter {

    public static final int DEFAULT_MAX_CHARS = 480;
    public static final int DEFAULT_MIN_CHARS = 40;

    /** Keys of the {@link TextSegment} metadata written by {@link #split(Document)}. */
    public static final String META_SOURCE = "source";
    public static final String META_LABEL = "clause_label";
    public static final String META_PATH = "clause_path";
    public static final String META_MARKERS = "markers";
    public static final String META_PART = "part";
    public static final String META_LEAD_UNITS = "lead_units";
    public static final String META_COOPERATING_UNITS = "cooperating_units";
    public static final String META_TITLE = "title";
    public static final String META_DOC_NUMBER = "doc_number";
    /** Separator of {@link #META_PATH}. */
    public static final String PATH_SEPARATOR = " > ";
    /** Separator of {@link #META_MARKERS} (as in {@link Ids#clauseId}). */
    public static final String MARKER_SEPARATOR = "/";
    /** Separator of unit lists. */
    public static final String UNIT_SEPARATOR = "、";

    private static final String SENTENCE_END = "。；！？";
    private static final String CLOSERS = "”’）」』》";

    private final int maxChars;
    private final int minChars;
    private final TextNormalizer normalizer = new TextNormalizer();
    private final PolicyStructureParser structureParser = new PolicyStructureParser();

    public ClauseAwareSplitter() {
        this(DEFAULT_MAX_CHARS, DEFAULT_MIN_CHARS);
    }

    public ClauseAwareSplitter(int maxChars) {
        this(maxChars, DEFAULT_MIN_CHARS);
    }

    /**
     * @param maxChars maximum characters of a clause's contextual text (title + path + text) before it is split
     * @param minChars policy-document leaves shorter than this are merged into the preceding clause
     */
    public ClauseAwareSplitter(int maxChars, int minChars) {
        if (maxChars < 50) {
            throw new IllegalArgumentException("maxChars must be at least 50");
        }
        this.maxChars = maxChars;
        this.minChars = Math.max(0, minChars);
    }

    /**
     * Splits a LangChain4j document, e.g. from {@link PolicyDocumentParser#parse}: normalises, recognises the
     * structure and returns one segment per clause (part). The segment text is the
     * {@linkplain #contextualText contextual text}; metadata carries {@link #META_LABEL}, {@link #META_PATH},
     * {@link #META_MARKERS}, {@link #META_PART}, {@link #META_LEAD_UNITS}, {@link #META_COOPERATING_UNITS},
     * {@link #META_TITLE}, {@link #META_DOC_NUMBER} (if known) and {@link #META_SOURCE}. The source name is
     * read from the document's {@code source}, {@code file_name} or {@code absolute_directory_path} metadata.
     */
    @Override
    public List<TextSegment> split(Document document) {
        Metadata meta = document.metadata();
        String source = firstNonBlank(meta.getString(META_SOURCE), meta.getString("file_name"), meta.getString("url"));
        boolean paginated = "true".equals(meta.getString(PolicyDocumentParser.META_PAGINATED));
        String normalized = normalizer.normalize(document.text(), paginated);
        PolicyStructure structure = structureParser.parse(source == null ? "" : source, normalized,
                meta.getString(PolicyDocumentParser.META_TITLE));
        return toSegments(structure.metadata(), source, split(structure));
    }

    /** One {@link TextSegment} per clause, as described in {@link #split(Document)}. */
    public static List<TextSegment> toSegments(PolicyMetadata metadata, String source, List<Clause> clauses) {
        List<TextSegment> segments = new ArrayList<>(clauses.size());
        for (Clause c : clauses) {
            Metadata m = new Metadata()
                    .put(META_LABEL, c.label())
                    .put(META_PATH, String.join(PATH_SEPARATOR, c.path()))
                    .put(META_MARKERS, String.join(MARKER_SEPARATOR, c.markers()))
                    .put(META_PART, c.part())
                    .put(META_LEAD_UNITS, String.join(UNIT_SEPARATOR, c.responsibleUnits().lead()))
                    .put(META_COOPERATING_UNITS, String.join(UNIT_SEPARATOR, c.responsibleUnits().cooperating()))
                    .put(META_TITLE, metadata.title());
            if (metadata.docNumber() != null) {
                m.put(META_DOC_NUMBER, metadata.docNumber());
            }
            if (source != null) {
                m.put(META_SOURCE, source);
            }
            segments.add(TextSegment.from(contextualText(metadata, c), m));
        }
        return segments;
    }

    /**
     * The text that is indexed and embedded: {@code 《title》 path1 > path2} on the first line, then the clause
     * text, so that a bare item still carries its document and headings.
     */
    public static String contextualText(PolicyMetadata metadata, Clause clause) {
        return contextPrefix(metadata, clause) + clause.text();
    }

    /**
     * {@link #contextualText(PolicyMetadata, Clause)} from a stored clause's parts (a search hit's title, path and
     * text): what a re-ranker trained on the indexed texts must be shown.
     */
    public static String contextualText(String title, List<String> path, String text) {
        return contextPrefix(title, path) + text;
    }

    /** The first line of {@link #contextualText} including its line break. */
    public static String contextPrefix(PolicyMetadata metadata, Clause clause) {
        return contextPrefix(metadata.title(), clause.path());
    }

    private static String contextPrefix(String title, List<String> path) {
        StringBuilder b = new StringBuilder("《").append(title).append("》");
        if (!path.isEmpty()) {
            b.append(' ').append(String.join(PATH_SEPARATOR, path));
        }
        return b.append('\n').toString();
    }

    /** The clauses of a parsed structure, in document order. */
    public List<Clause> split(PolicyStructure structure) {
        List<Draft> drafts = new ArrayList<>();
        walk(structure.roots(), new ArrayList<>(), drafts);
        List<Clause> clauses = new ArrayList<>();
        for (Draft d : drafts) {
            List<String> path = d.path.stream().map(ClauseNode::pathElement).toList();
            List<String> markers = d.path.stream().map(ClauseNode::marker).toList();
            String label = d.label(markers);
            int budget = Math.max(maxChars / 2, maxChars - contextPrefix(structure.metadata().title(), path).length());
            List<String> parts = d.text.length() <= budget ? List.of(d.text.toString()) : splitSentences(d.text.toString(), budget);
            for (int i = 0; i < parts.size(); i++) {
                clauses.add(new Clause(path, markers, label, parts.get(i), d.units, parts.size() == 1 ? 0 : i + 1));
            }
        }
        return clauses;
    }

    private static final class Draft {
        final List<ClauseNode> path;
        final String unnumberedLabel;
        final StringBuilder text;
        ResponsibleUnits units;
        final boolean article;

        Draft(List<ClauseNode> path, String unnumberedLabel, String text, ResponsibleUnits units, boolean article) {
            this.path = List.copyOf(path);
            this.unnumberedLabel = unnumberedLabel;
            this.text = new StringBuilder(text);
            this.units = units;
            this.article = article;
        }

        String label(List<String> markers) {
            if (unnumberedLabel != null) {
                return unnumberedLabel;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < path.size(); i++) {
                ClauseNode n = path.get(i);
                // 4.2.1 already names 4 and 4.2
                boolean outlineAncestor = n.type().isOutline() && i + 1 < path.size() && path.get(i + 1).type().isOutline();
                if (!n.type().isContainer() && !outlineAncestor) {
                    b.append(n.marker());
                }
            }
            return b.isEmpty() ? markers.getLast() : b.toString();
        }
    }

    private void walk(List<ClauseNode> nodes, List<ClauseNode> ancestors, List<Draft> out) {
        for (ClauseNode node : nodes) {
            if (node.type() == MarkerType.NONE) {
                if (!node.text().isBlank()) {
                    String label = node.heading().isEmpty() ? Clause.PREAMBLE_LABEL : node.heading();
                    out.add(new Draft(List.of(), label, node.text(), node.units(), false));
                }
                continue;
            }
            List<ClauseNode> path = new ArrayList<>(ancestors);
            path.add(node);
            if (node.type() == MarkerType.ARTICLE) {
                out.add(new Draft(path, null, node.text(), node.units(), true));
                walk(node.children(), path, out);
                continue;
            }
            if (node.type().isContainer()) {
                int nl = node.text().indexOf('\n');
                if (nl > 0 && !node.text().substring(nl + 1).isBlank()) {
                    out.add(new Draft(path, null, node.text().substring(nl + 1), node.units(), false));
                }
                walk(node.children(), path, out);
                continue;
            }
            if (!node.isLeaf()) {
                if (!isBareHeading(node)) {
                    out.add(new Draft(path, null, node.text(), node.units(), false));
                }
                walk(node.children(), path, out);
                continue;
            }
            if (node.type().isOutline() && isBareHeading(node)) {
                continue; // a table of contents line (1.1 编制目的及依据): the section itself follows
            }
            Draft previous = out.isEmpty() ? null : out.getLast();
            if (node.text().length() < minChars && previous != null && !previous.article
                    && previous.unnumberedLabel == null && previous.path.equals(path.subList(0, path.size() - 1))
                    && previous.text.length() + 1 + node.text().length() <= maxChars) {
                previous.text.append('\n').append(node.text());
                if (previous.units.isEmpty()) {
                    previous.units = node.units();
                }
            } else {
                out.add(new Draft(path, null, node.text(), node.units(), false));
            }
        }
    }

    /** A marker line that holds nothing but its heading, e.g. {@code 二、重点任务} or {@code （一）指导思想。}. */
    private static boolean isBareHeading(ClauseNode node) {
        String text = node.text();
        if (text.indexOf('\n') >= 0 || node.heading().isEmpty()) {
            return false;
        }
        String expected = node.pathElement();
        return text.equals(expected) || text.equals(expected + "。");
    }

    /** Splits at sentence ends into parts of at most {@code budget} characters. */
    static List<String> splitSentences(String text, int budget) {
        List<String> sentences = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean end = c == '\n' || SENTENCE_END.indexOf(c) >= 0;
            if (end) {
                int j = i + 1;
                while (j < text.length() && CLOSERS.indexOf(text.charAt(j)) >= 0) {
                    j++;
                }
                sentences.add(text.substring(start, j));
                start = j;
                i = j - 1;
            }
        }
        if (start < text.length()) {
            sentences.add(text.substring(start));
        }
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : sentences) {
            if (current.length() + sentence.length() > budget && !current.isEmpty()) {
                addPart(parts, current.toString());
                current.setLength(0);
            }
            String s = sentence;
            while (s.length() > budget) {
                int cut = s.lastIndexOf('，', budget - 1);
                cut = cut >= budget / 2 ? cut + 1 : budget;
                addPart(parts, s.substring(0, cut));
                s = s.substring(cut);
            }
            current.append(s);
        }
        addPart(parts, current.toString());
        return parts;
    }

    private static void addPart(List<String> parts, String part) {
        String p = part.strip();
        if (!p.isEmpty()) {
            parts.add(p);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
