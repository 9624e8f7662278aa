package io.govassist.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.govassist.ingestion.Ids;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.store.EmbeddingSpace;
import io.govassist.store.IndexedClause;
import io.govassist.store.LexicalAnalyzer;
import io.govassist.store.LuceneClauseStore;
import io.govassist.store.PgVectorClauseStore;
import io.govassist.store.RetrievalMode;
import io.govassist.store.SearchHit;
import io.govassist.store.SearchQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PostgreSQL + pgvector versus the embedded Lucene store, in one run on the same data. Not a test: a runnable main
 * (see {@code docs/benchmarks.md} for the command). It reads documents, clauses and vectors from an existing embedded
 * index (built once by {@code govassist.jar ingest}; nothing is re-embedded), writes them into a fresh Lucene index
 * and a fresh PostgreSQL schema (timed: store write throughput), embeds STARD questions, then measures for both
 * stores: search latency p50/p95 with one client, QPS with 8 clients, recall of the vector index against an exact
 * scan (without and with a document filter), and STARD retrieval quality (lexical, dense, hybrid).
 *
 * <pre>StoreBenchmark INDEX_DIR STARD_JSONL JDBC_URL [queries=200] [efSearch values=40,100,200] [seconds=20]</pre>
 */
public final class StoreBenchmark {

    private static final Pattern CONTAINER = Pattern.compile("^第.+[编章节]$");

    private record Question(String text, float[] vector, Set<String> gold, Set<String> goldDocuments) {
    }

