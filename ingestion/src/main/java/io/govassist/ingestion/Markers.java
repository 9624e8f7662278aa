package io.govassist.ingestion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognition of structural markers at the start of a normalised line. */
final class Markers {

    private static final String CN = "[零〇一二三四五六七八九十百千两]+";
    private static final String NUM = "(" + CN + "|\\d{1,4})";
    private static final Pattern CONTAINER = Pattern.compile("第" + NUM + "(编|章|节|部分)(?: (.*)|(.*))");
    // 第X条 followed by a space, the end of the line or text that does not read as a reference ("第五条规定的")
    private static final Pattern ARTICLE = Pattern.compile(
            "第" + NUM + "条(之" + CN + ")?(?: (.*)|$|(?![的规中至、，。和或及第款项所]|之)(.*))");
    private static final Pattern CN_NUMBER = Pattern.compile("(" + CN + ")、(.*)");
    private static final Pattern CN_PAREN = Pattern.compile("（(" + CN + ")）(.*)");
    private static final Pattern ARABIC = Pattern.compile("(\\d{1,3})[.、](?![\\d.])(.*)");
    private static final Pattern ARABIC_PAREN = Pattern.compile("（(\\d{1,3})）(.*)");
    // 1 总则 (a space, then a short heading) / 1.1 编制目的 / 4.2.1 出现……: a decimal outline; not 1.5万元, 2.5倍
    private static final Pattern OUTLINE_TOP = Pattern.compile("(\\d{1,2}) ([^\\s\\d。，；：].{0,19})");
    private static final Pattern OUTLINE_SUB = Pattern.compile("(\\d{1,2}(?:\\.\\d{1,2}){1,2}) ?([^\\s\\d.%‰万亿千百元倍个年月日天时分秒米吨亩].*)");
    private static final Pattern HEADING_PREFIX = Pattern.compile("^#{1,6} +");

    private Markers() {
    }

    /** A recognised marker: {@code marker} is canonical ({@code （一）}, {@code 1.}, {@code 第二章}), {@code rest} the text after it. */
    record Match(MarkerType type, int number, String marker, String rest) {
    }

    /** Removes a Markdown heading prefix ({@code ## }). */
    static String stripHeading(String line) {
        return line.startsWith("#") ? HEADING_PREFIX.matcher(line).replaceFirst("") : line;
    }

    static boolean startsStructure(String line) {
        return line.startsWith("#") || line.startsWith("附件") || match(line) != null;
    }

    /** The marker at the start of {@code line} (already normalised and heading-stripped), or {@code null}. */
    static Match match(String line) {
        if (line.isEmpty() || line.indexOf('\t') >= 0) {
            return null; // table rows are never clauses
        }
        char c = line.charAt(0);
        Matcher m;
        if (c == '第') {
            m = ARTICLE.matcher(line);
            if (m.matches()) {
                String rest = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
                String suffix = m.group(2) == null ? "" : m.group(2);
                return new Match(MarkerType.ARTICLE, toInt(m.group(1)), "第" + m.group(1) + "条" + suffix, rest.strip());
            }
            m = CONTAINER.matcher(line);
            if (m.matches()) {
                String heading = m.group(3) != null ? m.group(3) : m.group(4);
                heading = heading.strip();
                // a container line is a short heading, not a sentence ("第二章规定的……。")
                if (heading.length() > 40 || heading.contains("。") || heading.contains("，") || heading.contains("；")
                        || (m.group(4) != null && !m.group(4).isEmpty() && heading.length() > 20)) {
                    return null;
                }
                MarkerType type = switch (m.group(2)) {
                    case "编" -> MarkerType.BOOK;
                    case "章" -> MarkerType.CHAPTER;
                    case "节" -> MarkerType.SECTION;
                    default -> MarkerType.PART;
                };
                return new Match(type, toInt(m.group(1)), "第" + m.group(1) + m.group(2), heading);
            }
            return null;
        }
        if (c == '（') {
            m = CN_PAREN.matcher(line);
            if (m.matches()) {
                return new Match(MarkerType.CN_PAREN, toInt(m.group(1)), "（" + m.group(1) + "）", m.group(2).strip());
            }
            m = ARABIC_PAREN.matcher(line);
            if (m.matches()) {
                int n = Integer.parseInt(m.group(1));
                return new Match(MarkerType.ARABIC_PAREN, n, "（" + n + "）", m.group(2).strip());
            }
            return null;
        }
        if (c >= '0' && c <= '9') {
            m = OUTLINE_SUB.matcher(line);
            if (m.matches()) {
                String number = m.group(1);
                int level = number.split("\\.").length;
                int last = Integer.parseInt(number.substring(number.lastIndexOf('.') + 1));
                return new Match(level == 2 ? MarkerType.OUTLINE_2 : MarkerType.OUTLINE_3, last, number,
                        m.group(2).strip());
            }
            m = OUTLINE_TOP.matcher(line);
            if (m.matches() && !hasSentencePunctuation(m.group(2))) {
                return new Match(MarkerType.OUTLINE_1, Integer.parseInt(m.group(1)), m.group(1), m.group(2).strip());
            }
            m = ARABIC.matcher(line);
            if (m.matches() && !m.group(2).isBlank()) {
                int n = Integer.parseInt(m.group(1));
                return new Match(MarkerType.ARABIC, n, n + ".", m.group(2).strip());
            }
            return null;
        }
        if (isCnDigit(c)) {
            m = CN_NUMBER.matcher(line);
            if (m.matches() && m.group(1).length() <= 4) {
                return new Match(MarkerType.CN_NUMBER, toInt(m.group(1)), m.group(1) + "、", m.group(2).strip());
            }
        }
        return null;
    }

    private static boolean hasSentencePunctuation(String s) {
        return s.chars().anyMatch(ch -> "。，；：！？、".indexOf(ch) >= 0);
    }

    private static boolean isCnDigit(char c) {
        return "零〇一二三四五六七八九十百千两".indexOf(c) >= 0;
    }

    /** Chinese (一百二十三, 二〇, 两) or Arabic numeral to int; -1 if unreadable. */
    static int toInt(String s) {
        if (s.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(s);
        }
        int total = 0;
        int section = 0;
        int digit = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = "零一二三四五六七八九".indexOf(c);
            if (c == '〇') {
                d = 0;
            } else if (c == '两') {
                d = 2;
            }
            if (d >= 0) {
                digit = d;
                continue;
            }
            int unit = switch (c) {
                case '十' -> 10;
                case '百' -> 100;
                case '千' -> 1000;
                default -> -1;
            };
            if (unit < 0) {
                return -1;
            }
            section += (digit == 0 && unit == 10 ? 1 : digit) * unit;
            digit = 0;
        }
        return total + section + digit;
    }
}
