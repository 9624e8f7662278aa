package io.govassist.eval;

import io.govassist.chat.ChatProperties;
import io.govassist.chat.Citation;
import io.govassist.chat.ClauseContent;
import io.govassist.chat.ConversationContext;
import io.govassist.chat.ExtractiveAnswerComposer;
import io.govassist.chat.PromptInjectionGuard;
import io.govassist.chat.Resolution;
import io.govassist.search.LexicalEvidence;
import io.govassist.system.DemoCorpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.AugmentationRequest;
import dev.langchain4j.rag.RetrievalAugmentor;
import dev.langchain4j.rag.content.Content;
import io.govassist.ingestion.Clause;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.search.HybridClauseRetriever;
import io.govassist.knowledge.KnowledgeBases;
import io.govassist.knowledge.SearchScope;
import io.govassist.store.ClauseStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * {@code java -jar govassist.jar calibrate-refusal IN_SCOPE.jsonl OFF_TOPIC.jsonl [--govassist.data-dir=DIR]}:
 * the trade-off between false refusals (in-scope questions refused) and false answers (off-topic questions
 * answered) for relevance thresholds, on the store of the data directory (the bundled demo corpus is imported first
 * when the store is empty). Prints Markdown: the threshold table, then — at the configured
 * {@code govassist.chat.min-relevance} — the answers' citation accuracy against the gold clauses and the questions
 * decided wrongly.
 *
 * <p>Question files are JSONL with a {@code question}; in-scope lines may carry {@code gold}
 * ({@code [{"source", "clause": ["二、","（十）"]}]}, markers matched as a prefix ignoring 编/章/节; an empty
 * {@code clause} means the preamble). A {@code .csv} file with a header line is read from its second column (the
 * JailBench format). Questions the API would not answer — over {@code max-question-length} or caught by the
 * prompt-injection guard — count as refused, as they are in the full pipeline.
 *
 * <p>{@code --knowledge-base ID} calibrates one knowledge base: the questions are searched and answered within its
 * scope (as a request naming it), the threshold in use is its own {@code refusalThreshold} when set, and the report
 * ends with the threshold to set on it through the admin API. Exit codes: 0 done, 2 bad arguments (an unknown
 * knowledge base included).
 */
@Component
@Profile("cli")
public class RefusalCalibration implements ApplicationRunner, ExitCodeGenerator {

    static final String COMMAND = "calibrate-refusal";
    static final String USAGE = "usage: java -jar govassist.jar " + COMMAND
            + " IN_SCOPE.jsonl OFF_TOPIC.jsonl [--knowledge-base ID]";

    private final HybridClauseRetriever retriever;
    private final RetrievalAugmentor augmentor;
    private final ClauseStore store;
    private final IngestionPipeline pipeline;
    private final ChatProperties settings;
    private final KnowledgeBases knowledgeBases;
    private int exitCode;

    RefusalCalibration(HybridClauseRetriever retriever, RetrievalAugmentor chatRetrievalAugmentor, ClauseStore store,
                       IngestionPipeline pipeline, ChatProperties settings, KnowledgeBases knowledgeBases) {
        this.retriever = retriever;
        this.augmentor = chatRetrievalAugmentor;
        this.store = store;
        this.pipeline = pipeline;
        this.settings = settings;
        this.knowledgeBases = knowledgeBases;
    }

    public record Question(String id, String text, JsonNode gold) {
    }

    @Override
    public void run(ApplicationArguments args) {
        CommandArguments.of(args, COMMAND).ifPresent(a -> exitCode = run(a, System.out, System.err));
    }

