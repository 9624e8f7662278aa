package io.govassist.chat;

import io.govassist.store.SearchHit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reading a clause's text the way an answer quotes it: heading, body, sentences. */
final class ClauseText {

    /** The responsible-units parenthetical, e.g. {@code （责任单位：省卫生健康委，省药监局、省医保局）}. */
    private static final Pattern UNITS = Pattern.compile("[（(〔\\[]\\s*责任单位[:：][^）)〕\\]]*[）)〕\\]]+\\s*$");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[。；！？!?;])|\\n");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*[（(][一二三四五六七八九十]+[）)]");
    /** A header field of a State Council text: {@code 发文机关：国务院办公厅}, {@code 来源：http://…}. */
    private static final Pattern HEADER_FIELD = Pattern.compile(
            "^(发文机关|来源|发文字号|文号|成文日期|发布日期|索引号|主题分类|标题)[:：]");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private ClauseText() {
    }

    /** The topic of the clause's own heading, e.g. {@code 人工智能+医疗} for {@code （十）人工智能+医疗}; may be empty. */
    static String headingTitle(SearchHit hit) {
        if (hit.clausePath().isEmpty()) {
            return "";
        }
        String heading = hit.clausePath().getLast();
        String marker = hit.markers().isEmpty() ? "" : hit.markers().getLast();
        String title = heading.startsWith(marker) ? heading.substring(marker.length()) : heading;
        return title.strip();
    }

    /** How an answer names the clause: label plus heading topic, e.g. {@code 二、（十）人工智能+医疗}, {@code 第三十三条}. */
    static String citedAs(SearchHit hit) {
        String title = headingTitle(hit);
        return title.isEmpty() || hit.clauseLabel().endsWith(title) ? hit.clauseLabel() : hit.clauseLabel() + title;
    }

    /**
     * The clause text without its heading (the last heading of its path and its marker, when the text starts with
     * them) and without a trailing responsible-units parenthetical.
     */
    static String body(SearchHit hit) {
        String text = hit.text().strip();
        if (!hit.clausePath().isEmpty()) {
            String heading = hit.clausePath().getLast();
            if (text.startsWith(heading)) {
                text = text.substring(heading.length());
            } else if (!hit.markers().isEmpty() && text.startsWith(hit.markers().getLast())) {
                text = text.substring(hit.markers().getLast().length());
            }
            text = text.replaceFirst("^[。．.：:\\s]+", "");
        }
        return UNITS.matcher(text).replaceFirst("").strip();
    }

    /**
     * Whether a line of the clause is the document's header rather than its text: a header field, the document
     * number, or the title or a piece of it (titles are set over several lines in the preamble). Such lines repeat
     * the words of a question that names the document, so a quote would otherwise spend its budget on them.
     */
    static boolean isDocumentHeader(String sentence, SearchHit hit) {
        String s = WHITESPACE.matcher(sentence).replaceAll("");
        if (s.isEmpty() || HEADER_FIELD.matcher(s).find()) {
            return true;
        }
        String number = hit.docNumber() == null ? "" : WHITESPACE.matcher(hit.docNumber()).replaceAll("");
        String title = hit.documentTitle() == null ? "" : WHITESPACE.matcher(hit.documentTitle()).replaceAll("");
        return !number.isEmpty() && s.equals(number) || s.length() >= 4 && title.contains(s);
    }

    /** Sentences (ending at 。；！？ or a line break), each stripped, empty ones dropped. */
    static List<String> sentences(String body) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(body)) {
            String t = s.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static boolean isListItem(String sentence) {
        return LIST_ITEM.matcher(sentence).find();
    }

    static boolean introducesList(String sentence) {
        return sentence.endsWith("：") || sentence.endsWith(":");
    }
}
