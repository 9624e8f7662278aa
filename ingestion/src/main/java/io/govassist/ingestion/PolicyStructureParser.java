package io.govassist.ingestion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises metadata and the clause tree of a normalised policy text (see {@link TextNormalizer}).
 *
 * <p><b>Hierarchy.</b> Policy documents: {@code 第X部分} → {@code 一、} → {@code （一）} → {@code 1.} →
 * {@code （1）}; laws and regulations: {@code 第X编} → {@code 第X章} → {@code 第X节} → {@code 第X条}. A marker
 * counts only at the start of a line, so references inside sentences never open clauses. Inside an
 * article every other marker ({@code （一）} items, {@code 1.}) stays part of the article's text. Numbered
 * markers must also be plausible in sequence: the first of its kind under a parent is 1 or 2, later ones
 * follow the previous sibling by 1–3 (gaps tolerated); articles must increase (or repeat with {@code 之一}).
 * Documents that number their items continuously across sections (（一）–（三） under 一、, （四）… under 二、, as
 * 国办发〔2018〕118号 does) are recognised too: the first item under a parent may also continue the last number
 * of its kind in the document by 1–3.
 *
 * <p><b>Unnumbered text.</b> Text before the first marker forms the preamble node ({@code 前言}). After
 * the body, a signature (issuing body followed by a date line) or an attachment list ({@code 附件：…})
 * starts a closing node ({@code 结尾}) that collects the signature, {@code （此件公开发布）} and attachment
 * titles; markers after it (a structured attachment) open top-level clauses again.
 *
 * <p><b>Metadata.</b> Title: Markdown {@code # } line, else the title from the file's metadata (HTML
 * {@code <title>}, DOCX/PDF properties), else the first title-like line (ends in 方案/意见/通知/条例/…,
 * no sentence punctuation; a following {@code （征求意见稿）} line is appended), else the file name without
 * extension and trailing {@code (yyyy-MM-dd)}. 文号: a line (or table cell) that is only a document
 * number, brackets normalised to 〔〕; for laws the 令 number on the latest info-block line. Issuer:
 * {@code 发文机关：} label, else a signature, else the law's info block (人大常委会, 国务院, …), else the
 * title's prefix before 关于. Date: the latest 公布/修订/修正/通过 date of a law's info block, else the
 * signature date, else {@code 成文日期：}, else the file name's date.
 *
 * <p>Instances are stateless and thread-safe.
 */
public class PolicyStructureParser {

    static final String PREAMBLE_HEADING = Clause.PREAMBLE_LABEL;

