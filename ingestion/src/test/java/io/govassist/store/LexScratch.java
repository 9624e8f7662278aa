package io.govassist.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govassist.ingestion.Clause;
import io.govassist.ingestion.Ids;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.*;

public final class LexScratch {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path stard = Path.of(args[1]);
        String schema = args[2];
        List<AnalyzerRecallBenchmark.Article> articles = AnalyzerRecallBenchmark.readArticles(root);
        Map<String, List<AnalyzerRecallBenchmark.Article>> bySource = new LinkedHashMap<>();
        for (AnalyzerRecallBenchmark.Article a : articles) {
            bySource.computeIfAbsent(a.key().substring(0, a.key().indexOf('#')), k -> new ArrayList<>()).add(a);
        }
        Random random = new Random(42);
        EmbeddingSpace space = new EmbeddingSpace("random", 512);
        var ds = PostgresTestDatabase.dataSource(schema);
        boolean fresh = !Files.exists(Path.of("/tmp/pgv/lex-lucene"));
        try (LuceneClauseStore lucene = LuceneClauseStore.open(Path.of("/tmp/pgv/lex-lucene"));
             PgVectorClauseStore pg = PgVectorClauseStore.open(ds, PgVectorClauseStore.Settings.DEFAULTS)) {
            lucene.bindEmbeddingSpace(space);
            pg.bindEmbeddingSpace(space);
            if (fresh) {
                long tl = 0, tp = 0;
                try (var bulk = lucene.beginBulk()) {
                    for (var e : bySource.entrySet()) {
                        String docId = Ids.documentId(e.getKey());
                        List<IndexedClause> clauses = new ArrayList<>();
                        int occ = 0;
                        for (var a : e.getValue()) {
                            String label = a.key().substring(a.key().indexOf('#') + 1);
                            Clause c = new Clause(List.of(label), List.of(label), label, a.text(), ResponsibleUnits.NONE, 0);
                            float[] v = new float[512];
                            for (int i = 0; i < v.length; i++) v[i] = (float) random.nextGaussian();
                            clauses.add(new IndexedClause(Ids.clauseId(docId, c.markers(), 0, occ++), clauses.size(), c, a.text(), v));
                        }
                        DocumentRecord r = new DocumentRecord(docId, e.getKey(), Ids.sha256(e.getKey()),
                                new PolicyMetadata(Path.of(e.getKey()).getFileName().toString(), null, e.getKey().split("/")[0], null, null), clauses.size(), Instant.now());
                        long t0 = System.nanoTime();
                        lucene.replaceDocument(r, clauses);
                        long t1 = System.nanoTime();
                        pg.replaceDocument(r, clauses);
                        long t2 = System.nanoTime();
                        tl += t1 - t0; tp += t2 - t1;
                    }
                }
                System.out.printf("ingest lucene %.1fs pg %.1fs%n", tl / 1e9, tp / 1e9);
            }
            System.out.printf("lucene %d pg %d clauses%n", lucene.clauseCount(), pg.clauseCount());
            ObjectMapper json = new ObjectMapper();
            List<String> qs = new ArrayList<>();
            List<Set<String>> golds = new ArrayList<>();
            for (String line : Files.readAllLines(stard)) {
                if (line.isBlank()) continue;
                JsonNode n = json.readTree(line);
                Set<String> gold = new HashSet<>();
                for (JsonNode g : n.get("gold")) for (JsonNode c : g.get("clause")) gold.add(g.get("source").asText() + "#" + c.asText());
                qs.add(n.get("question").asText());
                golds.add(gold);
            }
            int n = Integer.parseInt(args.length > 3 ? args[3] : "300");
            for (ClauseStore s : List.of(lucene, pg)) {
                double r10 = 0, r100 = 0;
                long nanos = 0;
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    List<SearchHit> hits = s.search(new SearchQuery(qs.get(i), null, 100, ClauseFilter.NONE, RetrievalMode.LEXICAL, 1, 1, 60, 100));
                    nanos += System.nanoTime() - t0;
                    Set<String> f10 = new HashSet<>(), f100 = new HashSet<>();
                    for (int r = 0; r < hits.size(); r++) {
                        String key = hits.get(r).source() + "#" + hits.get(r).clauseLabel();
                        if (golds.get(i).contains(key)) { f100.add(key); if (r < 10) f10.add(key); }
                    }
                    r10 += (double) f10.size() / golds.get(i).size();
                    r100 += (double) f100.size() / golds.get(i).size();
                }
                System.out.printf("%s recall@10=%.3f recall@100=%.3f avg=%.1fms%n", s.getClass().getSimpleName(), r10 / n, r100 / n, nanos / 1e6 / n);
            }
        }
    }
}
