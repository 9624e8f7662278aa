package io.govassist.ingestion;

import java.util.ArrayList;
import java.util.List;

/**
 * How much of a document's visible structure the parser turned into clauses: every line that begins with a
 * numbered marker ({@code 一、}, {@code （七）}, {@code 1.}, {@code 第二十一条}, …) either opened a clause, is an item
 * inside an article (by design: a law's {@code （一）} items stay in their article), or stayed plain text of another
 * clause — the last are the parser's misses (a marker judged implausible, or text that merely starts like one).
 *
 * @param markerLines     lines that begin with a numbered marker
 * @param clauses         of those, lines that opened a clause (or a 编/章/节 container)
 * @param insideArticles  of those, items inside an article
 * @param unrecognized    the remaining marker lines, shortened to 40 characters, in document order
 */
public record StructureCoverage(int markerLines, int clauses, int insideArticles, List<String> unrecognized) {

    private static final int SHOWN_CHARS = 40;

    public StructureCoverage {
        unrecognized = List.copyOf(unrecognized);
        if (markerLines != clauses + insideArticles + unrecognized.size()) {
            throw new IllegalArgumentException("marker lines must be clauses + inside articles + unrecognized");
        }
    }

    /** The coverage of a recognised clause tree. */
    public static StructureCoverage of(PolicyStructure structure) {
        int[] counts = new int[3];
        List<String> missed = new ArrayList<>();
        walk(structure.roots(), counts, missed);
        return new StructureCoverage(counts[0] + counts[1] + missed.size(), counts[0], counts[1], missed);
    }

    /** Share of marker lines that are clauses or article items (1 when there are none). */
    public double recognizedShare() {
        return markerLines == 0 ? 1.0 : (clauses + insideArticles) / (double) markerLines;
    }

    private static void walk(List<ClauseNode> nodes, int[] counts, List<String> missed) {
        for (ClauseNode node : nodes) {
            List<String> lines = TextNormalizer.lines(node.text());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                Markers.Match m = Markers.match(line);
                if (m == null || m.number() <= 0) {
                    continue;
                }
                if (i == 0 && node.type() != MarkerType.NONE) {
                    counts[0]++;
                } else if (node.type() == MarkerType.ARTICLE && m.type() != MarkerType.ARTICLE) {
                    counts[1]++;
                } else {
                    missed.add(line.length() <= SHOWN_CHARS ? line : line.substring(0, SHOWN_CHARS) + "…");
                }
            }
            walk(node.children(), counts, missed);
        }
    }
}
