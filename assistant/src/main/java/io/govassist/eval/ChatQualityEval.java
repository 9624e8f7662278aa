package io.govassist.eval;

import io.govassist.chat.CancellationSignal;
import io.govassist.chat.ChatAnswer;
import io.govassist.chat.ChatResponder;
import io.govassist.chat.Citation;
import io.govassist.knowledge.KnowledgeBases;
import io.govassist.knowledge.SearchScope;

import io.govassist.store.ClauseStore;
import io.govassist.system.ApiException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar govassist.jar chat-eval QUESTIONS.jsonl [--misses FILE] [--json]}: asks every question of a set
 * through the whole chat pipeline (as {@code POST /api/v1/chat} does, each in a new conversation, in the configured
 * answer mode) and measures the answers: answered (grounded), the question's {@code fact} in the answer text, a gold
 * clause cited (first or at all), and every {@code [n]} marker of the text resolving to a citation. Questions that
 * fail a check go to the misses file with the answer. {@code --knowledge-base ID} asks every question in that
 * knowledge base, as a chat request naming it does (its documents, its refusal threshold). Exit codes: 0 done, 2 bad
 * arguments (an unknown knowledge base included) or question file.
 */
@Component
@Profile("cli")
class ChatQualityEval implements ApplicationRunner, ExitCodeGenerator {

    static final String COMMAND = "chat-eval";
    static final String USAGE = "usage: java -jar govassist.jar " + COMMAND + " QUESTIONS.jsonl [--misses FILE] [--json] "
            + "[--knowledge-base ID]";

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");

    private final ChatResponder responder;
    private final ClauseStore store;
    private final JsonMapper json;
    private final KnowledgeBases knowledgeBases;
    private int exitCode;

    ChatQualityEval(ChatResponder responder, ClauseStore store, JsonMapper json, KnowledgeBases knowledgeBases) {
        this.responder = responder;
        this.store = store;
        this.json = json;
        this.knowledgeBases = knowledgeBases;
    }

