package io.govassist.ingestion;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a retrieved clause is a gold clause of an evaluation question.
 *
 * <p>A hit matches when its {@code source} equals the gold source and the gold markers are a prefix of the hit's
 * markers, where markers are compared by meaning, not spelling:
 * <ul>
 *   <li>编/章/节 containers are ignored on both sides (a gold {@code ["第五十四条"]} matches a hit
 *       {@code ["第一编","第二章","第四节","第五十四条"]});</li>
 *   <li>full- and half-width forms are equal ({@code （十五）} = {@code (十五)}), in sources too;</li>
 *   <li>Chinese and Arabic numerals are equal ({@code 第五十四条} = {@code 第54条}, {@code （十五）} = {@code (15)},
 *       {@code 二、} = {@code 2、} = {@code 2.}); the marker's shape still counts ({@code （二）} ≠ {@code 二、});</li>
 *   <li>empty gold markers match every clause of the source (a whole-document gold);</li>
 *   <li>the unnumbered units are named by their labels: {@code ["前言"]} matches the preamble, {@code ["结尾"]} the
 *       closing unit (a clause without markers and with that label);</li>
 *   <li>a hit that is a whole article ({@code 第X条}, the smallest clause of a law) also matches a gold that points
 *       inside that article ({@code ["第三条","（一）"]}, {@code ["第三条","第二款"]}): the article contains it.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class GoldMatcher {

    private static final String NUM = "([零〇一二三四五六七八九十百千两]+|\\d{1,5})";
    private static final Pattern CONTAINER = Pattern.compile("第" + NUM + "[编章节]");
    private static final Pattern ARTICLE = Pattern.compile("第" + NUM + "条(?:之" + NUM + ")?");
    private static final Pattern SUB_ARTICLE = Pattern.compile("第" + NUM + "([款项目])");
    private static final Pattern PART = Pattern.compile("第" + NUM + "部分");
    private static final Pattern PAREN = Pattern.compile("\\(" + NUM + "\\)");
    private static final Pattern ENUMERATION = Pattern.compile(NUM + "[、.]");
    private static final String ARTICLE_KEY = "条";

    private static final List<String> UNIT_LABELS = List.of(Clause.PREAMBLE_LABEL, ClauseNode.TRAILER_HEADING);

    private final String source;
    private final List<String> markers;
    /** 前言 or 结尾 for a gold naming an unnumbered unit, else {@code null}. */
    private final String unitLabel;

    private GoldMatcher(String source, List<String> markers, String unitLabel) {
        this.source = source;
        this.markers = markers;
        this.unitLabel = unitLabel;
    }

    /**
     * @param source  the gold document's source (path relative to its import root)
     * @param markers the gold clause's markers from the top down; empty for the whole document
     */
    public static GoldMatcher of(String source, List<String> markers) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(markers, "markers");
        if (source.isBlank()) {
            throw new IllegalArgumentException("gold source must not be blank");
        }
        if (markers.size() == 1 && UNIT_LABELS.contains(markers.getFirst().strip())) {
            return new GoldMatcher(normalizeSource(source), List.of(), markers.getFirst().strip());
        }
        return new GoldMatcher(normalizeSource(source), canonical(markers), null);
    }

    /** Whether a clause with this source and these markers (as stored, containers included) is this gold. */
    public boolean matches(String hitSource, List<String> hitMarkers) {
        return matches(hitSource, hitMarkers, null);
    }

    /**
     * Whether a clause with this source, markers and label is this gold; the label only matters for a gold naming
     * an unnumbered unit ({@code 前言}, {@code 结尾}), which a {@code null} label does not tell apart.
     */
    public boolean matches(String hitSource, List<String> hitMarkers, String hitLabel) {
        if (!source.equals(normalizeSource(hitSource))) {
            return false;
        }
        List<String> hit = canonical(hitMarkers);
        if (unitLabel != null) {
            return hit.isEmpty() && (hitLabel == null || unitLabel.equals(hitLabel));
        }
        if (isPrefix(markers, hit)) {
            return true;
        }
        return !hit.isEmpty() && hit.getLast().startsWith(ARTICLE_KEY) && isPrefix(hit, markers);
    }

    /** The gold's canonical markers (containers removed), for reports. */
    public List<String> canonicalMarkers() {
        return unitLabel == null ? markers : List.of(unitLabel);
    }

    public String source() {
        return source;
    }

    private static boolean isPrefix(List<String> prefix, List<String> of) {
        return prefix.size() <= of.size() && of.subList(0, prefix.size()).equals(prefix);
    }

    /** A source path as gold sources are compared: NFKC, forward slashes, no leading {@code ./} or {@code /}. */
    public static String normalizeSource(String source) {
        String s = Normalizer.normalize(source.strip(), Normalizer.Form.NFKC).replace('\\', '/');
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        return s.startsWith("/") ? s.substring(1) : s;
    }

    /** Canonical keys of markers, containers dropped: {@code 第五十四条} → {@code 条54}, {@code （十五）} → {@code (15)}. */
    static List<String> canonical(List<String> markers) {
        List<String> out = new ArrayList<>(markers.size());
        for (String marker : markers) {
            String key = canonical(marker);
            if (key != null) {
                out.add(key);
            }
        }
        return List.copyOf(out);
    }

    /** The canonical key of one marker, or {@code null} for a container (编/章/节) or a blank marker. */
    static String canonical(String marker) {
        String m = Normalizer.normalize(marker, Normalizer.Form.NFKC).replaceAll("\\s+", "");
        if (m.isEmpty() || CONTAINER.matcher(m).matches()) {
            return null;
        }
        Matcher x = ARTICLE.matcher(m);
        if (x.matches()) {
            return ARTICLE_KEY + number(x.group(1)) + (x.group(2) == null ? "" : "之" + number(x.group(2)));
        }
        x = SUB_ARTICLE.matcher(m);
        if (x.matches()) {
            return x.group(2) + number(x.group(1));
        }
        x = PART.matcher(m);
        if (x.matches()) {
            return "部分" + number(x.group(1));
        }
        x = PAREN.matcher(m);
        if (x.matches()) {
            return "(" + number(x.group(1)) + ")";
        }
        x = ENUMERATION.matcher(m);
        if (x.matches()) {
            return number(x.group(1)) + ".";
        }
        return m;
    }

    private static String number(String numeral) {
        int n = Markers.toInt(numeral);
        return n < 0 ? numeral : Integer.toString(n);
    }

    @Override
    public String toString() {
        return source + " " + canonicalMarkers();
    }
}
