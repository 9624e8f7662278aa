package io.govassist.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govassist.store.SearchHit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvalReportTest {

    @TempDir
    Path tmp;

    private static final String LAW = "民法典/总则.md";

    private static SearchHit hit(String source, String... markers) {
        return new SearchHit("c-" + source + String.join("", markers), "d", "标题", null, source,
                markers.length == 0 ? "前言" : markers[markers.length - 1], List.of(markers), List.of(markers), "正文",
                1.0, 0.5, null, null);
    }

    private static EvalQuestion question(String id, String... articles) {
        List<EvalQuestion.Gold> gold = new ArrayList<>();
        for (String a : articles) {
            gold.add(new EvalQuestion.Gold(LAW, List.of(a)));
        }
        return new EvalQuestion(id, "问题" + id, gold);
    }

    /** Ranked hits: filler clauses, with the given articles at the given 1-based ranks. */
    private static List<SearchHit> ranking(int size, Map<Integer, String> articlesAtRank) {
        List<SearchHit> hits = new ArrayList<>();
        for (int r = 1; r <= size; r++) {
            String article = articlesAtRank.get(r);
            hits.add(article == null ? hit("其他/无关.md", "第" + r + "条") : hit(LAW, "第一编", "第二章", article));
        }
        return hits;
    }

    private EvalReport report() {
        RetrievalEvaluation.Searcher searcher = (q, k) -> switch (q) {
            // gold at rank 1 and rank 7: hit@1 = 1, recall@5 = 0.5, recall@10 = 1
            case "问题a" -> ranking(k, Map.of(1, "第五十四条", 7, "第五十六条"));
            // the only gold at rank 3 (written with Arabic numerals in the gold)
            case "问题b" -> ranking(k, Map.of(3, "第五十五条"));
            // one of two golds at rank 40, the other never
            case "问题c" -> ranking(k, Map.of(40, "第一条"));
            default -> throw new AssertionError(q);
        };
        return RetrievalEvaluation.run(List.of(question("a", "第五十四条", "第五十六条"), question("b", "第55条"),
                question("c", "第一条", "第二条")), 100, searcher, done -> {
        });
    }

    @Test
    void computes_hit_recall_and_mrr_per_question_then_averages() {
        EvalReport r = report();
        assertThat(r.questions()).isEqualTo(3);
        assertThat(r.goldClauses()).isEqualTo(5);
        assertThat(r.hitAt(1)).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(r.hitAt(3)).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(r.hitAt(10)).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(r.recallAt(5)).isCloseTo((0.5 + 1 + 0) / 3, within(1e-9));
        assertThat(r.recallAt(10)).isCloseTo((1 + 1 + 0) / 3.0, within(1e-9));
        assertThat(r.recallAt(100)).isCloseTo((1 + 1 + 0.5) / 3, within(1e-9));
        assertThat(r.mrrAt(10)).isCloseTo((1 + 1 / 3.0 + 0) / 3, within(1e-9));
        double[] curve = r.recallCurve();
        assertThat(curve).hasSize(100);
        assertThat(curve[0]).isCloseTo(r.recallAt(1), within(1e-12));
        assertThat(curve[39]).isCloseTo(r.recallAt(40), within(1e-12));
        for (int k = 1; k < curve.length; k++) {
            assertThat(curve[k]).isGreaterThanOrEqualTo(curve[k - 1]);
        }
    }

    @Test
    void metrics_only_name_cut_offs_within_top_k() {
        EvalReport r = RetrievalEvaluation.run(List.of(question("b", "第55条")), 5,
                (q, k) -> ranking(k, Map.of(3, "第五十五条")), done -> {
                });
        assertThat(r.metrics()).containsKeys("hit@1", "hit@3", "recall@5", "mrr@10", "latency_p50_ms")
                .doesNotContainKeys("hit@10", "recall@10", "recall@100");
        assertThat(r.metrics().get("recall@5")).isEqualTo(1.0);
    }

    @Test
    void latency_percentiles_use_the_nearest_rank() {
        List<EvalReport.QuestionResult> results = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            results.add(new EvalReport.QuestionResult(question("q" + i, "第一条"), new int[]{0}, i * 1_000_000L, List.of()));
        }
        EvalReport r = new EvalReport(10, results);
        assertThat(r.latencyMillis(50)).isEqualTo(10.0);
        assertThat(r.latencyMillis(95)).isEqualTo(19.0);
        assertThat(r.latencyMillis(100)).isEqualTo(20.0);
    }

    @Test
    void misses_file_lists_found_and_missing_golds_with_the_top_hits() throws IOException {
        EvalReport r = report();
        assertThat(r.misses()).extracting(m -> m.question().id()).containsExactly("c");
        Path file = tmp.resolve("misses.jsonl");
        r.writeMisses(file);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        JsonNode miss = new ObjectMapper().readTree(lines.getFirst());
        assertThat(miss.get("id").asText()).isEqualTo("c");
        assertThat(miss.get("missing").get(0).get("clause").get(0).asText()).isEqualTo("第二条");
        assertThat(miss.get("found").get(0).get("rank").asInt()).isEqualTo(40);
        assertThat(miss.get("topHits")).hasSize(RetrievalEvaluation.KEPT_HITS);
        assertThat(miss.get("topHits").get(0).get("source").asText()).isEqualTo("其他/无关.md");
    }

    @Test
    void json_carries_metrics_the_recall_curve_and_each_questions_first_gold_rank() {
        JsonNode json = report().toJson();
        assertThat(json.get("questions").asInt()).isEqualTo(3);
        assertThat(json.get("metrics").get("recall@100").asDouble()).isCloseTo(2.5 / 3, within(1e-9));
        assertThat(json.get("recallCurve")).hasSize(100);
        assertThat(json.get("misses").asInt()).isEqualTo(1);
        assertThat(json.get("firstRanks").get("a").asInt()).isEqualTo(1);
        assertThat(json.get("firstRanks").get("b").asInt()).isEqualTo(3);
        assertThat(json.get("firstRanks").get("c").asInt()).isEqualTo(40);
        assertThat(report().table()).contains("recall@100").contains("questions: 3");
    }
}
