package io.govassist.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govassist.ingestion.ClauseAwareSplitter;
import io.govassist.ingestion.Clause;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.ingestion.ParsedPolicy;
import io.govassist.ingestion.PolicyReader;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.search.HybridClauseRetriever;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * {@code java -jar govassist.jar benchmark CORPUS_DIR QUESTIONS.jsonl [--sample=N] [--queries=N]}: ingests a corpus
 * into the configured (empty) store and reports, as a Markdown table, ingestion throughput beside the raw model
 * throughput measured in the same run (on a random sample of the same contextual clause texts, before and after
 * the ingestion, averaged), index size on disk, and hybrid search latency (query embedding included).
 */
@Component
@Profile("cli")
class IngestBenchmark implements ApplicationRunner, ExitCodeGenerator {

    private final IngestionPipeline pipeline;
    private final PolicyReader reader;
    private final QueryAwareEmbeddingModel model;
    private final ClauseStore store;
    private final HybridClauseRetriever retriever;
    private final GovAssistProperties properties;
    private int exitCode;

    IngestBenchmark(IngestionPipeline pipeline, PolicyReader reader, QueryAwareEmbeddingModel model, ClauseStore store,
                    HybridClauseRetriever retriever, GovAssistProperties properties) {
        this.pipeline = pipeline;
        this.reader = reader;
        this.model = model;
        this.store = store;
        this.retriever = retriever;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !"benchmark".equals(words.get(0))) {
            return;
        }
        if (words.size() != 3) {
            System.err.println("usage: java -jar govassist.jar benchmark CORPUS_DIR QUESTIONS.jsonl [--sample=2000] [--queries=200]");
            exitCode = 2;
            return;
        }
        int sample = intOption(args, "sample", 2000);
        int queries = intOption(args, "queries", 200);
        exitCode = run(Path.of(words.get(1)), Path.of(words.get(2)), sample, queries, System.out);
    }

    int run(Path corpus, Path questionsFile, int sampleSize, int queryCount, PrintStream out) {
        if (store.clauseCount() > 0) {
            System.err.println("The benchmark needs an empty store: use a fresh --govassist.data-dir");
            return 2;
        }
        List<String> questions = questions(questionsFile, queryCount);
        List<String> sample = sampleTexts(corpus, sampleSize);
        System.err.printf("raw model throughput on %d clause texts …%n", sample.size());
        double rawBefore = rawThroughput(sample);

        System.err.println("ingesting " + corpus + " …");
        long start = System.nanoTime();
        List<IngestResult> results = pipeline.ingestTree(corpus, p -> {
            if (p.done() % 100 == 0 || p.done() == p.total()) {
                System.err.printf("  %d/%d files%n", p.done(), p.total());
            }
        });
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        double rawAfter = rawThroughput(sample);
        long clauses = store.clauseCount();
        long failed = results.stream().filter(IngestResult::failed).count();
        double ingestRate = clauses / ingestSeconds;
        double raw = (rawBefore + rawAfter) / 2;

        for (int i = 0; i < Math.min(20, questions.size()); i++) {
            retriever.search(questions.get(i), 10, ClauseFilter.NONE);
        }
        long[] nanos = new long[questions.size()];
        for (int i = 0; i < questions.size(); i++) {
            long t = System.nanoTime();
            retriever.search(questions.get(i), 10, ClauseFilter.NONE);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);

        out.printf("Machine: %d cores, %.0f GB heap max; date %s%n%n", Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / 1e9, LocalDate.now());
        out.println("| measure | value |");
        out.println("| --- | --- |");
        out.printf("| files ingested / failed | %d / %d |%n", results.size() - failed, failed);
        out.printf("| clauses stored | %d |%n", clauses);
        out.printf("| ingestion wall time | %.1f s |%n", ingestSeconds);
        out.printf("| ingestion throughput (parse + embed + index) | %.1f clauses/s |%n", ingestRate);
        out.printf("| raw model throughput, same texts (before / after) | %.1f / %.1f texts/s |%n", rawBefore, rawAfter);
        out.printf("| ingestion ÷ raw model | %.0f %% |%n", 100 * ingestRate / raw);
        out.printf("| index size on disk | %.1f MB |%n", sizeOf(properties.dataDir().resolve("index")) / 1e6);
        out.printf("| hybrid search p50 / p95 (%d queries, embedding included) | %.1f / %.1f ms |%n", nanos.length,
                percentile(nanos, 50), percentile(nanos, 95));
        return 0;
    }

    private double rawThroughput(List<String> texts) {
        model.embedPassages(texts.subList(0, Math.min(50, texts.size())));
        long t = System.nanoTime();
        model.embedPassages(texts);
        return texts.size() / ((System.nanoTime() - t) / 1e9);
    }

    /** Contextual texts (exactly what ingestion embeds) of clauses drawn at random from the corpus. */
    private List<String> sampleTexts(Path corpus, int size) {
        List<Path> files = new ArrayList<>(IngestionPipeline.listFiles(corpus));
        Collections.shuffle(files, new Random(42));
        List<String> texts = new ArrayList<>();
        for (Path file : files) {
            if (texts.size() >= size * 3) {
                break;
            }
            try {
                ParsedPolicy parsed = reader.read(corpus.relativize(file).toString(), Files.readAllBytes(file));
                for (Clause c : parsed.clauses()) {
                    texts.add(ClauseAwareSplitter.contextualText(parsed.metadata(), c));
                }
            } catch (IOException | RuntimeException e) {
                // unreadable files are skipped in the sample; the ingestion reports them
            }
        }
        Collections.shuffle(texts, new Random(7));
        return texts.subList(0, Math.min(size, texts.size()));
    }

    private static List<String> questions(Path file, int n) {
        ObjectMapper json = new ObjectMapper();
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).limit(n).map(l -> {
                try {
                    JsonNode node = json.readTree(l);
                    return node.has("question") ? node.get("question").asText() : l;
                } catch (IOException e) {
                    return l;
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            return -1;
        }
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static int intOption(ApplicationArguments args, String name, int fallback) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() ? fallback : Integer.parseInt(values.get(0));
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
