package io.govassist.ingestion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Normalisation that is safe for Chinese policy text: it unifies the width variants that matter for
 * recognising structure and leaves everything else as written.
 *
 * <ul>
 *   <li>Full-width digits and Latin letters become half-width; {@code ．} after a digit becomes {@code .};
 *       half-width {@code ､} becomes {@code 、}.</li>
 *   <li>Half-width parentheses become full-width {@code （ ）}; half-width {@code : , ; ? !} directly after a
 *       Chinese character (or a closing bracket) become {@code ： ， ； ？ ！} — so {@code (一)} and
 *       {@code (责任单位:科技厅)} read {@code （一）} and {@code （责任单位：科技厅）}. Numbers like
 *       {@code 1,000} and URLs are left alone.</li>
 *   <li>Spaces (incl. U+3000 and NBSP) are collapsed to one; lines are trimmed; blank lines are dropped,
 *       so the result has exactly one non-blank line per paragraph/heading/table row (cells TAB-separated).</li>
 *   <li>Page footers such as {@code — 3 —}, {@code - 3 -}, {@code 第 3 页 共 10 页}, {@code 3/10} are dropped,
 *       and Markdown comments such as {@code <!-- INFO END -->}.</li>
 *   <li>For {@code paginated} input (PDF; pages separated by {@code \f}): lines repeated at the top or bottom
 *       of many pages are dropped as running headers/footers, and lines wrapped mid-sentence are joined
 *       (no space is inserted between CJK characters). A line is taken as wrapped when it is close to the
 *       full line width, does not end a sentence ({@code 。；：！？…} or a closing quote/bracket after them)
 *       and the next line does not start a marker or heading or is a 文号 line such as {@code 国发〔2018〕39号}.</li>
 * </ul>
 * Instances are stateless and thread-safe.
 */
public class TextNormalizer {

    private static final Pattern PAGE_FOOTER = Pattern.compile(
            "[—－–\\-－]{1,3}\\s*\\d{1,4}\\s*[—－–\\-－]{1,3}"
                    + "|第\\s*\\d{1,4}\\s*页(\\s*[，,/]?\\s*共\\s*\\d{1,4}\\s*页)?"
                    + "|(共\\s*\\d{1,4}\\s*页\\s*)?第\\s*\\d{1,4}\\s*页"
                    + "|[Pp]age\\s*\\d{1,4}(\\s*of\\s*\\d{1,4})?"
                    + "|\\d{1,4}\\s*/\\s*\\d{1,4}");
    private static final Pattern BARE_PAGE_NUMBER = Pattern.compile("\\d{1,4}");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->");
    private static final Pattern SPACES = Pattern.compile("[ \\u00A0\\u3000\\u2002\\u2003\\u2009\\u200B\\uFEFF]+");
    private static final Pattern SPACE_AROUND_TAB = Pattern.compile(" ?\\t ?");
    private static final Pattern DIGITS = Pattern.compile("\\d");
    /** A line holding only a 文号 such as {@code 国发〔2018〕39号}: it stands alone under a title, never continues one. */
    private static final Pattern DOC_NUMBER_LINE = Pattern.compile("\\S{1,12}〔\\d{4}〕\\d{1,4}号");
    private static final String SENTENCE_END = "。；：！？…";
    private static final String CLOSERS = "”’）」』》〕】\"')";

    /** Normalises text that is not paginated (TXT, Markdown, HTML, DOCX). */
    public String normalize(String text) {
        return normalize(text, false);
    }

    /**
     * @param text      extracted text
     * @param paginated true for page-laid-out text (PDF): enables running header/footer removal and
     *                  joining of wrapped lines
     */
    public String normalize(String text, boolean paginated) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = text.replace("\r\n", "\n").replace('\r', '\n');
        s = COMMENT.matcher(s).replaceAll("");
        s = mapChars(s);

