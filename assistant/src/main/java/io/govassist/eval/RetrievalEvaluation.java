package io.govassist.eval;

import io.govassist.ingestion.GoldMatcher;
import io.govassist.store.SearchHit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs a question set through a search function and records, per question, the rank at which each gold clause was
 * found and how long the search took. The metrics are in {@link EvalReport}.
 */
public final class RetrievalEvaluation {

    /** Hits kept per question for the misses report. */
    static final int KEPT_HITS = 5;

    /** The search under test: the hits for a question, best first, at most {@code topK}. */
    @FunctionalInterface
    public interface Searcher {
        List<SearchHit> search(String question, int topK);
    }

    private RetrievalEvaluation() {
    }

    /**
     * Searches every question (sequentially, so latencies are not inflated by concurrent searches) and returns the
     * report. {@code progress} receives the number of questions done.
     */
    public static EvalReport run(List<EvalQuestion> questions, int topK, Searcher searcher, IntConsumer progress) {
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be >= 1");
        }
        List<EvalReport.QuestionResult> results = new ArrayList<>(questions.size());
        for (EvalQuestion q : questions) {
            long start = System.nanoTime();
            List<SearchHit> hits = searcher.search(q.question(), topK);
            long nanos = System.nanoTime() - start;
            results.add(judge(q, hits, topK, nanos));
            progress.accept(results.size());
        }
        return new EvalReport(topK, results);
    }

    /** The 1-based rank of the first hit matching each gold (0 = not within {@code topK}). */
    static EvalReport.QuestionResult judge(EvalQuestion q, List<SearchHit> hits, int topK, long nanos) {
        int[] ranks = new int[q.gold().size()];
        int n = Math.min(topK, hits.size());
        for (int g = 0; g < ranks.length; g++) {
            GoldMatcher matcher = q.gold().get(g).matcher();
            for (int r = 0; r < n; r++) {
                SearchHit hit = hits.get(r);
                if (matcher.matches(hit.source(), hit.markers(), hit.clauseLabel())) {
                    ranks[g] = r + 1;
                    break;
                }
            }
        }
        return new EvalReport.QuestionResult(q, ranks, nanos, hits.subList(0, Math.min(KEPT_HITS, n)));
    }
}
