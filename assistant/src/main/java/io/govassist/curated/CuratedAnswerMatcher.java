package io.govassist.curated;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether a question asks what a curated question asks. Dense cosine alone is unsafe with our embeddings (the 1995
 * and 1996 versions of a law's question score 0.97; at 0.90, two of three matches were about another clause), so a
 * match needs all three:
 * <ol>
 *   <li>the query embeddings' cosine reaches {@code minSimilarity};</li>
 *   <li>the same numbers: every digit sequence and Chinese numeral (年份、金额、条款序号…), normalised to its value,
 *       as sets equal;</li>
 *   <li>enough shared words: the content bigrams (characters of each run between punctuation and function words,
 *       taken two by two) shared by both, over the larger of the two sets, reach {@code minOverlap} — a question that
 *       adds or changes what it asks about loses overlap either way.</li>
 * </ol>
 * {@code curated-eval} measures the thresholds on a paraphrase / near-miss set (docs/quality.md).
 */
public final class CuratedAnswerMatcher {

    /** Characters that carry no topic: split points for bigrams. */
    private static final String FUNCTION_CHARS = "的了吗呢吧啊呀么是我你您他她它们这那哪什怎请问想要能会可以得地着过就都也还又和与及或在有个些下一";
    private static final String CN_DIGITS = "零〇一二两三四五六七八九";
    private static final String CN_UNITS = "十百千万亿";
    /** What follows a lone Chinese numeral when it is a number: 一年, 三个月, 五条 … */
    private static final String MEASURES = "年月日号天周岁次条款项章节个元角份件名人倍成届期批类级档";

    private final double minSimilarity;
    private final double minOverlap;

    public CuratedAnswerMatcher(double minSimilarity, double minOverlap) {
        this.minSimilarity = minSimilarity;
        this.minOverlap = minOverlap;
    }

    /** The three conditions, on the query vectors' cosine and the two texts. */
    public boolean matches(double cosine, String question, String curated) {
        return cosine >= minSimilarity && numbers(question).equals(numbers(curated))
                && overlap(question, curated) >= minOverlap;
    }

    /**
     * The numbers of a text, normalised: full-width digits as ASCII, leading zeros dropped, Chinese numerals as their
     * value (二〇二五 → 2025, 三十五 → 35, 一万 → 10000). A lone Chinese numeral counts only after 第 or before a
     * measure word (一年, 第三条), so 统一 and 一些 carry no number.
     */
    public static Set<String> numbers(String text) {
        Set<String> out = new HashSet<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = normalDigit(text.charAt(i));
            if (c >= '0' && c <= '9') {
                StringBuilder b = new StringBuilder();
                while (i < n) {
                    char d = normalDigit(text.charAt(i));
                    if (d >= '0' && d <= '9' || (d == '.' || d == '．') && i + 1 < n
                            && Character.isDigit(normalDigit(text.charAt(i + 1))) && !b.isEmpty()) {
                        b.append(d == '．' ? '.' : d);
                        i++;
                    } else if ((d == ',' || d == '，') && !b.isEmpty() && i + 3 < n && allDigits(text, i + 1, 3)
                            && (i + 4 >= n || !Character.isDigit(normalDigit(text.charAt(i + 4))))) {
                        i++; // 1,000 thousands separator
                    } else {
                        break;
                    }
                }
                out.add(canonical(b.toString()));
            } else if (CN_DIGITS.indexOf(c) >= 0 || CN_UNITS.indexOf(c) >= 0 && c != '万' && c != '亿') {
                int start = i;
                while (i < n && (CN_DIGITS.indexOf(text.charAt(i)) >= 0 || CN_UNITS.indexOf(text.charAt(i)) >= 0)) {
                    i++;
                }
                String run = text.substring(start, i);
                boolean lone = run.length() == 1;
                boolean counted = !lone || start > 0 && text.charAt(start - 1) == '第'
                        || i < n && MEASURES.indexOf(text.charAt(i)) >= 0;
                if (counted) {
                    out.add(Long.toString(chineseValue(run)));
                }
            } else {
                i++;
            }
        }
        return out;
    }

    private static boolean allDigits(String text, int from, int count) {
        for (int k = from; k < from + count; k++) {
            if (!Character.isDigit(normalDigit(text.charAt(k)))) {
                return false;
            }
        }
        return true;
    }

    private static char normalDigit(char c) {
        return c >= '０' && c <= '９' ? (char) ('0' + (c - '０')) : c;
    }

    private static String canonical(String number) {
        String s = number.contains(".") ? number.replaceAll("0+$", "").replaceAll("\\.$", "") : number;
        s = s.replaceFirst("^0+(?=\\d)", "");
        return s;
    }

    /** 二〇二五 → 2025 (digit by digit without units); 三十五 → 35; 十 → 10; 一万二千 → 12000. */
    static long chineseValue(String run) {
        boolean units = false;
        for (char c : run.toCharArray()) {
            units |= CN_UNITS.indexOf(c) >= 0;
        }
        if (!units) {
            long v = 0;
            for (char c : run.toCharArray()) {
                v = v * 10 + digit(c);
            }
            return v;
        }
        long total = 0;
        long section = 0;
        long current = 0;
        for (char c : run.toCharArray()) {
            int d = digit(c);
            if (d >= 0) {
                current = d;
            } else if (c == '万' || c == '亿') {
                section = (section + current) * (c == '万' ? 10_000L : 100_000_000L);
                total += section;
                section = 0;
                current = 0;
            } else {
                long unit = c == '十' ? 10 : c == '百' ? 100 : 1000;
                section += (current == 0 ? 1 : current) * unit;
                current = 0;
            }
        }
        return total + section + current;
    }

    private static int digit(char c) {
        return switch (c) {
            case '零', '〇' -> 0;
            case '一' -> 1;
            case '二', '两' -> 2;
            case '三' -> 3;
            case '四' -> 4;
            case '五' -> 5;
            case '六' -> 6;
            case '七' -> 7;
            case '八' -> 8;
            case '九' -> 9;
            default -> -1;
        };
    }

    /** Content bigrams: within runs of letters and digits between punctuation and function characters. */
    static Set<String> bigrams(String text) {
        Set<String> out = new HashSet<>();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? Character.toLowerCase(normalDigit(text.charAt(i))) : ' ';
            if (Character.isLetterOrDigit(c) && FUNCTION_CHARS.indexOf(c) < 0) {
                run.append(c);
            } else {
                if (run.length() == 1) {
                    out.add(run.toString());
                }
                for (int k = 0; k + 2 <= run.length(); k++) {
                    out.add(run.substring(k, k + 2));
                }
                run.setLength(0);
            }
        }
        return out;
    }

    /** Shared content bigrams over the larger of the two sets, in [0, 1]. */
    public static double overlap(String a, String b) {
        Set<String> x = bigrams(a);
        Set<String> y = bigrams(b);
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        int shared = 0;
        for (String s : x) {
            if (y.contains(s)) {
                shared++;
            }
        }
        return (double) shared / Math.max(x.size(), y.size());
    }

    /** Cosine similarity of two vectors of the same dimension. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
