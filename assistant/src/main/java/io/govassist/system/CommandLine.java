package io.govassist.system;

import io.govassist.eval.EvalCommand;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Command-line mode: {@code java -jar govassist.jar ingest PATH...} ingests files or directories (recursively,
 * sources relative to each given directory), prints a progress bar and a summary, and exits (0: all fine,
 * 1: some files failed, 2: usage error). {@code eval QUESTIONS.jsonl …} measures retrieval quality ({@link EvalCommand}).
 */
@Component
@Profile("cli")
public class CommandLine implements ApplicationRunner, ExitCodeGenerator {

    private static final Set<String> COMMANDS = Set.of("ingest", "eval");

    private final IngestionPipeline pipeline;
    private final EvalCommand eval;
    private int exitCode;

    CommandLine(IngestionPipeline pipeline, EvalCommand eval) {
        this.pipeline = pipeline;
        this.eval = eval;
    }

    public static boolean isCommand(String arg) {
        return COMMANDS.contains(arg);
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty()) {
            return;
        }
        if ("eval".equals(words.get(0))) {
            // raw arguments: "--topK 100" is an option with a value here, not a Spring property
            List<String> raw = List.of(args.getSourceArgs());
            exitCode = eval.run(raw.subList(raw.indexOf("eval") + 1, raw.size()), System.out, System.err);
        } else if ("ingest".equals(words.get(0))) {
            exitCode = ingest(words.subList(1, words.size()), System.out, System.err);
        }
    }

    int ingest(List<String> paths, PrintStream out, PrintStream err) {
        if (paths.isEmpty()) {
            err.println("usage: java -jar govassist.jar ingest PATH...   (files or directories)");
            return 2;
        }
        List<IngestResult> results = new ArrayList<>();
        for (String arg : paths) {
            Path root = Path.of(arg);
            if (!Files.exists(root)) {
                results.add(IngestResult.failed(arg, "NOT_FOUND", "路径不存在：" + arg));
                continue;
            }
            long start = System.nanoTime();
            err.println("Ingesting " + root.toAbsolutePath().normalize());
            results.addAll(pipeline.ingestTree(root, p -> progress(err, p, start)));
            err.println();
        }
        summary(out, results);
        return results.stream().anyMatch(IngestResult::failed) ? 1 : 0;
    }

    private static void progress(PrintStream err, IngestionPipeline.Progress p, long start) {
        int width = 30;
        int filled = p.total() == 0 ? width : p.done() * width / p.total();
        double seconds = (System.nanoTime() - start) / 1e9;
        err.printf("\r[%s%s] %d/%d files  %.0fs", "#".repeat(filled), ".".repeat(width - filled), p.done(), p.total(),
                seconds);
        if (p.latest().failed()) {
            err.printf("%n  failed: %s: %s%n", p.latest().source(), p.latest().message());
        }
        err.flush();
    }

    static void summary(PrintStream out, List<IngestResult> results) {
        long ingested = results.stream().filter(r -> r.status() == IngestResult.Status.INGESTED).count();
        long updated = results.stream().filter(r -> r.status() == IngestResult.Status.UPDATED).count();
        long unchanged = results.stream().filter(r -> r.status() == IngestResult.Status.UNCHANGED).count();
        List<IngestResult> failed = results.stream().filter(IngestResult::failed).toList();
        int clauses = results.stream().filter(r -> r.status() == IngestResult.Status.INGESTED
                || r.status() == IngestResult.Status.UPDATED).mapToInt(IngestResult::clauses).sum();
        out.printf("ingested: %d  updated: %d  unchanged: %d  failed: %d  (clauses stored: %d)%n", ingested, updated,
                unchanged, failed.size(), clauses);
        for (IngestResult r : failed) {
            out.printf("  FAILED %s: %s [%s]%n", r.source(), r.message(), r.errorCode());
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
