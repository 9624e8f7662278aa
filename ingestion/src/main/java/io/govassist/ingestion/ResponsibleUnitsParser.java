package io.govassist.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the responsible units stated in a clause's text.
 *
 * <ul>
 *   <li>{@code （责任单位：A，B、C）}, {@code 〔责任单位：A，B、C（逗号前为牵头单位，下同）〕}: units before the
 *       first comma lead, the rest cooperate; without a comma all lead. Remarks in brackets that mention
 *       牵头单位 are dropped; brackets inside unit names ({@code 链长办（科技厅）}) are kept.</li>
 *   <li>{@code 牵头单位：A；配合单位：B、C}.</li>
 *   <li>{@code （A、B、C负责）} at the end of a clause (State Council style): when the document declares
 *       "列第一位者为牵头单位", the first unit leads and the rest cooperate; otherwise all lead. Units named as
 *       leads lead whatever the convention: {@code （A、B牵头负责）}, {@code （A牵头，B、C参与）}.</li>
 * </ul>
 */
public final class ResponsibleUnitsParser {

    private static final Pattern LEAD_COOP = Pattern.compile("牵头单位：([^；。）〕]+)[；，]\\s*(?:配合|参与|协同)单位：([^；。）〕]+)");
    private static final Pattern DUTY = Pattern.compile(
            "（([^（）]{2,120}?)(?:等(?:有关|相关)?(?:部门|单位)?(?:和单位)?)?(?:按职责分工)?负责(?:[。，；][^（）]*)?）[。；]?$");
    /** An explicit lead in the 负责 form: "A、B牵头" or "A牵头，B、C参与/配合". */
    private static final Pattern EXPLICIT_LEAD = Pattern.compile("^(.+?)牵头(?:[，,、](.+?)(?:参与|配合|协同|参加)?)?$");
    private static final Pattern REMARK = Pattern.compile("[（(][^（）()]*牵头单位[^（）()]*[）)]");

    private ResponsibleUnitsParser() {
    }

    /**
     * @param text        the clause's own text
     * @param firstLeads  whether the document declares that the first listed unit leads (for the 负责 form)
     */
    public static ResponsibleUnits parse(String text, boolean firstLeads) {
        if (text == null || text.isEmpty()) {
            return ResponsibleUnits.NONE;
        }
        int at = text.lastIndexOf("责任单位");
        if (at > 0 && "（〔【[(".indexOf(text.charAt(at - 1)) >= 0) {
            String inner = bracketContent(text, at - 1);
            if (inner != null) {
                inner = inner.substring("责任单位".length()).replaceFirst("^[：:]\\s*", "");
                return split(REMARK.matcher(inner).replaceAll(""));
            }
        }
        Matcher m = LEAD_COOP.matcher(text);
        if (m.find()) {
            return new ResponsibleUnits(units(m.group(1)), units(m.group(2)));
        }
        String lastLine = text.substring(text.lastIndexOf('\n') + 1);
        m = DUTY.matcher(lastLine);
        if (m.find()) {
            String list = m.group(1).replaceAll("会同.*$", "").replaceAll("等$", "");
            Matcher explicit = EXPLICIT_LEAD.matcher(list);
            if (explicit.matches()) {
                return new ResponsibleUnits(units(explicit.group(1)),
                        explicit.group(2) == null ? List.of() : units(explicit.group(2)));
            }
            if (list.contains("，")) {
                return split(list);
            }
            List<String> all = units(list);
            if (all.isEmpty()) {
                return ResponsibleUnits.NONE;
            }
            return firstLeads ? new ResponsibleUnits(all.subList(0, 1), all.subList(1, all.size()))
                    : new ResponsibleUnits(all, List.of());
        }
        return ResponsibleUnits.NONE;
    }

    /** Lead before the first top-level comma, the rest cooperating. */
    static ResponsibleUnits split(String list) {
        int comma = topLevelIndexOf(list, "，,");
        if (comma < 0) {
            return new ResponsibleUnits(units(list), List.of());
        }
        return new ResponsibleUnits(units(list.substring(0, comma)), units(list.substring(comma + 1)));
    }

    private static List<String> units(String list) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '（' || c == '(') {
                depth++;
            } else if (c == '）' || c == ')') {
                depth = Math.max(0, depth - 1);
            }
            if (depth == 0 && (c == '、' || c == '，' || c == ',' || c == '；')) {
                add(out, cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        add(out, cur.toString());
        return out;
    }

    private static void add(List<String> out, String unit) {
        String u = unit.strip().replaceAll("^(以及|和|及)", "").replaceAll("等$", "").strip();
        if (!u.isEmpty() && !out.contains(u)) {
            out.add(u);
        }
    }

    private static int topLevelIndexOf(String s, String chars) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '（' || c == '(') {
                depth++;
            } else if (c == '）' || c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (depth == 0 && chars.indexOf(c) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** Content between the bracket at {@code open} and its matching closer, or {@code null}. */
    private static String bracketContent(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("（〔【[(".indexOf(c) >= 0) {
                depth++;
            } else if ("）〕】])".indexOf(c) >= 0) {
                depth--;
                if (depth == 0) {
                    return text.substring(open + 1, i);
                }
            } else if (c == '\n') {
                return null;
            }
        }
        return null;
    }
}