    public static void main(String[] args) throws Exception {
        Path sourceIndex = Path.of(args[0]);
        Path stard = Path.of(args[1]);
        String jdbcUrl = args[2];
        int queryCount = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        List<Integer> efValues = args.length > 4 ? Arrays.stream(args[4].split(",")).map(Integer::parseInt).toList()
                : List.of(40, 100, 200);
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 20;

        // ---------------------------------------------------------------- the corpus, as embedded once
        long t0 = System.nanoTime();
        Map<DocumentRecord, List<IndexedClause>> corpus = new LinkedHashMap<>();
        EmbeddingSpace space;
        try (LuceneClauseStore source = LuceneClauseStore.open(sourceIndex)) {
            space = source.embeddingSpace().orElseThrow();
            for (DocumentRecord d : source.listDocuments()) {
                corpus.put(d, source.clausesOf(d.id()));
            }
        }
        long clauses = corpus.values().stream().mapToLong(List::size).sum();
        System.out.printf("corpus: %d documents, %d clauses (%s, %d dims), read in %.1f s%n", corpus.size(), clauses,
                space.modelId(), space.dimension(), (System.nanoTime() - t0) / 1e9);

        Path luceneDir = Files.createTempDirectory("store-benchmark-lucene-");
        String schema = "store_benchmark";
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public");
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public");
        hc.setMaximumPoolSize(12);
        try (HikariDataSource pool = new HikariDataSource(hc);
             LuceneClauseStore lucene = LuceneClauseStore.open(luceneDir);
             PgVectorClauseStore pg = PgVectorClauseStore.open(pool, PgVectorClauseStore.Settings.DEFAULTS)) {
            lucene.bindEmbeddingSpace(space);
            pg.bindEmbeddingSpace(space);

            // ------------------------------------------------------------ store write throughput
            long l0 = System.nanoTime();
            try (ClauseStore.BulkSession bulk = lucene.beginBulk()) {
                corpus.forEach(lucene::replaceDocument);
            }
            double luceneSeconds = (System.nanoTime() - l0) / 1e9;
            long p0 = System.nanoTime();
            corpus.forEach(pg::replaceDocument);
            double pgSeconds = (System.nanoTime() - p0) / 1e9;
            System.out.printf("%n| store write (vectors given, 1 writer) | documents | clauses | seconds | clauses/s |%n"
                    + "| --- | --- | --- | --- | --- |%n");
            System.out.printf("| embedded Lucene (bulk session, one commit per 100 docs in real imports) | %d | %d | "
                    + "%.1f | %.0f |%n", lucene.documentCount(), lucene.clauseCount(), luceneSeconds,
                    clauses / luceneSeconds);
            System.out.printf("| PostgreSQL + pgvector (one transaction per document) | %d | %d | %.1f | %.0f |%n",
                    pg.documentCount(), pg.clauseCount(), pgSeconds, clauses / pgSeconds);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE store_clause");
                var rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('store_clause')), "
                        + "pg_size_pretty(pg_relation_size('store_clause_embedding')), "
                        + "pg_size_pretty(pg_relation_size('store_clause_lexemes'))");
                rs.next();
                System.out.printf("PostgreSQL sizes: store_clause total %s, HNSW index %s, GIN index %s%n",
                        rs.getString(1), rs.getString(2), rs.getString(3));
            }

            // ------------------------------------------------------------ questions
            List<Question> questions = questions(stard, queryCount, corpus.keySet());
            System.out.printf("%n%d STARD questions embedded%n", questions.size());

            // ------------------------------------------------------------ latency and throughput
            Map<String, ClauseStore> stores = new LinkedHashMap<>();
            stores.put("embedded Lucene", lucene);
            stores.put("PostgreSQL + pgvector", pg);
            System.out.printf("%n| store | mode | p50 ms (1 client) | p95 ms (1 client) | QPS (8 clients) |%n"
                    + "| --- | --- | --- | --- | --- |%n");
            for (RetrievalMode mode : List.of(RetrievalMode.HYBRID, RetrievalMode.DENSE, RetrievalMode.LEXICAL)) {
                for (Map.Entry<String, ClauseStore> e : stores.entrySet()) {
                    Function<Question, SearchQuery> q = qu -> new SearchQuery(qu.text(),
                            mode == RetrievalMode.LEXICAL ? null : qu.vector(), 10, ClauseFilter.NONE, mode, 1, 1, 60,
                            100);
                    for (int i = 0; i < 30; i++) {
                        e.getValue().search(q.apply(questions.get(i % questions.size())));
                    }
                    double[] ms = new double[questions.size()];
                    for (int i = 0; i < questions.size(); i++) {
                        long s0 = System.nanoTime();
                        e.getValue().search(q.apply(questions.get(i)));
                        ms[i] = (System.nanoTime() - s0) / 1e6;
                    }
                    Arrays.sort(ms);
                    double qps = throughput(e.getValue(), questions, q, 8, seconds);
                    System.out.printf("| %s | %s | %.1f | %.1f | %.0f |%n", e.getKey(), mode, ms[ms.length / 2],
                            ms[(int) Math.ceil(ms.length * 0.95) - 1], qps);
                }
            }

            // ------------------------------------------------------------ recall of the vector indexes
            System.out.printf("%n| vector search vs exact scan | candidates | recall@10 | recall@candidates | p50 ms |%n"
                    + "| --- | --- | --- | --- | --- |%n");
            List<IndexedClause> all = corpus.values().stream().flatMap(List::stream).toList();
            Map<String, String> documentOf = new LinkedHashMap<>();
            corpus.forEach((d, cs) -> cs.forEach(c -> documentOf.put(c.id(), d.id())));
            List<List<String>> exact = new ArrayList<>();
            List<List<String>> exactFiltered = new ArrayList<>();
            for (Question q : questions) {
                exact.add(exactTop(all, q.vector(), 100));
                List<IndexedClause> subset = all.stream()
                        .filter(c -> q.goldDocuments().contains(documentOf.get(c.id()))).toList();
                exactFiltered.add(exactTop(subset, q.vector(), 100));
            }
            for (int candidates : List.of(10, 100)) {
                recallRow("embedded Lucene HNSW, no filter", lucene, questions, exact, false, candidates);
            }
            recallRow("embedded Lucene HNSW, gold-document filter", lucene, questions, exactFiltered, true, 100);
            for (int ef : efValues) {
                try (PgVectorClauseStore tuned = PgVectorClauseStore.open(pool,
                        new PgVectorClauseStore.Settings(LexicalAnalyzer.DEFAULT, ef, 0))) {
                    tuned.bindEmbeddingSpace(space);
                    for (int candidates : List.of(10, 100)) {
                        if (candidates <= ef || candidates == 100) {
                            recallRow("pgvector HNSW ef_search=max(" + ef + ", candidates), no filter", tuned,
                                    questions, exact, false, candidates);
                        }
                    }
                    recallRow("pgvector HNSW ef_search=max(" + ef + ", candidates) + iterative scan, "
                            + "gold-document filter", tuned, questions, exactFiltered, true, 100);
                }
            }
            recallRow("pgvector default (a document filter of ≤ 10,000 clauses is scanned exactly)", pg, questions,
                    exactFiltered, true, 100);

            // ------------------------------------------------------------ retrieval quality and agreement
            System.out.printf("%n| STARD (%d questions) | store | recall@10 | recall@100 | MRR@100 |%n"
                    + "| --- | --- | --- | --- | --- |%n", questions.size());
            for (RetrievalMode mode : RetrievalMode.values()) {
                for (Map.Entry<String, ClauseStore> e : stores.entrySet()) {
                    double r10 = 0;
                    double r100 = 0;
                    double mrr = 0;
                    for (Question q : questions) {
                        List<SearchHit> hits = e.getValue().search(new SearchQuery(q.text(),
                                mode == RetrievalMode.LEXICAL ? null : q.vector(), 100, ClauseFilter.NONE, mode, 1, 1,
                                60, 100));
                        Set<String> f10 = new HashSet<>();
                        Set<String> f100 = new HashSet<>();
                        double rr = 0;
                        for (int r = 0; r < hits.size(); r++) {
                            String g = matchedGold(hits.get(r), q.gold());
                            if (g != null) {
                                f100.add(g);
                                if (r < 10) {
                                    f10.add(g);
                                }
                                if (rr == 0) {
                                    rr = 1.0 / (r + 1);
                                }
                            }
                        }
                        r10 += (double) f10.size() / q.gold().size();
                        r100 += (double) f100.size() / q.gold().size();
                        mrr += rr;
                    }
                    int n = questions.size();
                    System.out.printf("| %s | %s | %.3f | %.3f | %.3f |%n", mode, e.getKey(), r10 / n, r100 / n,
                            mrr / n);
                }
            }
            System.out.printf("%n| agreement of the two stores (top-10) | same top-1 | mean overlap of top-10 |%n"
                    + "| --- | --- | --- |%n");
            for (RetrievalMode mode : RetrievalMode.values()) {
                int sameTop = 0;
                double overlap = 0;
                for (Question q : questions) {
                    SearchQuery sq = new SearchQuery(q.text(), mode == RetrievalMode.LEXICAL ? null : q.vector(), 10,
                            ClauseFilter.NONE, mode, 1, 1, 60, 100);
                    List<String> a = lucene.search(sq).stream().map(SearchHit::clauseId).toList();
                    List<String> b = pg.search(sq).stream().map(SearchHit::clauseId).toList();
                    if (!a.isEmpty() && !b.isEmpty() && a.get(0).equals(b.get(0))) {
                        sameTop++;
                    }
                    Set<String> common = new HashSet<>(a);
                    common.retainAll(b);
                    overlap += a.isEmpty() ? 1 : (double) common.size() / a.size();
                }
                System.out.printf("| %s | %.2f | %.2f |%n", mode, (double) sameTop / questions.size(),
                        overlap / questions.size());
            }
        } finally {
            try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
            deleteTree(luceneDir);
        }
    }

    private static List<Question> questions(Path stard, int n, Set<DocumentRecord> documents) throws Exception {
        Set<String> sources = documents.stream().map(DocumentRecord::source).collect(Collectors.toSet());
        ObjectMapper json = new ObjectMapper();
        List<Question> out = new ArrayList<>();
        try (OnnxBertEmbeddingModel model = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled())) {
            for (String line : Files.readAllLines(stard)) {
                if (line.isBlank() || out.size() >= n) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                Set<String> gold = new HashSet<>();
                Set<String> goldDocuments = new HashSet<>();
                for (JsonNode g : node.get("gold")) {
                    String source = g.get("source").asText();
                    if (!sources.contains(source)) {
                        continue;
                    }
                    List<String> markers = new ArrayList<>();
                    g.get("clause").forEach(m -> markers.add(nfkc(m.asText())));
                    gold.add(source + "#" + String.join("/", markers));
                    goldDocuments.add(Ids.documentId(source));
                }
                if (gold.isEmpty()) {
                    continue;
                }
                String text = node.get("question").asText();
                out.add(new Question(text, model.embedQuery(text).vector(), gold, goldDocuments));
            }
        }
        return out;
    }

    /** The gold a hit matches: same source, gold markers a prefix of the hit's markers without 编/章/节. */
    private static String matchedGold(SearchHit hit, Set<String> gold) {
        List<String> markers = hit.markers().stream().map(StoreBenchmark::nfkc)
                .filter(m -> !CONTAINER.matcher(m).matches()).toList();
        for (int len = 1; len <= markers.size(); len++) {
            String key = hit.source() + "#" + String.join("/", markers.subList(0, len));
            if (gold.contains(key)) {
                return key;
            }
        }
        return null;
    }

    private static String nfkc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    private static double throughput(ClauseStore store, List<Question> questions, Function<Question, SearchQuery> q,
                                     int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int offset = t * 17;
            futures.add(pool.submit(() -> {
                int i = offset;
                while (System.nanoTime() < end) {
                    store.search(q.apply(questions.get(i++ % questions.size())));
                    done.incrementAndGet();
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        return done.get() / (double) seconds;
    }

    private static void recallRow(String label, ClauseStore store, List<Question> questions,
                                  List<List<String>> exact, boolean filtered, int candidates) {
        double r10 = 0;
        double r100 = 0;
        double[] ms = new double[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            ClauseFilter filter = filtered ? ClauseFilter.documents(List.copyOf(q.goldDocuments())) : ClauseFilter.NONE;
            long s0 = System.nanoTime();
            List<String> got = store.search(new SearchQuery(q.text(), q.vector(), candidates, filter,
                    RetrievalMode.DENSE, 1, 1, 60, candidates)).stream().map(SearchHit::clauseId).toList();
            ms[i] = (System.nanoTime() - s0) / 1e6;
            List<String> truth = exact.get(i);
            r10 += recall(got, truth, 10);
            r100 += recall(got, truth, candidates);
        }
        Arrays.sort(ms);
        System.out.printf("| %s | %d | %.3f | %.3f | %.1f |%n", label, candidates, r10 / questions.size(),
                r100 / questions.size(), ms[ms.length / 2]);
    }

    private static double recall(List<String> got, List<String> truth, int k) {
        List<String> want = truth.subList(0, Math.min(k, truth.size()));
        if (want.isEmpty()) {
            return 1;
        }
        Set<String> top = new HashSet<>(got.subList(0, Math.min(k, got.size())));
        return want.stream().filter(top::contains).count() / (double) want.size();
    }

    /** Exact nearest clauses by cosine (stored vectors are unit length), ties by clause id like the stores. */
    private static List<String> exactTop(List<IndexedClause> clauses, float[] q, int k) {
        record Scored(String id, double score) {
        }
        List<Scored> scored = new ArrayList<>(clauses.size());
        for (IndexedClause c : clauses) {
            float[] v = c.vector();
            double dot = 0;
            for (int i = 0; i < v.length; i++) {
                dot += q[i] * v[i];
            }
            scored.add(new Scored(c.id(), dot));
        }
        scored.sort((a, b) -> a.score() != b.score() ? Double.compare(b.score(), a.score()) : a.id().compareTo(b.id()));
        return scored.subList(0, Math.min(k, scored.size())).stream().map(Scored::id).toList();
    }

    private static void deleteTree(Path dir) throws Exception {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
