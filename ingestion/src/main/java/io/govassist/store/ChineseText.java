package io.govassist.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text normalisation shared by every {@link LexicalAnalyzer}: applied to indexed text and to queries alike, so a
 * store that keeps tokens elsewhere (PostgreSQL {@code tsvector}) gets the same terms as Lucene.
 *
 * <ul>
 *   <li>NFKC: full-width Latin letters, digits and punctuation become half-width ({@code （十五）} → {@code (十五)},
 *       {@code ２０２５} → {@code 2025}), circled numbers and compatibility ideographs are unfolded;</li>
 *   <li>lower case (root locale);</li>
 *   <li>question phrases of layperson questions ({@code 什么}, {@code 怎么}, {@code 哪些}, {@code 如何}, {@code 是否},
 *       {@code 谁}, a sentence-final {@code 吗/呢/吧} …) are replaced by a space. They carry no topic, are rare in
 *       policy text (so BM25 gives them a high IDF) and, with bigrams, glue junk bigrams to real words. Replacing
 *       with a space (not deleting) keeps the neighbours from forming a bigram across the gap.</li>
 * </ul>
 */
public final class ChineseText {

    private static final Pattern QUESTION_PHRASES = Pattern.compile(
            "为什么|为何|怎么样|怎么办|怎么|怎样|什么样|什么|哪些|哪个|哪里|哪儿|哪|如何|是否|是不是|能不能|可不可以|"
                    + "有没有|多长时间|多久|多少|请问|我想知道|谁"
                    + "|[吗呢吧啊呀](?=\\s*(?:[?!.,;。，；！？]|$))");

    private ChineseText() {
    }

    /** NFKC, lower case, question phrases blanked. */
    public static String normalize(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return QUESTION_PHRASES.matcher(s).replaceAll(" ");
    }
}
