package io.govassist.chat;

import io.govassist.search.LexicalEvidence;
import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.store.SearchHit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Extractive answers without an LLM: led by the source ("根据《…》二、（十）人工智能+医疗……"), built only from the
 * stored text and metadata of the relevant clauses, every statement followed by a marker {@code [n]} of the clause
 * it comes from.
 *
 * <ul>
 *   <li>Who-is-responsible questions are answered from the clauses' responsible units, lead and cooperating units
 *       named as such.</li>
 *   <li>Otherwise the most relevant sentences of the best clause are quoted verbatim (a short clause whole), and of
 *       further clauses that are nearly as relevant; numbers and dates are therefore quoted exactly, and sentences
 *       with numbers are preferred when the question asks for a number or a date.</li>
 * </ul>
 */
public final class ExtractiveAnswerComposer {

    static final int QUOTE_BUDGET = 220;
    static final int SECONDARY_QUOTE_BUDGET = 100;
    /** Further clauses are quoted when at most this much less relevant than the best one. */
    static final double SECONDARY_MARGIN = 0.05;

    private static final Pattern NUMBER = Pattern.compile(
            "\\d|[零一二三四五六七八九十百千万两]+(?:个|日|天|年|月|周|家|项|倍|亿|万|小时|工作日)|%|％");
    private static final Pattern RESPONSIBILITY_WORDS = Pattern.compile("部门|机关|机构|负责|主管|牵头|办公厅|委员会|单位");

    private final int maxCitations;

    public ExtractiveAnswerComposer(int maxCitations) {
        this.maxCitations = maxCitations;
    }

    /** An answer from {@code contents} (relevant clauses, best first; not empty). */
    public DraftAnswer compose(Resolution resolution, List<ClauseContent> contents) {
        if (contents.isEmpty()) {
            throw new IllegalArgumentException("nothing to answer from");
        }
        if (resolution.intent() == QuestionIntent.RESPONSIBILITY) {
            List<ClauseContent> withUnits = responsibilityClauses(resolution.searchQuery(), contents);
            if (!withUnits.isEmpty()) {
                return responsibilityAnswer(withUnits);
            }
        }
        return quoteAnswer(LexicalEvidence.terms(resolution.searchQuery()), resolution.intent(), contents);
    }

    /**
     * Clauses with responsible units that the question is about: the best clause, and others whose own topic (the
     * words of their heading that are not in the document title) the question names.
     */
    private List<ClauseContent> responsibilityClauses(String query, List<ClauseContent> contents) {
        String normalizedQuery = LexicalEvidence.normalize(query);
        List<ClauseContent> out = new ArrayList<>();
        for (int i = 0; i < contents.size() && out.size() < maxCitations; i++) {
            ClauseContent c = contents.get(i);
            if (c.hit().responsibleUnits().isEmpty()) {
                continue;
            }
            boolean best = out.isEmpty() && (i == 0 || c.carriedOver());
            Set<String> topic = new HashSet<>(LexicalEvidence.terms(ClauseText.headingTitle(c.hit())));
            topic.removeIf(LexicalEvidence.normalize(c.hit().documentTitle())::contains);
            boolean named = !topic.isEmpty() && LexicalEvidence.coverage(topic, normalizedQuery) == 1.0;
            if (best || named) {
                out.add(c);
            }
        }
        return out;
    }

    private static DraftAnswer responsibilityAnswer(List<ClauseContent> clauses) {
        StringBuilder text = new StringBuilder();
        List<Citation> citations = new ArrayList<>();
        for (ClauseContent c : clauses) {
            SearchHit hit = c.hit();
            int index = citations.size() + 1;
            citations.add(Citation.of(index, hit));
            ResponsibleUnits units = hit.responsibleUnits();
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("根据《").append(hit.documentTitle()).append("》").append(ClauseText.citedAs(hit))
                    .append("，牵头单位为").append(String.join("、", units.lead()));
            if (!units.cooperating().isEmpty()) {
                text.append("，配合单位为").append(String.join("、", units.cooperating()));
            }
            text.append('[').append(index).append("]。");
        }
        return new DraftAnswer(text.toString(), citations, AnswerTexts.notices(citations), true);
    }

