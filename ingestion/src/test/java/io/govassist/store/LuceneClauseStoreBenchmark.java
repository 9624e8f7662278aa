package io.govassist.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.govassist.ingestion.Clause;
import io.govassist.ingestion.Ids;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Rough scale check, not a test: bulk-ingests the ≈65k articles of the unpacked national laws (throwaway regex split,
 * random unit vectors — HNSW latency does not need real ones) and times searches for STARD questions, with and
 * without the query embedding, then the knowledge-base scopes (issue #16: an exclusion as the store applies it and as
 * the earlier {@code MUST_NOT} filter, interleaved per question, {@code -DscopeRounds=N} rounds, and whether the two
 * ever return different hits). Usage (the index directory is built on the first run and reused after):
 * <pre>./mvnw -B -o -q -pl ingestion -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/bench.cp \
 *     -Dmdep.includeScope=test
 * java -DscopeRounds=5 --add-modules jdk.incubator.vector \
 *     -cp "ingestion/target/test-classes:ingestion/target/classes:$(cat /tmp/bench.cp)" \
 *     io.govassist.store.LuceneClauseStoreBenchmark ../shared/corpus/laws_md ../shared/eval/stard/train.jsonl \
 *     /tmp/bench-index [n]</pre>
 */
public final class LuceneClauseStoreBenchmark {

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path stard = Path.of(args[1]);
        Path indexDir = Path.of(args[2]);
        int queries = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        List<AnalyzerRecallBenchmark.Article> articles = AnalyzerRecallBenchmark.readArticles(root);
        Map<String, List<AnalyzerRecallBenchmark.Article>> bySource = new LinkedHashMap<>();
        for (AnalyzerRecallBenchmark.Article a : articles) {
            bySource.computeIfAbsent(a.key().substring(0, a.key().indexOf('#')), k -> new ArrayList<>()).add(a);
        }
        Random random = new Random(42);
        boolean fresh = !Files.exists(indexDir);
        try (OnnxBertEmbeddingModel model = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled());
             LuceneClauseStore store = LuceneClauseStore.open(indexDir)) {
            store.bindEmbeddingSpace(new EmbeddingSpace(model.modelId(), model.dimension()));
            if (fresh) {
                long t0 = System.nanoTime();
                try (LuceneClauseStore.Bulk bulk = store.beginBulk()) {
                    for (Map.Entry<String, List<AnalyzerRecallBenchmark.Article>> e : bySource.entrySet()) {
                        String docId = Ids.documentId(e.getKey());
                        List<IndexedClause> clauses = new ArrayList<>();
                        int occurrence = 0;
                        for (AnalyzerRecallBenchmark.Article a : e.getValue()) {
                            String label = a.key().substring(a.key().indexOf('#') + 1);
                            Clause c = new Clause(List.of(label), List.of(label), label, a.text(), ResponsibleUnits.NONE,
                                    0);
                            clauses.add(new IndexedClause(Ids.clauseId(docId, c.markers(), 0, occurrence++),
                                    clauses.size(), c, a.text(), randomUnit(random, model.dimension())));
                        }
                        String title = Path.of(e.getKey()).getFileName().toString();
                        store.replaceDocument(new DocumentRecord(docId, e.getKey(), Ids.sha256(e.getKey()),
                                new PolicyMetadata(title, null, e.getKey().split("/")[0], null, null), clauses.size(),
                                Instant.now()), clauses);
                    }
                }
                System.out.printf("bulk ingest: %d documents, %d clauses in %.1f s%n", bySource.size(),
                        store.clauseCount(), (System.nanoTime() - t0) / 1e9);
            }
            System.out.printf("store: %d documents, %d clauses%n", store.documentCount(), store.clauseCount());
            List<String> questions = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(stard)) {
                if (!line.isBlank() && questions.size() < queries) {
                    questions.add(json.readTree(line).get("question").asText());
                }
            }
            // warm-up
            for (int i = 0; i < 30; i++) {
                String q = questions.get(i % questions.size());
                store.search(SearchQuery.hybrid(q, model.embedQuery(q).vector(), 10, ClauseFilter.NONE));
            }
            ClauseFilter selective = new ClauseFilter(List.of(), List.of("民法典"), null, null, false);
            for (String label : List.of("embed", "HYBRID", "DENSE", "LEXICAL", "HYBRID+filter", "embed+HYBRID")) {
                long[] nanos = new long[questions.size()];
                for (int i = 0; i < questions.size(); i++) {
                    String q = questions.get(i);
                    float[] v = label.startsWith("embed") ? null : model.embedQuery(q).vector();
                    long t0 = System.nanoTime();
                    if (v == null) {
                        v = model.embedQuery(q).vector();
                    }
                    switch (label) {
                        case "embed" -> {
                        }
                        case "HYBRID", "embed+HYBRID" -> store.search(SearchQuery.hybrid(q, v, 10, ClauseFilter.NONE));
                        case "HYBRID+filter" -> store.search(SearchQuery.hybrid(q, v, 10, selective));
                        default -> store.search(new SearchQuery(q, v, 10, ClauseFilter.NONE,
                                RetrievalMode.valueOf(label), 1, 1, 60, 100));
                    }
                    nanos[i] = System.nanoTime() - t0;
                }
                Arrays.sort(nanos);
                System.out.printf("%-14s p50=%6.1f ms p95=%6.1f ms max=%6.1f ms%n", label, nanos[nanos.length / 2] / 1e6,
                        nanos[(int) (nanos.length * 0.95)] / 1e6, nanos[nanos.length - 1] / 1e6);
            }
            // knowledge-base scopes (issue #16), interleaved per question (the order rotating) so load drift hits
            // every condition alike: the unscoped search with a few staff-only documents excluded — as a cached view
            // (the store's way) and as a MUST_NOT filter in the query (the earlier way) — and a scope of 20 documents
            List<String> ids = new ArrayList<>(bySource.keySet().stream().map(Ids::documentId).toList());
            ClauseFilter excluded = ClauseFilter.NONE.excluding(ids.subList(0, Math.min(5, ids.size())));
            ClauseFilter scoped = ClauseFilter.documents(
                    ids.subList(ids.size() / 2, Math.min(ids.size(), ids.size() / 2 + 20)));
            record Condition(ClauseFilter filter, boolean views) {
            }
            Map<String, Condition> scopes = new LinkedHashMap<>();
            scopes.put("HYBRID", new Condition(ClauseFilter.NONE, true));
            scopes.put("HYBRID (again: noise)", new Condition(ClauseFilter.NONE, true));
            scopes.put("HYBRID+exclude5", new Condition(excluded, true));
            scopes.put("HYBRID+exclude5 (filter)", new Condition(excluded, false));
            scopes.put("HYBRID+exclude5 absent ids", new Condition(ClauseFilter.NONE.excluding(
                    List.of("absent-1", "absent-2", "absent-3", "absent-4", "absent-5")), true));
            scopes.put("HYBRID+scope20", new Condition(scoped, true));
            System.out.printf("excluded: %d clauses of %d%n", excluded.excludedDocumentIds().stream()
                    .mapToInt(id -> store.clausesOf(id).size()).sum(), store.clauseCount());
            Map<String, long[]> scopeNanos = new LinkedHashMap<>();
            int rounds = Integer.getInteger("scopeRounds", 3);
            scopes.keySet().forEach(k -> scopeNanos.put(k, new long[questions.size() * rounds]));
            int differing = 0;
            for (int round = 0; round < rounds; round++) {
                for (int i = 0; i < questions.size(); i++) {
                    String q = questions.get(i);
                    float[] v = model.embedQuery(q).vector();
                    List<String> labels = new ArrayList<>(scopes.keySet());
                    java.util.Collections.rotate(labels, i + round);
                    Map<String, List<SearchHit>> hits = new java.util.HashMap<>();
                    for (String label : labels) {
                        Condition c = scopes.get(label);
                        store.useExclusionViews(c.views());
                        long t0 = System.nanoTime();
                        hits.put(label, store.search(SearchQuery.hybrid(q, v, 10, c.filter())));
                        scopeNanos.get(label)[round * questions.size() + i] = System.nanoTime() - t0;
                    }
                    store.useExclusionViews(true);
                    if (!hits.get("HYBRID+exclude5").equals(hits.get("HYBRID+exclude5 (filter)"))) {
                        differing++;
                    }
                }
            }
            System.out.printf("scope rounds: %d × %d questions; exclusion view vs filter: %d searches with different "
                    + "hits%n", rounds, questions.size(), differing);
            scopeNanos.forEach((label, nanos) -> {
                Arrays.sort(nanos);
                System.out.printf("scope %-26s p50=%6.2f ms p95=%6.2f ms max=%6.1f ms%n", label,
                        nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6,
                        nanos[nanos.length - 1] / 1e6);
            });
            String firstId = Ids.documentId(bySource.keySet().iterator().next());
            long r0 = System.nanoTime();
            List<IndexedClause> cl = store.clausesOf(firstId);
            DocumentRecord record = store.findDocument(firstId).orElseThrow();
            System.out.printf("clausesOf (%d clauses with vectors) + findDocument: %.1f ms%n", cl.size(),
                    (System.nanoTime() - r0) / 1e6);
            int n = 20;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                store.replaceDocument(record, cl);
            }
            System.out.printf("single replaceDocument with commit: %.1f ms each%n", (System.nanoTime() - t0) / 1e6 / n);
        }
    }

    private static float[] randomUnit(Random random, int dim) {
        float[] v = new float[dim];
        double norm = 0;
        for (int i = 0; i < dim; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dim; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
