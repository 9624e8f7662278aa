package io.govassist.search;

import io.govassist.store.SearchHit;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cn.smart.HMMChineseTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Lexical evidence that a clause is about a question: the share of the question's content terms ({@link #terms}) that
 * occur in the clause, its document title or its headings. Dense similarity
 * alone cannot tell a near-miss from an answer; this needs no index and is cheap enough for every candidate.
 */
public final class LexicalEvidence {

    /** Question words and function words (smartcn's own stop set removes only punctuation). */
    private static final Set<String> STOP_WORDS = Set.of(
            "的", "地", "得", "了", "着", "过", "是", "和", "与", "或", "或者", "及", "以及", "在", "有", "吗", "呢", "吧",
            "啊", "呀", "请问", "也", "都", "就", "把", "被", "我", "我们", "你", "您", "他", "她", "它", "这", "那", "这个",
            "那个", "要", "会", "能", "一个", "什么", "怎么", "哪些", "如何", "是否", "谁", "哪", "多少", "由", "对", "给",
            "让", "又", "还", "该", "些", "里", "中", "为", "从", "向", "于", "将", "所", "之");

    /** Words that carry no topic in a policy question. */
    private static final Set<String> TOPICLESS = Set.of(
            "一下", "哪个", "哪家", "哪项", "哪天", "哪年", "怎么办", "怎样", "多长", "为什么", "有没有", "能不能", "还有",
            "具体", "相关", "有关", "规定", "方面", "政府", "国家", "时候", "时间", "工作", "问题", "情况", "这项", "该项",
            "这些", "那些", "你们", "他们", "可以", "应当", "应该", "需要", "不会", "是不是", "要求", "内容", "主要");

    private LexicalEvidence() {
    }

    /** NFKC, lower case: the form both sides are compared in. */
    public static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /**
     * The content terms of a question: smartcn segments it; question words, function words and topic-less words are
     * cut out; each remaining run of adjacent words gives its character bigrams (a lone character stays a term, Latin
     * and digit tokens stay whole). Cutting at word level keeps words like 就业 whole; bigrams across adjacent words
     * make unknown names (人名, 地名) count as unmatched evidence.
     */
    public static Set<String> terms(String question) {
        Set<String> terms = new LinkedHashSet<>();
        StringBuilder run = new StringBuilder();
        int runEnd = -1;
        String text = normalize(question);
        try (Tokenizer tokenizer = new HMMChineseTokenizer()) {
            tokenizer.setReader(new StringReader(text));
            CharTermAttribute term = tokenizer.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = tokenizer.addAttribute(OffsetAttribute.class);
            tokenizer.reset();
            while (tokenizer.incrementToken()) {
                String word = term.toString();
                boolean content = word.codePoints().anyMatch(Character::isLetterOrDigit) && !isStopWord(word);
                if (!content || offset.startOffset() != runEnd) {
                    addRun(terms, run);
                }
                if (content) {
                    run.append(word);
                    runEnd = offset.endOffset();
                } else {
                    runEnd = -1;
                }
            }
            tokenizer.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        addRun(terms, run);
        return terms;
    }

    private static boolean isStopWord(String word) {
        return TOPICLESS.contains(word) || STOP_WORDS.contains(word);
    }

    private static void addRun(Set<String> terms, StringBuilder run) {
        if (run.isEmpty()) {
            return;
        }
        String r = run.toString();
        run.setLength(0);
        if (!Character.isIdeographic(r.codePointAt(0)) || r.length() == 1) {
            terms.add(r);
            return;
        }
        for (int i = 0; i + 2 <= r.length(); i++) {
            terms.add(r.substring(i, i + 2));
        }
    }

    /** The text a clause is matched against: title, headings and clause text. */
    public static String searchableText(SearchHit hit) {
        return normalize(hit.documentTitle() + " " + String.join(" ", hit.clausePath()) + " " + hit.text());
    }

    /** Share of {@code terms} found in {@code text} (already {@link #normalize normalized}); 0 without terms. */
    public static double coverage(Set<String> terms, String text) {
        if (terms.isEmpty()) {
            return 0;
        }
        int found = 0;
        for (String term : terms) {
            if (text.contains(term)) {
                found++;
            }
        }
        return (double) found / terms.size();
    }
}