    /** Runs the command with the arguments after its name; returns the exit code. */
    int run(List<String> args, PrintStream out, PrintStream err) {
        List<Path> files = new ArrayList<>();
        String knowledgeBase = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (CommandArguments.isSetting(a)) {
                continue;
            }
            if (a.equals(KnowledgeBaseOption.NAME) && i + 1 < args.size()) {
                knowledgeBase = args.get(++i).strip();
            } else if (a.startsWith(KnowledgeBaseOption.NAME + "=")) {
                knowledgeBase = a.substring(KnowledgeBaseOption.NAME.length() + 1).strip();
            } else if (a.startsWith("--")) {
                err.println(COMMAND + ": unexpected argument " + a);
                err.println(USAGE);
                return 2;
            } else {
                files.add(Path.of(a));
            }
        }
        if (files.size() != 2) {
            err.println(USAGE);
            return 2;
        }
        SearchScope scope = KnowledgeBaseOption.resolveOrReport(knowledgeBases, knowledgeBase, COMMAND, err);
        if (scope == null) {
            return 2;
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println(COMMAND + ": question file not found: " + file);
                return 2;
            }
        }
        if (store.clauseCount() == 0) {
            err.println("The store is empty: importing the bundled demo corpus first");
            DemoCorpus.ingestAll(pipeline, store, (result, done) -> { });
        }
        return run(read(files.get(0)), read(files.get(1)), knowledgeBase, scope, out);
    }

    /**
     * @param knowledgeBase the knowledge base whose {@code scope} this is, or {@code null} for all documents
     */
    private int run(List<Question> inScope, List<Question> offTopic, String knowledgeBase, SearchScope scope,
                    PrintStream out) {
        double inUse = scope.refusalThreshold() != null ? scope.refusalThreshold() : settings.minRelevance();
        String configured = scope.refusalThreshold() != null ? " (configured for the knowledge base)" : " (configured)";
        List<double[][]> in = inScope.stream().map(q -> evidence(q.text(), scope)).toList();
        List<double[][]> off = offTopic.stream().map(q -> evidence(q.text(), scope)).toList();
        double weight = settings.lexicalWeight();

        out.printf(Locale.ROOT, "Store: %d documents, %d clauses; %d in-scope and %d off-topic questions; %s%n%n",
                store.listDocuments().size(), store.clauseCount(), in.size(), off.size(), LocalDate.now());
        if (knowledgeBase != null) {
            out.printf(Locale.ROOT, "Knowledge base %s: the questions are searched in its documents only; threshold in "
                    + "use %.2f (%s).%n%n", knowledgeBase, inUse, scope.refusalThreshold() != null
                    ? "its own refusalThreshold" : "none of its own: govassist.chat.min-relevance");
        }
        out.println("Relevance of a question = max over its candidate clauses of (cosine similarity + w × lexical "
                + "coverage); refused below the threshold.");
        out.println();
        out.println("| lexical weight w | thresholds with the fewest errors | false refusals + false answers there |");
        out.println("| --- | --- | --- |");
        for (double w : new double[]{0, 0.1, 0.2, 0.3}) {
            int bestErrors = Integer.MAX_VALUE;
            double from = 0;
            double to = 0;
            for (int t = 30; t <= 90; t++) {
                double threshold = t / 100.0;
                int errors = (int) (count(in, w, r -> r < threshold) + count(off, w, r -> r >= threshold));
                if (errors < bestErrors) {
                    bestErrors = errors;
                    from = threshold;
                    to = threshold;
                } else if (errors == bestErrors && Math.abs(to + 0.01 - threshold) < 1e-9) {
                    to = threshold;
                }
            }
            out.printf(Locale.ROOT, "| %.1f%s | %.2f–%.2f | %d |%n", w, Math.abs(w - weight) < 1e-9 ? " (configured)" : "",
                    from, to, bestErrors);
        }
        out.printf(Locale.ROOT, "%nWith the configured w = %.2f:%n%n", weight);
        out.println("| threshold | false refusals (in-scope refused) | false answers (off-topic answered) |");
        out.println("| --- | --- | --- |");
        int bestErrors = Integer.MAX_VALUE;
        double bestFrom = 0;
        double bestTo = 0;
        for (int t = 45; t <= 75; t++) {
            double threshold = t / 100.0;
            long fr = count(in, weight, r -> r < threshold);
            long fa = count(off, weight, r -> r >= threshold);
            out.printf(Locale.ROOT, "| %.2f%s | %d / %d (%.1f %%) | %d / %d (%.1f %%) |%n", threshold,
                    Math.abs(threshold - inUse) < 1e-9 ? configured : "", fr, in.size(),
                    100.0 * fr / Math.max(1, in.size()), fa, off.size(), 100.0 * fa / Math.max(1, off.size()));
            if (fr + fa < bestErrors) {
                bestErrors = (int) (fr + fa);
                bestFrom = threshold;
                bestTo = threshold;
            } else if (fr + fa == bestErrors && Math.abs(bestTo + 0.01 - threshold) < 1e-9) {
                bestTo = threshold;
            }
        }

        double suggested = Math.round((bestFrom + bestTo) * 50) / 100.0;
        if (knowledgeBase != null) {
            out.printf(Locale.ROOT, "%nFewest errors (%d) at %.2f–%.2f for knowledge base %s. To use %.2f there, set its "
                            + "refusalThreshold: PUT /api/v1/admin/knowledge-bases/%s {\"refusalThreshold\": %.2f} "
                            + "(ADMIN; the other knowledge bases keep theirs).%n", bestErrors, bestFrom, bestTo,
                    knowledgeBase, suggested, knowledgeBase, suggested);
        } else {
            out.printf(Locale.ROOT, "%nFewest errors (%d) at %.2f–%.2f. To use %.2f, set govassist.chat.min-relevance "
                    + "(knowledge bases with a refusalThreshold of their own keep it).%n", bestErrors, bestFrom, bestTo,
                    suggested);
        }

        ExtractiveAnswerComposer composer = new ExtractiveAnswerComposer(settings.maxCitations());
        int answered = 0;
        int withGold = 0;
        int topCorrect = 0;
        int anyCorrect = 0;
        List<String> refused = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (Question q : inScope) {
            List<ClauseContent> clauses = augment(q.text(), scope);
            if (clauses.isEmpty()) {
                refused.add(q.id() + " " + q.text());
                continue;
            }
            answered++;
            if (q.gold() == null || q.gold().isEmpty()) {
                continue;
            }
            withGold++;
            List<Citation> citations = composer.compose(Resolution.standalone(q.text()), clauses).citations();
            if (matches(citations.getFirst(), q.gold())) {
                topCorrect++;
            }
            if (citations.stream().anyMatch(c -> matches(c, q.gold()))) {
                anyCorrect++;
            } else {
                wrong.add(q.id() + " " + q.text() + " → " + citations.getFirst().clauseLabel() + " 《"
                        + citations.getFirst().documentTitle() + "》");
            }
        }
        List<String> falseAnswers = new ArrayList<>();
        for (Question q : offTopic) {
            List<ClauseContent> clauses = augment(q.text(), scope);
            if (!clauses.isEmpty()) {
                falseAnswers.add(q.id() + " " + q.text() + " → " + clauses.getFirst().hit().clauseLabel() + " 《"
                        + clauses.getFirst().hit().documentTitle() + "》");
            }
        }
        out.printf(Locale.ROOT, "%nAt the threshold in use %.2f (full pipeline, extractive answers):%n%n", inUse);
        out.printf("| measure | value |%n| --- | --- |%n");
        out.printf("| in-scope answered | %d / %d |%n", answered, inScope.size());
        out.printf("| off-topic refused | %d / %d |%n", offTopic.size() - falseAnswers.size(), offTopic.size());
        out.printf("| answers whose first citation is a gold clause | %d / %d |%n", topCorrect, withGold);
        out.printf("| answers citing a gold clause at all | %d / %d |%n", anyCorrect, withGold);
        list(out, "In-scope questions refused", refused);
        list(out, "Off-topic questions answered", falseAnswers);
        list(out, "Answers citing no gold clause", wrong);
        return 0;
    }

    private static void list(PrintStream out, String title, List<String> items) {
        out.printf("%n%s: %d%n", title, items.size());
        items.forEach(i -> out.println("- " + i));
    }

    /** (similarity, lexical coverage) of each candidate clause of a question; none for a question the API rejects. */
    private double[][] evidence(String question, SearchScope scope) {
        if (question.length() > settings.maxQuestionLength() || PromptInjectionGuard.isInjection(question)) {
            return new double[0][];
        }
        Set<String> terms = LexicalEvidence.terms(question);
        return retriever.search(question, settings.candidates(), scope.filter()).stream()
                .map(hit -> new double[]{Double.isNaN(hit.similarity()) ? 0 : hit.similarity(),
                        LexicalEvidence.coverage(terms, LexicalEvidence.searchableText(hit))})
                .toArray(double[][]::new);
    }

    private static long count(List<double[][]> questions, double weight, DoublePredicate test) {
        return questions.stream().filter(candidates -> {
            double best = 0;
            for (double[] c : candidates) {
                best = Math.max(best, c[0] + weight * c[1]);
            }
            return test.test(best);
        }).count();
    }

    private List<ClauseContent> augment(String question, SearchScope scope) {
        if (question.length() > settings.maxQuestionLength() || PromptInjectionGuard.isInjection(question)) {
            return List.of();
        }
        ConversationContext context = new ConversationContext("calibration", List.of(), scope.filter(),
                scope.refusalThreshold());
        UserMessage message = UserMessage.from(question);
        List<ClauseContent> out = new ArrayList<>();
        for (Content c : augmentor.augment(new AugmentationRequest(message, context.metadata(message))).contents()) {
            if (c instanceof ClauseContent clause) {
                out.add(clause);
            }
        }
        return out;
    }

    /** Same source, and the gold markers a prefix of the citation's markers without 编/章/节 containers. */
    public static boolean matches(Citation citation, JsonNode gold) {
        List<String> markers = citation.markers().stream()
                .filter(m -> !m.matches("第.+[编章节]"))
                .map(m -> m.replace('(', '（').replace(')', '）'))
                .toList();
        for (JsonNode g : gold) {
            if (!g.path("source").asText().equals(citation.source())) {
                continue;
            }
            List<String> clause = new ArrayList<>();
            g.path("clause").forEach(m -> clause.add(m.asText().replace('(', '（').replace(')', '）')));
            if (clause.isEmpty() ? citation.clauseLabel().equals(Clause.PREAMBLE_LABEL)
                    : markers.size() >= clause.size() && markers.subList(0, clause.size()).equals(clause)) {
                return true;
            }
        }
        return false;
    }

    public static List<Question> read(Path file) {
        if (file.getFileName().toString().endsWith(".csv")) {
            return readCsv(file);
        }
        ObjectMapper json = new ObjectMapper();
        List<Question> out = new ArrayList<>();
        try {
            int line = 0;
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(l);
                out.add(new Question(node.path("id").asText("line-" + line), node.path("question").asText(),
                        node.get("gold")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        return out;
    }

    /** A CSV file with a header line: the second column holds the question (as in JailBench). */
    static List<Question> readCsv(Path file) {
        List<List<String>> rows = CsvRows.read(file);
        List<Question> out = new ArrayList<>();
        for (List<String> row : rows.subList(Math.min(1, rows.size()), rows.size())) {
            if (row.size() > 1 && !row.get(1).isBlank()) {
                out.add(new Question("row-" + row.getFirst(), row.get(1).strip(), null));
            }
        }
        return out;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
