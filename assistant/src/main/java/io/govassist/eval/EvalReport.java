package io.govassist.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govassist.store.SearchHit;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a {@link RetrievalEvaluation}. Definitions (per question, averaged over questions):
 * <ul>
 *   <li>hit@k: 1 if any gold clause is among the first k hits;</li>
 *   <li>recall@k: the fraction of the question's gold clauses among the first k hits;</li>
 *   <li>MRR@k: 1 / rank of the first gold hit if within k, else 0;</li>
 *   <li>latency: wall time of one search (query embedding included), p50 and p95 over the questions.</li>
 * </ul>
 */
public record EvalReport(int topK, List<QuestionResult> results) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public EvalReport {
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no results");
        }
    }

    /**
     * @param goldRanks 1-based rank of the first hit matching each gold, in the question's gold order; 0 if not found
     * @param nanos     search time
     * @param topHits   the first few hits, for the misses report
     */
    public record QuestionResult(EvalQuestion question, int[] goldRanks, long nanos, List<SearchHit> topHits) {

        public QuestionResult {
            Objects.requireNonNull(question, "question");
            goldRanks = goldRanks.clone();
            topHits = List.copyOf(topHits);
        }

        /** Rank of the first gold hit, or 0. */
        public int firstRank() {
            return Arrays.stream(goldRanks).filter(r -> r > 0).min().orElse(0);
        }

        double recallAt(int k) {
            return (double) Arrays.stream(goldRanks).filter(r -> r > 0 && r <= k).count() / goldRanks.length;
        }

        boolean complete() {
            return Arrays.stream(goldRanks).allMatch(r -> r > 0);
        }
    }

    public int questions() {
        return results.size();
    }

    public int goldClauses() {
        return results.stream().mapToInt(r -> r.goldRanks().length).sum();
    }

    public double hitAt(int k) {
        return results.stream().mapToDouble(r -> r.firstRank() > 0 && r.firstRank() <= k ? 1 : 0).average().orElse(0);
    }

    public double recallAt(int k) {
        return results.stream().mapToDouble(r -> r.recallAt(k)).average().orElse(0);
    }

    public double mrrAt(int k) {
        return results.stream().mapToDouble(r -> r.firstRank() > 0 && r.firstRank() <= k ? 1.0 / r.firstRank() : 0)
                .average().orElse(0);
    }

    /** Latency percentile in milliseconds (nearest rank), p in (0, 100]. */
    public double latencyMillis(double p) {
        long[] sorted = results.stream().mapToLong(QuestionResult::nanos).sorted().toArray();
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    /** recall@k for k = 1 … topK. */
    public double[] recallCurve() {
        double[] curve = new double[topK];
        for (int k = 1; k <= topK; k++) {
            curve[k - 1] = recallAt(k);
        }
        return curve;
    }

    /** The questions with a gold clause missing from the top {@link #topK()}. */
    public List<QuestionResult> misses() {
        return results.stream().filter(r -> !r.complete()).toList();
    }

    /**
     * The headline metrics by name: hit@1/3/10, recall@5/10/100, MRR@10 (those with k ≤ topK), recall@topK,
     * latency p50/p95 (ms).
     */
    public Map<String, Double> metrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k : new int[]{1, 3, 10}) {
            if (k <= topK) {
                m.put("hit@" + k, hitAt(k));
            }
        }
        for (int k : new int[]{5, 10, 100}) {
            if (k <= topK) {
                m.put("recall@" + k, recallAt(k));
            }
        }
        m.putIfAbsent("recall@" + topK, recallAt(topK));
        m.put("mrr@10", mrrAt(10));
        m.put("latency_p50_ms", latencyMillis(50));
        m.put("latency_p95_ms", latencyMillis(95));
        return m;
    }

    /** A human-readable summary. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "questions: %d  gold clauses: %d  topK: %d%n", questions(), goldClauses(), topK));
        Map<String, Double> m = metrics();
        m.forEach((name, value) -> b.append(String.format(Locale.ROOT, name.startsWith("latency")
                ? "  %-16s %8.1f%n" : "  %-16s %8.3f%n", name, value)));
        b.append(String.format(Locale.ROOT, "questions with a gold clause outside the top %d: %d%n", topK,
                misses().size()));
        return b.toString();
    }

    /** The metrics as a JSON object (with the recall curve). */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("questions", questions());
        root.put("goldClauses", goldClauses());
        root.put("topK", topK);
        ObjectNode metrics = root.putObject("metrics");
        metrics().forEach(metrics::put);
        ArrayNode curve = root.putArray("recallCurve");
        Arrays.stream(recallCurve()).forEach(curve::add);
        root.put("misses", misses().size());
        ObjectNode ranks = root.putObject("firstRanks");
        results.forEach(r -> ranks.put(r.question().id(), r.firstRank()));
        return root;
    }

    /**
     * Writes one JSON line per question with a missing gold clause: its id, question, the gold clauses found (with
     * rank) and missing, and the first hits.
     */
    public void writeMisses(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (QuestionResult r : misses()) {
                ObjectNode line = JSON.createObjectNode();
                line.put("id", r.question().id());
                line.put("question", r.question().question());
                ArrayNode missing = line.putArray("missing");
                ArrayNode found = line.putArray("found");
                for (int g = 0; g < r.goldRanks().length; g++) {
                    EvalQuestion.Gold gold = r.question().gold().get(g);
                    ObjectNode o = (r.goldRanks()[g] > 0 ? found : missing).addObject();
                    o.put("source", gold.source());
                    o.putPOJO("clause", gold.clause());
                    if (r.goldRanks()[g] > 0) {
                        o.put("rank", r.goldRanks()[g]);
                    }
                }
                ArrayNode top = line.putArray("topHits");
                for (SearchHit h : r.topHits()) {
                    ObjectNode o = top.addObject();
                    o.put("source", h.source());
                    o.put("label", h.clauseLabel());
                    o.put("title", h.documentTitle());
                }
                w.write(JSON.writeValueAsString(line));
                w.write('\n');
            }
        }
    }
}