    private static final Pattern DATE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})日");
    private static final Pattern CN_DATE = Pattern.compile("([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日");
    private static final Pattern DATE_LINE = Pattern.compile("(\\d{4}年\\d{1,2}月\\d{1,2}日|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)");
    // a date and the event it dates, within one clause: "2019年4月3日 中华人民共和国国务院令第711号修订"
    private static final Pattern LAW_EVENT = Pattern.compile(
            "(\\d{4}年\\d{1,2}月\\d{1,2}日)[^，。；年]{0,60}?(公布|修订|修正|通过|发布|修改|批准)");
    private static final Pattern FILE_DATE = Pattern.compile("[（(](\\d{4})-(\\d{2})-(\\d{2})[）)]$");
    private static final Pattern DOC_NUMBER = Pattern.compile(
            "([\\u4e00-\\u9fa5]{1,12}?) ?[〔\\[【（(] ?(\\d{4}) ?[〕\\]】）)] ?(\\d{1,5}) ?号");
    private static final Pattern ORDER_NUMBER = Pattern.compile(
            "((?:中华人民共和国)?[\\u4e00-\\u9fa5]{0,16}令) ?(?:（?第 ?(\\d{1,5}) ?号）?)");
    private static final Pattern TITLE_END = Pattern.compile(
            ".*(方案|意见|通知|通报|条例|办法|规定|决定|批复|复函|函|答复|章程|制度|要点|清单|细则|规划|纲要|公告|通告|报告|决议|规则|指引|指南|措施|计划|解释|法|令)"
                    + "(（[^（）]{1,10}）)?");
    private static final Pattern STATUS_LINE = Pattern.compile("（(征求意见稿|试行|暂行|草案|送审稿|修订草案|草案征求意见稿)）");
    private static final Pattern ORGAN = Pattern.compile(
            "[\\u4e00-\\u9fa5、（）]{2,30}(国务院|院|厅|委|局|部|府|会|办|室|署|行|中心|组|处|所|社|馆|公司|法院|检察院)");
    private static final Pattern ATTACHMENT = Pattern.compile("附件[0-9一二三四五六七八九十]*(：.*)?");
    private static final Pattern PUBLIC_NOTE = Pattern.compile("（此件[^（）]{0,10}）");
    private static final Pattern PEOPLES_CONGRESS = Pattern.compile(
            "(全国|[\\u4e00-\\u9fa5]{2,12}?[省市区州县盟])?(?:第[一二三四五六七八九十]+届)?(全国)?人民代表大会(常务委员会)?");
    private static final String[] LAW_ISSUERS = {"最高人民法院", "最高人民检察院", "国务院", "中央军事委员会"};

    /** Parses with no title hint. */
    public PolicyStructure parse(String source, String normalizedText) {
        return parse(source, normalizedText, null);
    }

    /**
     * @param source         file name or path (for the fallback title and date)
     * @param normalizedText output of {@link TextNormalizer}
     * @param titleHint      title from the file's metadata, or {@code null}
     */
    public PolicyStructure parse(String source, String normalizedText, String titleHint) {
        List<String> lines = new ArrayList<>();
        String markdownTitle = null;
        for (String raw : TextNormalizer.lines(normalizedText)) {
            if (markdownTitle == null && lines.size() < 5 && raw.startsWith("# ")) {
                markdownTitle = raw.substring(2).strip();
            }
            String line = Markers.stripHeading(raw).strip();
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        List<Builder> roots = buildTree(lines);
        List<ClauseNode> nodes = new ArrayList<>();
        boolean conventionFirstLeads = normalizedText.contains("列第一位者为牵头单位")
                || normalizedText.contains("排在第一位的为牵头单位") || normalizedText.contains("排在第一位的部门为牵头单位");
        for (Builder b : roots) {
            nodes.add(b.build(conventionFirstLeads));
        }
        PolicyMetadata metadata = metadata(source, lines, roots, markdownTitle, titleHint);
        return new PolicyStructure(source, metadata, nodes);
    }

    // ---------------------------------------------------------------- tree

    private static final class Builder {
        final MarkerType type;
        final int number;
        final String marker;
        final String heading;
        final List<String> lines = new ArrayList<>();
        final List<Builder> children = new ArrayList<>();

        Builder(MarkerType type, int number, String marker, String heading) {
            this.type = type;
            this.number = number;
            this.marker = marker;
            this.heading = heading;
        }

        ClauseNode build(boolean firstLeads) {
            List<ClauseNode> kids = new ArrayList<>(children.size());
            for (Builder c : children) {
                kids.add(c.build(firstLeads));
            }
            String text = String.join("\n", lines);
            return new ClauseNode(type, marker, heading, text, kids, ResponsibleUnitsParser.parse(text, firstLeads));
        }

        Builder lastChild(MarkerType t) {
            for (int i = children.size() - 1; i >= 0; i--) {
                if (children.get(i).type == t) {
                    return children.get(i);
                }
            }
            return null;
        }
    }

    private static List<Builder> buildTree(List<String> lines) {
        Builder root = new Builder(MarkerType.NONE, 0, "", "");
        Builder preamble = new Builder(MarkerType.NONE, 0, "", PREAMBLE_HEADING);
        Deque<Builder> stack = new ArrayDeque<>();
        Builder target = preamble;
        boolean inBody = false;
        boolean inTrailer = false;
        int lastArticle = 0;
        // the last accepted number per marker type, document-wide: continuous numbering across sections
        int[] lastNumber = new int[MarkerType.values().length];
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (inBody && !inTrailer && startsTrailer(lines, i)) {
                Builder trailer = new Builder(MarkerType.NONE, 0, "", ClauseNode.TRAILER_HEADING);
                root.children.add(trailer);
                stack.clear();
                target = trailer;
                inTrailer = true;
                trailer.lines.add(line);
                continue;
            }
            Markers.Match m = Markers.match(line);
            if (m != null && m.number() > 0 && !isInsideArticle(stack, m.type())) {
                // find the parent this marker would attach to
                List<Builder> open = new ArrayList<>(stack);  // innermost first
                int keep = 0;
                while (keep < open.size() && open.get(keep).type.depth() >= m.type().depth()) {
                    keep++;
                }
                Builder parent = keep < open.size() ? open.get(keep) : root;
                if (plausible(m, parent, lastArticle, lastNumber[m.type().ordinal()])) {
                    for (int k = 0; k < keep; k++) {
                        stack.pop();
                    }
                    Builder node = new Builder(m.type(), m.number(), m.marker(), heading(m));
                    node.lines.add(line);
                    parent.children.add(node);
                    stack.push(node);
                    target = node;
                    inBody = true;
                    inTrailer = false;
                    if (m.type() == MarkerType.ARTICLE) {
                        lastArticle = m.number();
                    }
                    lastNumber[m.type().ordinal()] = m.number();
                    continue;
                }
            }
            target.lines.add(line);
        }
        List<Builder> result = new ArrayList<>();
        if (!preamble.lines.isEmpty()) {
            result.add(preamble);
        }
        result.addAll(root.children);
        return result;
    }

    private static boolean isInsideArticle(Deque<Builder> stack, MarkerType type) {
        if (type == MarkerType.ARTICLE || type.isContainer() || type == MarkerType.PART) {
            return false;
        }
        for (Builder b : stack) {
            if (b.type == MarkerType.ARTICLE) {
                return true;
            }
        }
        return false;
    }

    private static boolean plausible(Markers.Match m, Builder parent, int lastArticle, int lastOfType) {
        if (m.type() == MarkerType.ARTICLE) {
            boolean suffixed = m.marker().contains("之");
            return lastArticle == 0 || (suffixed ? m.number() == lastArticle : m.number() > lastArticle && m.number() <= lastArticle + 30);
        }
        if (m.type().isContainer() || m.type() == MarkerType.PART) {
            return true;
        }
        int dot = m.marker().lastIndexOf('.');
        if (m.type().isOutline() && dot > 0
                && !(parent.type != null && parent.type.isOutline() && parent.marker.equals(m.marker().substring(0, dot)))) {
            return false; // 4.2.1 only inside 4.2, so a figure such as 3.2 in running text is never a section
        }
        Builder previous = parent.lastChild(m.type());
        if (previous == null) {
            int continued = m.number() - lastOfType;
            return m.number() <= 2 || (lastOfType > 0 && continued >= 1 && continued <= 3);
        }
        int gap = m.number() - previous.number;
        return m.number() == 1 || (gap >= 1 && gap <= 3);
    }

    /**
     * Heading of a marker line: containers take the rest of the line; other markers the text up to the
     * first 。 or ： if that is short (≤ 30), or the whole rest if it is short and has no 。.
     */
    private static String heading(Markers.Match m) {
        String rest = m.rest();
        if (m.type() == MarkerType.ARTICLE) {
            return "";
        }
        if (m.type().isContainer() || m.type() == MarkerType.PART) {
            return rest;
        }
        int stop = firstOf(rest, "。：");
        if (stop > 0 && stop <= 30) {
            return rest.substring(0, stop).strip();
        }
        if (stop < 0 && rest.length() <= 30 && !rest.isEmpty()) {
            char last = rest.charAt(rest.length() - 1);
            if ("；，、：".indexOf(last) < 0) {
                return rest;
            }
        }
        return "";
    }

    private static int firstOf(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsTrailer(List<String> lines, int i) {
        String line = lines.get(i);
        if (line.length() > 40 || line.indexOf('\t') >= 0) {
            return false;
        }
        if (ATTACHMENT.matcher(line).matches() || PUBLIC_NOTE.matcher(line).matches()) {
            return true;
        }
        return signatureDateIndex(lines, i) > 0;
    }

    /** If lines[i..] is a signature (one or two organ lines, then a date line), the index of the date line; else -1. */
    private static int signatureDateIndex(List<String> lines, int i) {
        for (int j = i; j < Math.min(lines.size(), i + 3); j++) {
            String l = lines.get(j);
            if (DATE_LINE.matcher(l).matches()) {
                return j > i ? j : -1;
            }
            if (l.length() > 30 || !ORGAN.matcher(l).matches() || Markers.match(l) != null) {
                return -1;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- metadata

    private PolicyMetadata metadata(String source, List<String> lines, List<Builder> roots, String markdownTitle,
                                    String titleHint) {
        String fileTitle = fileTitle(source);
        boolean law = countArticles(roots) >= 2;
        List<String> info = new ArrayList<>();
        if (!roots.isEmpty() && roots.get(0).heading.equals(PREAMBLE_HEADING)) {
            for (String l : roots.get(0).lines) {
                if (l.length() <= 120 && (DATE.matcher(l).find() || l.contains("废止") || l.contains("失效"))) {
                    info.add(l);
                }
            }
        }

        String title = markdownTitle;
        if (title == null && titleHint != null && !titleHint.isBlank()) {
            title = titleHint.strip();
        }
        if (title == null) {
            title = titleLikeLine(lines);
        }
        if (title == null) {
            title = fileTitle;
        }

        String docNumber = null;
        String issuer = null;
        String date = null;
        int head = Math.min(lines.size(), 40);
        for (int i = 0; i < lines.size() && (docNumber == null || issuer == null || date == null); i++) {
            if (i >= head && i < lines.size() - 20 && !(lines.get(i).contains("\t"))) {
                continue;
            }
            String[] cells = lines.get(i).split("\t");
            for (int c = 0; c < cells.length; c++) {
                String cell = cells[c].strip();
                String value = c + 1 < cells.length ? cells[c + 1].strip() : "";
                if (docNumber == null && i < head) {
                    docNumber = docNumber(cell.replaceFirst("^发文字号：", ""));
                }
                if (issuer == null && cell.startsWith("发文机关：")) {
                    String v = cell.substring(5).strip();
                    issuer = v.isEmpty() ? value : v;
                }
                if (date == null && cell.startsWith("成文日期：")) {
                    String v = cell.substring(5).strip();
                    date = isoDate(v.isEmpty() ? value : v);
                }
            }
        }
        String signatureIssuer = null;
        String signatureDate = null;
        for (int i = 0; i < lines.size() && signatureIssuer == null; i++) {
            int d = signatureDateIndex(lines, i);
            if (d > 0) {
                signatureIssuer = String.join("、", lines.subList(i, d));
                signatureDate = isoDate(lines.get(d));
            }
        }
        String lawIssuer = null;
        String lawDate = null;
        String lawOrder = null;
        if (law) {
            for (String l : info) {
                Matcher dm = LAW_EVENT.matcher(l);
                while (dm.find()) {
                    String d = isoDate(dm.group(1));
                    if (d != null && (lawDate == null || d.compareTo(lawDate) >= 0)) {
                        lawDate = d;
                        Matcher order = ORDER_NUMBER.matcher(l.substring(dm.start()));
                        lawOrder = order.find() && order.group(2) != null ? order.group(1) + "第" + order.group(2) + "号" : lawOrder;
                    }
                }
                if (lawIssuer == null) {
                    lawIssuer = lawIssuer(l);
                }
            }
        }
        if (issuer == null) {
            issuer = signatureIssuer;
        }
        if (issuer == null) {
            issuer = lawIssuer;
        }
        if (issuer == null) {
            int about = title.indexOf("关于");
            if (about >= 2 && ORGAN.matcher(title.substring(0, about)).matches()) {
                issuer = title.substring(0, about);
            }
        }
        if (issuer == null && docNumber != null && (docNumber.startsWith("国令") || docNumber.contains("国务院令"))) {
            issuer = "国务院";
        }
        if (docNumber == null && law) {
            docNumber = lawOrder;
        }
        if (lawDate != null) {
            date = lawDate;
        } else if (signatureDate != null) {
            date = signatureDate;
        }
        if (date == null) {
            Matcher m = FILE_DATE.matcher(stripExtension(baseName(source)));
            if (m.find()) {
                date = m.group(1) + "-" + m.group(2) + "-" + m.group(3);
            }
        }
        return new PolicyMetadata(title, docNumber, issuer, validDate(date), status(title + " " + fileTitle, info));
    }

    private static int countArticles(List<Builder> nodes) {
        int n = 0;
        for (Builder b : nodes) {
            n += (b.type == MarkerType.ARTICLE ? 1 : 0) + countArticles(b.children);
        }
        return n;
    }

    static DocumentStatus status(String title, List<String> info) {
        for (String line : info) {
            // "《国务院关于废止和修改部分行政法规的决定》修订" names another act: ignore quoted titles
            String l = line.replaceAll("《[^》]*》", "");
            if (l.contains("废止") || l.contains("失效")) {
                return DocumentStatus.REPEALED;
            }
        }
        if (title.contains("已废止") || title.contains("失效")) {
            return DocumentStatus.REPEALED;
        }
        if (title.contains("征求意见稿") || title.contains("草案") || title.contains("送审稿")) {
            return DocumentStatus.DRAFT;
        }
        if (title.contains("试行")) {
            return DocumentStatus.TRIAL;
        }
        if (title.contains("暂行")) {
            return DocumentStatus.PROVISIONAL;
        }
        return DocumentStatus.NORMAL;
    }

    private static String titleLikeLine(List<String> lines) {
        int n = Math.min(lines.size(), 40);
        for (int i = 0; i < n; i++) {
            String line = lines.get(i);
            String candidate = null;
            if (isTitleLike(line)) {
                candidate = line;
            } else if (i + 1 < n && line.length() <= 40 && !hasSentencePunctuation(line) && Markers.match(line) == null
                    && isTitleLike(line + lines.get(i + 1))
                    && (!isTitleLike(lines.get(i + 1)) || wrappedTitleStart(line))) {
                candidate = line + lines.get(i + 1);
                i++;
            }
            if (candidate != null) {
                if (i + 1 < lines.size() && STATUS_LINE.matcher(lines.get(i + 1)).matches() && !candidate.endsWith("）")) {
                    candidate += lines.get(i + 1);
                }
                return candidate;
            }
        }
        return null;
    }

    /**
     * The first line of a title wrapped over two lines in a large face ({@code 国务院关于做好当前和今后一个时期促进就业工} /
     * {@code 作的若干意见}): it names the subject ({@code 关于}) and is long, so the second line, though it ends like a
     * title, only finishes it.
     */
    private static boolean wrappedTitleStart(String line) {
        return line.length() >= 12 && line.contains("关于");
    }

    private static boolean isTitleLike(String line) {
        return line.length() >= 6 && line.length() <= 80 && line.indexOf('\t') < 0 && !hasSentencePunctuation(line)
                && Markers.match(line) == null && !line.startsWith("《") && TITLE_END.matcher(line).matches()
                && !DOC_NUMBER.matcher(line).find();
    }

    private static boolean hasSentencePunctuation(String line) {
        for (int i = 0; i < line.length(); i++) {
            if ("。，；：！？".indexOf(line.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The line as a 文号 with brackets normalised, if the whole line is one; else {@code null}. */
    static String docNumber(String line) {
        String l = line.strip();
        if (l.length() > 30) {
            return null;
        }
        Matcher m = DOC_NUMBER.matcher(l);
        if (m.matches()) {
            return m.group(1) + "〔" + m.group(2) + "〕" + m.group(3) + "号";
        }
        m = ORDER_NUMBER.matcher(l);
        if (m.matches() && m.group(2) != null) {
            return m.group(1) + "第" + m.group(2) + "号";
        }
        return null;
    }

    private static String lawIssuer(String line) {
        Matcher m = PEOPLES_CONGRESS.matcher(line);
        if (m.find()) {
            String place = m.group(2) != null ? "全国" : m.group(1) == null ? "" : m.group(1);
            if (place.isEmpty()) {
                place = "全国"; // "第十三届全国人民代表大会" is caught by group 2; bare 人民代表大会 is national too
            }
            return place + "人民代表大会" + (m.group(3) == null ? "" : "常务委员会");
        }
        for (String issuer : LAW_ISSUERS) {
            if (line.contains(issuer)) {
                return issuer;
            }
        }
        return null;
    }

    static String isoDate(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DATE.matcher(text);
        if (m.find()) {
            return validDate(String.format("%s-%02d-%02d", m.group(1), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        m = CN_DATE.matcher(text);
        if (m.find()) {
            StringBuilder year = new StringBuilder();
            for (char c : m.group(1).toCharArray()) {
                year.append(c == '〇' || c == '零' ? 0 : "一二三四五六七八九".indexOf(c) + 1);
            }
            return validDate(String.format("%s-%02d-%02d", year, Markers.toInt(m.group(2)), Markers.toInt(m.group(3))));
        }
        return null;
    }

    private static String validDate(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            java.time.LocalDate.parse(iso);
            return iso;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    static String baseName(String source) {
        if (source == null) {
            return "";
        }
        String s = source.replace('\\', '/');
        return s.substring(s.lastIndexOf('/') + 1);
    }

    static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && name.length() - dot <= 6 ? name.substring(0, dot) : name;
    }

    /** File name without extension and without a trailing {@code (yyyy-MM-dd)}; "未命名文件" if empty. */
    static String fileTitle(String source) {
        String t = FILE_DATE.matcher(stripExtension(baseName(source))).replaceFirst("").strip();
        return t.isEmpty() ? "未命名文件" : t;
    }
}