        List<List<String>> pages = new ArrayList<>();
        for (String page : s.split("\f", -1)) {
            List<String> lines = new ArrayList<>();
            for (String raw : page.split("\n", -1)) {
                String line = SPACES.matcher(raw).replaceAll(" ");
                line = SPACE_AROUND_TAB.matcher(line).replaceAll("\t").strip();
                if (line.isEmpty() || isPageFooter(line, paginated)) {
                    continue;
                }
                lines.add(line);
            }
            pages.add(lines);
        }
        if (paginated && pages.size() >= 3) {
            removeRunningLines(pages);
        }
        List<String> lines = new ArrayList<>();
        pages.forEach(lines::addAll);
        if (paginated) {
            lines = joinWrapped(lines);
        }
        return String.join("\n", lines);
    }

    /** A page number line such as {@code — 2 —}, {@code 第 2 页} or a bare {@code 2} (of a paginated format). */
    static boolean isPageNumber(String line) {
        return isPageFooter(line.strip(), true);
    }

    private static boolean isPageFooter(String line, boolean paginated) {
        if (line.length() > 20) {
            return false;
        }
        return PAGE_FOOTER.matcher(line).matches() || (paginated && BARE_PAGE_NUMBER.matcher(line).matches());
    }

    private static String mapChars(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char prev = i > 0 ? s.charAt(i - 1) : '\n';
            if (c >= '０' && c <= '９') {
                c = (char) (c - '０' + '0');
            } else if ((c >= 'Ａ' && c <= 'Ｚ') || (c >= 'ａ' && c <= 'ｚ')) {
                c = (char) (c - 0xFEE0);
            } else if (c == '．' && (Character.isDigit(prev) || (prev >= '０' && prev <= '９'))) {
                c = '.';
            } else if (c == '､') {
                c = '、';
            } else if (c == '(') {
                c = '（';
            } else if (c == ')') {
                c = '）';
            } else if ((c == ':' || c == ',' || c == ';' || c == '?' || c == '!') && isCjkOrCloser(prev)) {
                c = switch (c) {
                    case ':' -> '：';
                    case ',' -> '，';
                    case ';' -> '；';
                    case '?' -> '？';
                    default -> '！';
                };
            }
            b.append(c);
        }
        return b.toString();
    }

    private static boolean isCjkOrCloser(char c) {
        return isCjk(c) || c == '%' || c == '）' || c == ')' || c == '〕' || c == '」' || c == '”' || c == '》';
    }

    static boolean isCjk(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    /** Drops lines that open or close at least half of the pages (after masking digits), e.g. running titles. */
    private static void removeRunningLines(List<List<String>> pages) {
        Map<String, Integer> counts = new HashMap<>();
        for (List<String> page : pages) {
            for (String key : edgeKeys(page)) {
                counts.merge(key, 1, Integer::sum);
            }
        }
        int threshold = Math.max(3, (pages.size() + 1) / 2);
        for (List<String> page : pages) {
            int n = page.size();
            for (int i = n - 1; i >= 0; i--) {
                if ((i < 2 || i >= n - 2) && page.get(i).length() <= 60 && Markers.match(page.get(i)) == null
                        && counts.getOrDefault(DIGITS.matcher(page.get(i)).replaceAll("#"), 0) >= threshold) {
                    page.remove(i);
                }
            }
        }
    }

    private static List<String> edgeKeys(List<String> page) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (i < 2 || i >= page.size() - 2) {
                String key = DIGITS.matcher(page.get(i)).replaceAll("#");
                if (!keys.contains(key)) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static List<String> joinWrapped(List<String> lines) {
        double width = typicalWidth(lines);
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        String lastPhysical = null;
        for (String line : lines) {
            if (current != null && joins(lastPhysical, line, width)) {
                char last = current.charAt(current.length() - 1);
                char first = line.charAt(0);
                if (!isCjk(last) && !isCjk(first) && Character.isLetterOrDigit(last) && Character.isLetterOrDigit(first)) {
                    current.append(' ');
                }
                current.append(line);
            } else {
                if (current != null) {
                    out.add(current.toString());
                }
                current = new StringBuilder(line);
            }
            lastPhysical = line;
        }
        if (current != null) {
            out.add(current.toString());
        }
        return out;
    }

    /** Whether {@code next} continues the wrapped physical line {@code previous}. */
    private static boolean joins(String previous, String next, double width) {
        if (previous.indexOf('\t') >= 0 || next.indexOf('\t') >= 0) {
            return false;
        }
        char last = previous.charAt(previous.length() - 1);
        if (SENTENCE_END.indexOf(last) >= 0) {
            return false;
        }
        if (CLOSERS.indexOf(last) >= 0 && previous.length() >= 2
                && SENTENCE_END.indexOf(previous.charAt(previous.length() - 2)) >= 0) {
            return false;
        }
        if (Markers.startsStructure(next) || DOC_NUMBER_LINE.matcher(next).matches()) {
            return false;
        }
        return displayWidth(previous) >= 0.8 * width;
    }

    /** Display width in full-width units: CJK and full-width forms count 1, others 0.5. */
    static double displayWidth(String s) {
        double w = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            w += c < 0x2E80 ? 0.5 : 1;
        }
        return w;
    }

    private static double typicalWidth(List<String> lines) {
        double[] widths = lines.stream().mapToDouble(TextNormalizer::displayWidth).filter(w -> w >= 10).sorted().toArray();
        if (widths.length == 0) {
            return Double.MAX_VALUE;
        }
        return widths[(int) Math.floor((widths.length - 1) * 0.9)];
    }

    static List<String> lines(String normalized) {
        return normalized.isEmpty() ? List.of() : Arrays.asList(normalized.split("\n"));
    }
}
