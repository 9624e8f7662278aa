package io.govassist.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Repairs what Tesseract typically does to Chinese official text before the common {@link TextNormalizer} sees it:
 * spaces between Chinese characters ({@code 国务 院}, {@code (一 ) 加大}), the hexagonal brackets of a 文号 read as
 * square or round ones ({@code 国发 (2018] 39号} becomes {@code 国发〔2018〕39号}), specks read as a lone
 * punctuation mark at the start of a line (typeset Chinese never starts a line with a closing mark) or as a
 * character or two after a line's closing bracket, a dot inside a word ({@code 人.力资源}), a sub-item number's bracket
 * misread ({@code (八》}), a range's dash read as 一 ({@code 16一24岁}), the
 * bracket around a responsible-units note misread ({@code 〈财政部负责} becomes {@code （财政部负责）}), and — over
 * the whole text, {@link #repairNumbering} — a sub-item number Tesseract misread ({@code (=)}, {@code (A)} for
 * （三）, （五）) taken from its neighbours. Applied to OCR output only; text layers are left as they are.
 */
final class OcrText {

    /** A character next to which a space means nothing in Chinese text: Han or full-width punctuation. */
    private static final String WIDE = "[\\p{IsHan}\\u3000-\\u303F\\uFF00-\\uFFEF“”‘’—…·]";
    private static final Pattern SPACE_NEXT_TO_WIDE = Pattern.compile("(?<=" + WIDE + ")[ \\t]+|[ \\t]+(?=" + WIDE + ")");
    private static final Pattern SPACE_IN_PARENS = Pattern.compile("([(（])[ \\t]*([一二三四五六七八九十]{1,3})[ \\t]*([)）])");
    private static final Pattern DOC_NUMBER = Pattern.compile(
            "(\\p{IsHan}{1,10})[\\[(（〔【［{]\\s*((?:19|20)\\d{2})\\s*[\\])）〕】］}]\\s*(\\d{1,4})\\s*号");
    private static final Pattern LEADING_SPECK = Pattern.compile("^(?:[。，、；：”’\"'`·.,:;|_~][ \\t]*)+");
    private static final Pattern TRAILING_NOISE = Pattern.compile("(?<=[)）。；])[ \\t]+[\\x21-\\x7E]{1,2}$");
    private static final Pattern DASH_READ_AS_ONE = Pattern.compile("(?<=\\d)一(?=\\d)");
    private static final Pattern DOT_IN_WORD = Pattern.compile("(?<=\\p{IsHan})[.•](?=\\p{IsHan})");
    private static final Pattern SUB_ITEM_BRACKETS = Pattern.compile("^[(（〈<]([一二三四五六七八九十]{1,3})[)）》〉>]");
    private static final Pattern UNITS_OPENED_WRONG = Pattern.compile("[〈<]([^〈〉<>《》()（）]{1,120}?负责)");
    private static final Pattern UNITS_NOT_CLOSED = Pattern.compile("([(（][^()（）]{1,120}负责)(?![)）])(?=[ \\t]*(\n|$))");
    private static final Pattern SUB_ITEM = Pattern.compile("(?m)^[(（]([^()（）\\s]{1,3})[)）](?=\\S)");
    private static final String DIGITS = "一二三四五六七八九";
    private static final Pattern TRAILING_SPECK = Pattern.compile("[ \\t]+[|丨_~`'\"”’]+$");

    private OcrText() {
    }

    static String clean(String ocr) {
        StringBuilder out = new StringBuilder(ocr.length());
        for (String line : ocr.split("\n", -1)) {
            String s = LEADING_SPECK.matcher(line.strip()).replaceFirst("");
            s = TRAILING_SPECK.matcher(s).replaceFirst("");
            s = TRAILING_NOISE.matcher(s).replaceFirst("");
            s = SPACE_NEXT_TO_WIDE.matcher(s).replaceAll("");
            s = SPACE_IN_PARENS.matcher(s).replaceAll("$1$2$3");
            s = DOT_IN_WORD.matcher(s).replaceAll("");
            s = DASH_READ_AS_ONE.matcher(s).replaceAll("—");
            s = SUB_ITEM_BRACKETS.matcher(s).replaceFirst("($1)");
            s = DOC_NUMBER.matcher(s).replaceAll("$1〔$2〕$3号");
            out.append(s).append('\n');
        }
        out.setLength(out.length() - 1); // the line break the last line did not have
        String page = UNITS_OPENED_WRONG.matcher(out).replaceAll("（$1");
        return UNITS_NOT_CLOSED.matcher(page).replaceAll("$1）");
    }

    /**
     * Gives a sub-item whose number is not a Chinese numeral ({@code (=)}, {@code (A)}: misread) the number between
     * its neighbours: one less than the next readable sub-item's, else one more than the previous one's.
     */
    static String repairNumbering(String text) {
        var m = SUB_ITEM.matcher(text);
        List<int[]> items = new ArrayList<>(); // {start, end, number or 0}
        while (m.find()) {
            items.add(new int[] {m.start(1), m.end(1), numeral(m.group(1))});
        }
        if (items.stream().noneMatch(i -> i[2] == 0)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text);
        for (int i = items.size() - 1; i >= 0; i--) {
            int[] item = items.get(i);
            if (item[2] != 0) {
                continue;
            }
            int next = i + 1 < items.size() ? items.get(i + 1)[2] : 0;
            int previous = i > 0 ? items.get(i - 1)[2] : 0;
            int number = next > 1 ? next - 1 : previous > 0 ? previous + 1 : 0;
            if (number > 0) {
                item[2] = number;
                out.replace(item[0], item[1], chinese(number));
            }
        }
        return out.toString();
    }

    /** 1..99 from 一 … 九十九, else 0. */
    static int numeral(String s) {
        for (int n = 1; n < 100; n++) {
            if (chinese(n).equals(s)) {
                return n;
            }
        }
        return 0;
    }

    static String chinese(int n) {
        String tens = n >= 20 ? String.valueOf(DIGITS.charAt(n / 10 - 1)) + "十" : n >= 10 ? "十" : "";
        return tens + (n % 10 == 0 ? "" : String.valueOf(DIGITS.charAt(n % 10 - 1)));
    }
}
