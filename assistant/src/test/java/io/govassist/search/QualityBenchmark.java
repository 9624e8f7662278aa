package io.govassist.search;

import io.govassist.eval.EvalQuestion;
import io.govassist.eval.EvalQuestions;
import io.govassist.eval.EvalReport;
import io.govassist.eval.RetrievalEvaluation;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import io.govassist.store.LexicalAnalyzer;
import io.govassist.store.LuceneClauseStore;
import io.govassist.store.RetrievalMode;
import io.govassist.system.GovAssistProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Retrieval ablations over an index built by {@code govassist.jar ingest}. Not a test: run by hand, e.g.
 * <pre>java -cp … io.govassist.search.QualityBenchmark /tmp/eval-data/base/index SMARTCN_PLUS_BIGRAM \
 *     /work/shared/eval/stard/train.jsonl /tmp/eval-out/stard \
 *     "hybrid" "dense|mode=dense" "lexical|mode=lexical" "hybrid-w2|dense-weight=2"</pre>
 * Each configuration is {@code name|key=value;key=value} with keys of {@code govassist.search.*} plus {@code mode} and
 * {@code topk} (default 100; deeper cut-offs show how much a re-ranker could still lift into the top 100) and
 * {@code instruction} (a query instruction other than BGE's, {@code none} for none).
 * Query vectors are cached in {@code OUT/../query-vectors.bin} across runs (so latencies here exclude embedding; the
 * {@code eval} command measures end-to-end latency). Prints a Markdown table and writes each run's JSON report
 * (with the recall curve) to {@code OUT/NAME.json}.
 */
public final class QualityBenchmark {

    public static void main(String[] args) throws Exception {
        Path index = Path.of(args[0]);
        LexicalAnalyzer analyzer = LexicalAnalyzer.valueOf(args[1]);
        List<EvalQuestion> questions = EvalQuestions.read(Path.of(args[2]));
        Path out = Path.of(args[3]);
        Files.createDirectories(out);
        Path vectorCache = out.toAbsolutePath().getParent().resolve("query-vectors.bin");
        try (OnnxBertEmbeddingModel onnx = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled());
             LuceneClauseStore store = LuceneClauseStore.open(index, analyzer)) {
            CachingEmbeddingModel model = new CachingEmbeddingModel(onnx);
            model.load(vectorCache);
            model.embedQueries(questions.stream().map(EvalQuestion::question).toList());
            if (java.util.Arrays.stream(args).anyMatch(a -> a.contains("plain-query-weight"))) {
                model.embedPassages(questions.stream().map(EvalQuestion::question).toList());
            }
            if (model.misses() > 0) {
                model.save(vectorCache);
            }
            System.out.printf("%d questions, %d clauses, analyzer %s%n%n", questions.size(), store.clauseCount(), analyzer);
            System.out.println("| configuration | hit@1 | hit@3 | hit@10 | recall@5 | recall@10 | recall@100 | MRR@10 | p50 ms | p95 ms |");
            System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            for (int i = 4; i < args.length; i++) {
                String[] spec = args[i].split("\\|", 2);
                String name = spec[0];
                Map<String, String> settings = new LinkedHashMap<>();
                RetrievalMode mode = RetrievalMode.HYBRID;
                int topK = 100;
                String instruction = null;
                double[] prf = null;
                if (spec.length > 1) {
                    for (String kv : spec[1].split(";")) {
                        String[] p = kv.split("=", 2);
                        if (p[0].equals("prf")) {
                            prf = java.util.Arrays.stream(p[1].split(":")).mapToDouble(Double::parseDouble).toArray();
                        } else if (p[0].equals("instruction")) {
                            instruction = p[1].equals("none") ? "" : p[1];
                        } else if (p[0].equals("topk")) {
                            topK = Integer.parseInt(p[1]);
                        } else if (p[0].equals("mode")) {
                            mode = RetrievalMode.valueOf(p[1].toUpperCase(Locale.ROOT));
                        } else {
                            settings.put("govassist.search." + p[0], p[1]);
                        }
                    }
                }
                QueryAwareEmbeddingModel queryModel = model;
                if (instruction != null) {
                    queryModel = new CachingEmbeddingModel(OnnxBertEmbeddingModel.load(new EmbeddingModelSettings(
                            null, null, null, null, instruction, 0, 1)));
                    ((CachingEmbeddingModel) queryModel).embedQueries(questions.stream().map(EvalQuestion::question).toList());
                }
                HybridClauseRetriever retriever = retriever(store, queryModel, settings);
                RetrievalMode m = mode;
                double[] feedback = prf;
                QueryAwareEmbeddingModel vectors = queryModel;
                int rrfK = Integer.parseInt(settings.getOrDefault("govassist.search.rrf-k", "10"));
                EvalReport report = RetrievalEvaluation.run(questions, topK,
                        (q, k) -> feedback == null ? retriever.search(q, k, ClauseFilter.NONE, m)
                                : withFeedback(retriever, store, vectors, q, k, feedback, rrfK), done -> {
                        });
                Map<String, Double> x = report.metrics();
                System.out.printf(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.1f | %.1f |%s%n",
                        name, x.get("hit@1"), x.get("hit@3"), x.get("hit@10"), x.get("recall@5"), x.get("recall@10"),
                        x.get("recall@100"), x.get("mrr@10"), x.get("latency_p50_ms"), x.get("latency_p95_ms"),
                        topK > 100 ? String.format(Locale.ROOT, " recall@%d %.3f", topK, report.recallAt(topK)) : "");
                var json = report.toJson();
                json.put("name", name);
                json.put("spec", args[i]);
                Files.writeString(out.resolve(name + ".json"), json.toPrettyString());
                report.writeMisses(out.resolve(name + ".misses.jsonl"));
            }
            if (model.misses() > 0) {
                model.save(vectorCache);
            }
        }
    }

    /**
     * Dense pseudo-relevance feedback (Rocchio), an experiment: the query vector plus {@code beta} × the mean vector of
     * the first {@code depth} fused hits searches densely once more, fused in with {@code weight}.
     * {@code feedback = depth:beta:weight}.
     */
    static List<io.govassist.store.SearchHit> withFeedback(HybridClauseRetriever retriever, ClauseStore store,
                                                           QueryAwareEmbeddingModel model, String question, int topK,
                                                           double[] feedback, int rrfK) {
        int depth = (int) feedback[0];
        List<io.govassist.store.SearchHit> first = retriever.search(question, Math.max(topK, 100), ClauseFilter.NONE);
        float[] q = model.embedQuery(question).vector().clone();
        float[] mean = new float[q.length];
        int n = 0;
        Map<String, List<io.govassist.store.IndexedClause>> byDocument = new HashMap<>();
        for (io.govassist.store.SearchHit h : first.subList(0, Math.min(depth, first.size()))) {
            for (io.govassist.store.IndexedClause c : byDocument.computeIfAbsent(h.documentId(), store::clausesOf)) {
                if (c.id().equals(h.clauseId())) {
                    for (int i = 0; i < mean.length; i++) {
                        mean[i] += c.vector()[i];
                    }
                    n++;
                }
            }
        }
        double norm = 0;
        for (int i = 0; i < q.length; i++) {
            q[i] += (float) (feedback[1] * mean[i] / Math.max(1, n));
            norm += q[i] * q[i];
        }
        for (int i = 0; i < q.length; i++) {
            q[i] /= (float) Math.sqrt(norm);
        }
        List<io.govassist.store.SearchHit> ranking = store.search(new io.govassist.store.SearchQuery(question, q, 100,
                ClauseFilter.NONE, RetrievalMode.DENSE, 1, 1, rrfK, 100));
        List<io.govassist.store.SearchHit> out = HybridClauseRetriever.collapseParts(
                HybridClauseRetriever.addRanking(first, HybridClauseRetriever.collapseParts(ranking), feedback[2], rrfK,
                        false));
        return out.size() <= topK ? out : out.subList(0, topK);
    }

    /** The retriever as the application wires it, with {@code govassist.*} overrides. */
    static HybridClauseRetriever retriever(ClauseStore store, QueryAwareEmbeddingModel model,
                                           Map<String, String> overrides) {
        Binder binder = new Binder(new MapConfigurationPropertySource(new HashMap<>(overrides)));
        SearchQualityProperties quality = binder.bindOrCreate("govassist.search", SearchQualityProperties.class);
        return new HybridClauseRetriever(store, model, binder.bindOrCreate("govassist", GovAssistProperties.class),
                quality, new SearchConfiguration().queryTransformer(quality), Optional.empty());
    }

}
