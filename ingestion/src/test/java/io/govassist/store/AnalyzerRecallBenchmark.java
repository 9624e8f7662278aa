package io.govassist.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lexical-only recall of each {@link LexicalAnalyzer} on STARD (questions with gold law articles). Not a test:
 * run by hand with the unpacked national laws and the STARD file, e.g.
 * <pre>java -cp … io.govassist.store.AnalyzerRecallBenchmark /tmp/lawrefbook_md /work/shared/eval/stard/train.jsonl</pre>
 * Articles are split with a throwaway regex (no parser); each indexed text is title + chapter + article, like
 * {@link IndexedClause#indexedText()}. The query is {@link LexicalQueries#build} — the same BM25 query the store runs.
 */
public final class AnalyzerRecallBenchmark {

    private static final Pattern ARTICLE = Pattern.compile("^(第[一二三四五六七八九十百千零〇]+条)[\\s　]*(.*)$");
    private static final Pattern CHAPTER = Pattern.compile("^#{2,}\\s*(.+)$");

    record Article(String key, String text) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        Path stard = Path.of(args[1]);
        List<String> analyzers = args.length > 2 ? Arrays.asList(args[2].split(","))
                : Stream.concat(Arrays.stream(LexicalAnalyzer.values()).map(Enum::name),
                Stream.of("LUCENE_CJK", "LUCENE_SMARTCN")).toList();
        List<Article> articles = readArticles(root);
        System.out.printf("%d articles%n", articles.size());
        ObjectMapper json = new ObjectMapper();
        List<String> questions = new ArrayList<>();
        List<Set<String>> golds = new ArrayList<>();
        for (String line : Files.readAllLines(stard)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            Set<String> gold = new HashSet<>();
            for (JsonNode g : n.get("gold")) {
                for (JsonNode c : g.get("clause")) {
                    gold.add(g.get("source").asText() + "#" + c.asText());
                }
            }
            questions.add(n.get("question").asText());
            golds.add(gold);
        }
        for (String la : analyzers) {
            long t0 = System.nanoTime();
            try (Analyzer analyzer = analyzer(la); Directory dir = new ByteBuffersDirectory()) {
                try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer).setRAMBufferSizeMB(128))) {
                    for (Article a : articles) {
                        Document d = new Document();
                        d.add(new StoredField("key", a.key()));
                        d.add(new TextField("text", a.text(), Field.Store.NO));
                        w.addDocument(d);
                    }
                }
                long t1 = System.nanoTime();
                try (DirectoryReader reader = DirectoryReader.open(dir)) {
                    IndexSearcher searcher = new IndexSearcher(reader);
                    double r10 = 0, r100 = 0, hit10 = 0, mrr = 0;
                    long queryNanos = 0;
                    for (int i = 0; i < questions.size(); i++) {
                        long q0 = System.nanoTime();
                        Query q = LexicalQueries.build("text", LexicalAnalyzer.tokens(analyzer, questions.get(i)));
                        TopDocs top = q == null ? null : searcher.search(q, 100);
                        queryNanos += System.nanoTime() - q0;
                        Set<String> gold = golds.get(i);
                        Set<String> found10 = new HashSet<>();
                        Set<String> found100 = new HashSet<>();
                        double rr = 0;
                        if (top != null) {
                            ScoreDoc[] sd = top.scoreDocs;
                            for (int r = 0; r < sd.length; r++) {
                                String key = searcher.storedFields().document(sd[r].doc).get("key");
                                if (gold.contains(key)) {
                                    found100.add(key);
                                    if (r < 10) {
                                        found10.add(key);
                                    }
                                    if (rr == 0) {
                                        rr = 1.0 / (r + 1);
                                    }
                                }
                            }
                        }
                        r10 += (double) found10.size() / gold.size();
                        r100 += (double) found100.size() / gold.size();
                        hit10 += found10.isEmpty() ? 0 : 1;
                        mrr += rr;
                    }
                    int n = questions.size();
                    System.out.printf("%-20s recall@10=%.3f recall@100=%.3f hit@10=%.3f MRR@100=%.3f "
                                    + "index=%.1fs query=%.2fms%n", la, r10 / n, r100 / n, hit10 / n, mrr / n,
                            (t1 - t0) / 1e9, queryNanos / 1e6 / n);
                }
            }
        }
    }

    /** A store analyzer, a stock Lucene baseline without our normalisation and stop words. */
    private static Analyzer analyzer(String name) {
        return switch (name) {
            case "LUCENE_CJK" -> new org.apache.lucene.analysis.cjk.CJKAnalyzer();
            case "LUCENE_SMARTCN" -> new org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer();
            default -> name.contains(".") ? instantiate(name) : LexicalAnalyzer.valueOf(name).newAnalyzer();
        };
    }

    /** An experimental analyzer given by class name (must be on the class path, with a no-arg constructor). */
    private static Analyzer instantiate(String className) {
        try {
            return (Analyzer) Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create analyzer " + className, e);
        }
    }

    static List<Article> readArticles(Path root) throws Exception {
        List<Article> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        for (Path f : files) {
            String source = root.relativize(f).toString().replace('\\', '/');
            String title = "";
            String chapter = "";
            String label = null;
            StringBuilder text = new StringBuilder();
            for (String raw : Files.readAllLines(f)) {
                String line = raw.strip();
                if (line.startsWith("# ")) {
                    title = line.substring(2).strip();
                    continue;
                }
                Matcher ch = CHAPTER.matcher(line);
                Matcher art = ARTICLE.matcher(line);
                if (ch.matches() || art.matches()) {
                    if (label != null) {
                        out.add(new Article(source + "#" + label, title + "\n" + chapter + "\n" + text));
                    }
                    label = null;
                    text.setLength(0);
                    if (ch.matches()) {
                        chapter = ch.group(1).strip();
                    } else {
                        label = art.group(1);
                        text.append(line);
                    }
                } else if (label != null && !line.isEmpty()) {
                    text.append('\n').append(line);
                }
            }
            if (label != null) {
                out.add(new Article(source + "#" + label, title + "\n" + chapter + "\n" + text));
            }
        }
        return out;
    }
}
