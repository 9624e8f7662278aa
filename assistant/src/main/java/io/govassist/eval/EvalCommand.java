package io.govassist.eval;

import io.govassist.system.CliCommand;
import io.govassist.search.HybridClauseRetriever;
import io.govassist.knowledge.KnowledgeBases;
import io.govassist.knowledge.SearchScope;
import io.govassist.store.ClauseStore;
import io.govassist.store.RetrievalMode;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code java -jar govassist.jar eval QUESTIONS.jsonl [--topK 100] [--json] [--misses FILE] [--mode hybrid|dense|lexical]
 * [--plot FILE.png] [--knowledge-base ID]}: runs a question set against the configured store with the configured
 * search settings and prints hit@1/3/10, recall@5/10/100, MRR@10 and latency; the questions with a missing gold clause
 * go to the misses file. With a knowledge base, searches only its documents, as a search request naming it does.
 * Exit codes: 0 done, 2 bad arguments (an unknown knowledge base included) or question file.
 */
@Component
@Profile("cli")
public class EvalCommand implements CliCommand {

    static final String USAGE = "usage: java -jar govassist.jar eval QUESTIONS.jsonl [--topK 100] [--json] "
            + "[--misses FILE] [--mode hybrid|dense|lexical] [--plot FILE.png] [--knowledge-base ID]";

    private final HybridClauseRetriever retriever;
    private final ClauseStore store;
    private final KnowledgeBases knowledgeBases;

    EvalCommand(HybridClauseRetriever retriever, ClauseStore store, KnowledgeBases knowledgeBases) {
        this.retriever = retriever;
        this.store = store;
        this.knowledgeBases = knowledgeBases;
    }

    /** Parsed arguments; Spring settings ({@code --name=value} with a dot in the name) are skipped. */
    record Options(Path questions, int topK, boolean json, Path misses, RetrievalMode mode, Path plot,
                   String knowledgeBase) {

        static Options parse(List<String> args) {
            Path questions = null;
            int topK = 100;
            boolean json = false;
            Path misses = Path.of("eval-misses.jsonl");
            RetrievalMode mode = RetrievalMode.HYBRID;
            Path plot = null;
            String knowledgeBase = null;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                    if (name.contains(".")) {
                        continue;
                    }
                }
                switch (name) {
                    case "--json" -> json = true;
                    case "--topK", "--top-k" -> {
                        String v = value != null ? value : CommandArguments.next(args, ++i, name);
                        try {
                            topK = Integer.parseInt(v);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--topK must be a number: " + v);
                        }
                        if (topK < 1 || topK > 1000) {
                            throw new IllegalArgumentException("--topK must be between 1 and 1000: " + topK);
                        }
                    }
                    case "--misses" -> misses = Path.of(value != null ? value : CommandArguments.next(args, ++i, name));
                    case KnowledgeBaseOption.NAME -> knowledgeBase = value != null ? value
                            : CommandArguments.next(args, ++i, name);
                    case "--plot" -> plot = Path.of(value != null ? value : CommandArguments.next(args, ++i, name));
                    case "--mode" -> {
                        String v = value != null ? value : CommandArguments.next(args, ++i, name);
                        try {
                            mode = RetrievalMode.valueOf(v.toUpperCase(Locale.ROOT));
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException("--mode must be hybrid, dense or lexical: " + v);
                        }
                    }
                    default -> {
                        if (arg.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        if (questions != null) {
                            throw new IllegalArgumentException("one question file only, got " + questions + " and " + arg);
                        }
                        questions = Path.of(arg);
                    }
                }
            }
            if (questions == null) {
                throw new IllegalArgumentException("no question file given");
            }
            if (knowledgeBase != null && knowledgeBase.isBlank()) {
                throw new IllegalArgumentException(KnowledgeBaseOption.NAME + " needs a value");
            }
            return new Options(questions, topK, json, misses, mode, plot,
                    knowledgeBase == null ? null : knowledgeBase.strip());
        }
    }

    @Override
    public String name() {
        return "eval";
    }

    /** Runs the command with the arguments after {@code eval}; returns the exit code. */
    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        List<EvalQuestion> questions;
        SearchScope scope;
        try {
            options = Options.parse(args);
            scope = KnowledgeBaseOption.resolve(knowledgeBases, options.knowledgeBase());
            questions = EvalQuestions.read(options.questions());
        } catch (NoSuchFileException e) {
            err.println("eval: question file not found: " + e.getFile());
            return 2;
        } catch (IllegalArgumentException | IOException e) {
            err.println("eval: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (store.clauseCount() == 0) {
            err.println("eval: the index is empty; ingest the documents the questions refer to first "
                    + "(java -jar govassist.jar ingest PATH, same --govassist.data-dir)");
            return 2;
        }
        err.printf("eval: %d questions, topK %d, %s search%s%n", questions.size(), options.topK(), options.mode(),
                options.knowledgeBase() == null ? "" : ", knowledge base " + options.knowledgeBase());
        EvalReport report = RetrievalEvaluation.run(questions, options.topK(),
                (q, k) -> retriever.search(q, k, scope.filter(), options.mode()),
                done -> {
                    if (done % 100 == 0 || done == questions.size()) {
                        err.printf("\r%d/%d questions", done, questions.size());
                        err.flush();
                    }
                });
        err.println();
        try {
            report.writeMisses(options.misses());
            if (options.plot() != null) {
                RecallPlot.write(options.plot(), "recall@k: " + options.questions().getFileName(),
                        List.of(new RecallPlot.Series(options.mode().name().toLowerCase(Locale.ROOT),
                                report.recallCurve())), List.of());
            }
        } catch (IOException e) {
            err.println("eval: cannot write " + e.getMessage());
            return 2;
        }
        if (options.json()) {
            out.println(report.toJson().toPrettyString());
        } else {
            out.print(report.table());
        }
        err.println("misses written to " + options.misses().toAbsolutePath()
                + (options.plot() == null ? "" : "; plot written to " + options.plot().toAbsolutePath()));
        return 0;
    }
}