    private DraftAnswer quoteAnswer(Set<String> terms, QuestionIntent intent, List<ClauseContent> contents) {
        double best = contents.stream().mapToDouble(ClauseContent::relevance).filter(r -> !Double.isNaN(r))
                .max().orElse(Double.NaN);
        if (intent == QuestionIntent.QUANTITY) {
            contents = quantityFirst(terms, contents, best);
        }
        StringBuilder text = new StringBuilder();
        List<Citation> citations = new ArrayList<>();
        String previousDocument = null;
        for (ClauseContent c : contents) {
            if (citations.size() >= maxCitations) {
                break;
            }
            boolean first = citations.isEmpty();
            if (!first && !(c.carriedOver()
                    || !Double.isNaN(best) && c.relevance() >= best - SECONDARY_MARGIN)) {
                continue;
            }
            Quote quote = quote(c.hit(), terms, intent, first ? QUOTE_BUDGET : SECONDARY_QUOTE_BUDGET);
            if (!first && quote.score() <= 0) {
                continue;
            }
            int index = citations.size() + 1;
            citations.add(Citation.of(index, c.hit()));
            SearchHit hit = c.hit();
            if (first) {
                text.append("根据《").append(hit.documentTitle()).append("》");
            } else if (hit.documentId().equals(previousDocument)) {
                text.append("\n同一文件");
            } else {
                text.append("\n另据《").append(hit.documentTitle()).append("》");
            }
            text.append(ClauseText.citedAs(hit)).append("：“").append(quote.text()).append("”[").append(index)
                    .append(']');
            previousDocument = hit.documentId();
        }
        return new DraftAnswer(text.toString(), citations, AnswerTexts.notices(citations), true);
    }

    /**
     * A question asking for a number or a date is led by a clause whose quote states one: when the best clause's
     * quote has none and another clause close to it in relevance (the ones that would be quoted as well) does, that
     * one is quoted first. The retrieval order stays otherwise.
     */
    private static List<ClauseContent> quantityFirst(Set<String> terms, List<ClauseContent> contents, double best) {
        if (NUMBER.matcher(quote(contents.get(0).hit(), terms, QuestionIntent.QUANTITY, QUOTE_BUDGET).text()).find()) {
            return contents;
        }
        for (int i = 1; i < contents.size(); i++) {
            ClauseContent c = contents.get(i);
            boolean close = c.carriedOver() || !Double.isNaN(best) && c.relevance() >= best - SECONDARY_MARGIN;
            if (close && NUMBER.matcher(quote(c.hit(), terms, QuestionIntent.QUANTITY, QUOTE_BUDGET).text()).find()) {
                List<ClauseContent> reordered = new ArrayList<>(contents);
                reordered.add(0, reordered.remove(i));
                return reordered;
            }
        }
        return contents;
    }

    record Quote(String text, double score) {
    }

    /**
     * The most relevant sentences of a clause within {@code budget} characters, in document order; the document's
     * header lines (title, number, issuing body) of a preamble are not quoted.
     */
    static Quote quote(SearchHit hit, Set<String> terms, QuestionIntent intent, int budget) {
        String body = ClauseText.body(hit);
        List<String> all = ClauseText.sentences(body.isEmpty() ? hit.text() : body);
        List<String> text = all.stream().filter(s -> !ClauseText.isDocumentHeader(s, hit)).toList();
        List<String> sentences = text.isEmpty() ? all : text;
        double[] scores = new double[sentences.size()];
        double top = 0;
        for (int i = 0; i < sentences.size(); i++) {
            scores[i] = score(sentences.get(i), terms, intent) + (i == 0 ? 0.05 : 0);
            top = Math.max(top, scores[i] - (i == 0 ? 0.05 : 0));
        }
        int total = sentences.stream().mapToInt(String::length).sum();
        if (total <= budget) {
            return new Quote(String.join("", sentences), top);
        }
        Integer[] order = new Integer[sentences.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed()
                .thenComparing(i -> i));
        TreeSet<Integer> picked = new TreeSet<>();
        int length = 0;
        for (int i : order) {
            int l = sentences.get(i).length();
            if (!picked.isEmpty() && length + l > budget) {
                continue;
            }
            picked.add(i);
            length += l;
            if (budget >= QUOTE_BUDGET && ClauseText.introducesList(sentences.get(i))) {
                for (int j = i + 1; j < sentences.size() && ClauseText.isListItem(sentences.get(j))
                        && length + sentences.get(j).length() <= 2 * budget; j++) {
                    picked.add(j);
                    length += sentences.get(j).length();
                }
            }
            if (length >= budget) {
                break;
            }
        }
        StringBuilder quote = new StringBuilder();
        int previous = -1;
        for (int i : picked) {
            if (previous >= 0 && i != previous + 1) {
                quote.append("……");
            }
            quote.append(sentences.get(i));
            previous = i;
        }
        if (previous < sentences.size() - 1) {
            quote.append("……");
        }
        return new Quote(quote.toString(), top);
    }

    private static double score(String sentence, Set<String> terms, QuestionIntent intent) {
        double score = LexicalEvidence.coverage(terms, LexicalEvidence.normalize(sentence));
        if (intent == QuestionIntent.QUANTITY && NUMBER.matcher(sentence).find()) {
            score += 0.5;
        } else if (intent == QuestionIntent.RESPONSIBILITY && RESPONSIBILITY_WORDS.matcher(sentence).find()) {
            score += 0.3;
        }
        return score;
    }
}