    /** The checks of one answer. */
    record Judged(EvalQuestion question, String answer, boolean grounded, boolean factFound, boolean goldCited,
                  boolean goldFirst, boolean markersResolve, List<String> cited, long nanos) {

        boolean passed() {
            return grounded && (question.fact() == null || factFound) && goldCited && markersResolve;
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        CommandArguments.of(args, COMMAND).ifPresent(a -> exitCode = run(a, System.out, System.err));
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        Path questionsFile = null;
        Path misses = Path.of("chat-eval-misses.jsonl");
        boolean asJson = false;
        String knowledgeBase = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (CommandArguments.isSetting(a)) {
                continue;
            }
            if (a.equals("--json")) {
                asJson = true;
            } else if (a.equals("--misses") && i + 1 < args.size()) {
                misses = Path.of(args.get(++i));
            } else if (a.startsWith("--misses=")) {
                misses = Path.of(a.substring("--misses=".length()));
            } else if (a.equals(KnowledgeBaseOption.NAME) && i + 1 < args.size()) {
                knowledgeBase = args.get(++i).strip();
            } else if (a.startsWith(KnowledgeBaseOption.NAME + "=")) {
                knowledgeBase = a.substring(KnowledgeBaseOption.NAME.length() + 1).strip();
            } else if (a.startsWith("--") || questionsFile != null) {
                err.println(COMMAND + ": unexpected argument " + a);
                err.println(USAGE);
                return 2;
            } else {
                questionsFile = Path.of(a);
            }
        }
        if (questionsFile == null) {
            err.println(USAGE);
            return 2;
        }
        SearchScope scope = KnowledgeBaseOption.resolveOrReport(knowledgeBases, knowledgeBase, COMMAND, err);
        if (scope == null) {
            return 2;
        }
        List<EvalQuestion> questions;
        try {
            questions = EvalQuestions.read(questionsFile);
        } catch (NoSuchFileException e) {
            err.println(COMMAND + ": question file not found: " + e.getFile());
            return 2;
        } catch (IOException | IllegalArgumentException e) {
            err.println(COMMAND + ": " + e.getMessage());
            return 2;
        }
        if (store.clauseCount() == 0) {
            err.println(COMMAND + ": the index is empty; ingest the documents the questions refer to first");
            return 2;
        }
        List<Judged> results = new ArrayList<>(questions.size());
        for (EvalQuestion q : questions) {
            long start = System.nanoTime();
            ChatAnswer answer;
            try {
                answer = responder.answer(responder.check(q.question(), null).withScope(scope),
                        ChatResponder.TurnListener.NONE,
                        new CancellationSignal());
            } catch (ApiException e) {
                // refused as the API would refuse it (too long, a sensitive word): not answered
                answer = new ChatAnswer("-", null, e.getMessage(), false, ChatResponder.EXTRACTIVE, List.of(),
                        List.of(), false, null);
            }
            results.add(judge(q, answer, System.nanoTime() - start));
            if (results.size() % 50 == 0 || results.size() == questions.size()) {
                err.printf("\r%d/%d questions", results.size(), questions.size());
                err.flush();
            }
        }
        err.println();
        try {
            writeMisses(misses, results);
        } catch (UncheckedIOException e) {
            err.println(COMMAND + ": cannot write " + misses + ": " + e.getCause().getMessage());
            return 2;
        }
        Summary s = Summary.of(results);
        if (asJson) {
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(s));
        } else {
            out.println("| questions | answered | fact in answer | gold cited | gold cited first | markers resolve "
                    + "| latency p50 | latency p95 |");
            out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            out.printf(Locale.ROOT, "| %d | %.3f | %.3f (of %d) | %.3f | %.3f | %.3f | %.0f ms | %.0f ms |%n",
                    s.questions(), s.answered(), s.factFound(), s.withFact(), s.goldCited(), s.goldFirst(),
                    s.markersResolve(), s.latencyP50Ms(), s.latencyP95Ms());
        }
        err.println("misses written to " + misses.toAbsolutePath());
        return 0;
    }

    /** Shares over all questions; {@code factFound} over the questions that have a fact. */
    record Summary(int questions, double answered, int withFact, double factFound, double goldCited, double goldFirst,
                   double markersResolve, double latencyP50Ms, double latencyP95Ms) {

        static Summary of(List<Judged> results) {
            int n = results.size();
            int withFact = (int) results.stream().filter(r -> r.question().fact() != null).count();
            long[] nanos = results.stream().mapToLong(Judged::nanos).sorted().toArray();
            return new Summary(n, share(results.stream().filter(Judged::grounded).count(), n), withFact,
                    share(results.stream().filter(r -> r.question().fact() != null && r.factFound()).count(), withFact),
                    share(results.stream().filter(Judged::goldCited).count(), n),
                    share(results.stream().filter(Judged::goldFirst).count(), n),
                    share(results.stream().filter(Judged::markersResolve).count(), n),
                    percentile(nanos, 0.5) / 1e6, percentile(nanos, 0.95) / 1e6);
        }

        private static double share(long count, int of) {
            return of == 0 ? 0 : (double) count / of;
        }

        private static double percentile(long[] sorted, double p) {
            return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    static Judged judge(EvalQuestion q, ChatAnswer answer, long nanos) {
        List<Citation> citations = answer.citations();
        boolean cited = false;
        boolean first = false;
        List<String> citedAs = new ArrayList<>();
        for (int i = 0; i < citations.size(); i++) {
            Citation c = citations.get(i);
            citedAs.add(c.source() + "#" + c.clauseLabel());
            boolean gold = q.gold().stream().anyMatch(g -> g.matcher().matches(c.source(), c.markers(), c.clauseLabel()));
            cited |= gold;
            first |= gold && i == 0;
        }
        boolean factFound = q.fact() != null && normalize(answer.answer()).contains(normalize(q.fact()));
        return new Judged(q, answer.answer(), answer.grounded(), factFound, cited, first,
                markersResolve(answer.answer(), citations), citedAs, nanos);
    }

    /** Every {@code [n]} of the text names a citation, and every citation is named in the text. */
    static boolean markersResolve(String text, List<Citation> citations) {
        Set<Integer> indices = new HashSet<>();
        citations.forEach(c -> indices.add(c.index()));
        Set<Integer> used = new HashSet<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (!indices.contains(n)) {
                return false;
            }
            used.add(n);
        }
        return used.equals(indices);
    }

    /** Width forms and white space do not count when looking for the fact. */
    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("\\s+", "");
    }

    private void writeMisses(Path file, List<Judged> results) {
        StringBuilder lines = new StringBuilder();
        for (Judged r : results) {
            if (r.passed()) {
                continue;
            }
            ObjectNode n = json.createObjectNode();
            n.put("id", r.question().id());
            n.put("question", r.question().question());
            n.put("gold", r.question().gold().toString());
            n.put("fact", r.question().fact());
            n.put("grounded", r.grounded());
            n.put("factFound", r.factFound());
            n.put("goldCited", r.goldCited());
            n.put("markersResolve", r.markersResolve());
            n.putPOJO("cited", r.cited());
            n.put("answer", r.answer());
            lines.append(json.writeValueAsString(n)).append('\n');
        }
        try {
            Files.writeString(file, lines.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
