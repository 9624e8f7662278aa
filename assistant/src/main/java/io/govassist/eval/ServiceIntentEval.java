package io.govassist.eval;

import io.govassist.chat.CancellationSignal;
import io.govassist.chat.ChatAnswer;
import io.govassist.chat.ChatResponder;
import io.govassist.chat.ServiceGuidanceProperties;

import io.govassist.store.ClauseStore;
import io.govassist.system.ApiException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code java -jar govassist.jar service-eval FILE.jsonl… [--misses FILE]}: asks every question through the whole chat
 * pipeline and checks how it was treated against its {@code expect}: {@code redirect} (guidance, not grounded, no
 * citations: the question is about the asker's own case or account, real-time data or a request to act),
 * {@code local-notice} (the answer says the named place's figure is not in the documents: the notice, a redirect or
 * the refusal) or
 * {@code answer} (not redirected). Lines without {@code expect} (the policy dev set) expect {@code answer}. Prints
 * one row per file and kind. Exit codes: 0 done, 2 bad arguments or question file.
 */
@Component
@Profile("cli")
class ServiceIntentEval implements ApplicationRunner, ExitCodeGenerator {

    static final String COMMAND = "service-eval";
    static final String USAGE = "usage: java -jar govassist.jar " + COMMAND + " FILE.jsonl… [--misses FILE]";

    private final ChatResponder responder;
    private final ClauseStore store;
    private final JsonMapper json;
    /** What every local-place notice begins with, whatever the place. */
    private final String localNoticeStart;
    private int exitCode;

    ServiceIntentEval(ChatResponder responder, ClauseStore store, ServiceGuidanceProperties service, JsonMapper json) {
        this.responder = responder;
        this.store = store;
        this.json = json;
        String notice = service.localNotice("\u0000");
        this.localNoticeStart = notice.substring(0, notice.indexOf('\u0000'));
    }

    record Question(String file, String id, String question, String expect, String kind) {
    }

    /** How one answer treated its question. */
    record Outcome(Question question, boolean redirected, boolean localNotice, boolean grounded, String answer) {

        boolean passed() {
            return switch (question.expect()) {
                case "redirect" -> redirected;
                // the notice, a redirect, or the refusal: each says the local figure is not in the documents
                case "local-notice" -> localNotice || redirected || !grounded;
                default -> !redirected;
            };
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        CommandArguments.of(args, COMMAND).ifPresent(a -> exitCode = run(a, System.out, System.err));
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        List<Path> files = new ArrayList<>();
        Path misses = Path.of("service-eval-misses.jsonl");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (CommandArguments.isSetting(a)) {
                continue;
            }
            if (a.equals("--misses") && i + 1 < args.size()) {
                misses = Path.of(args.get(++i));
            } else if (a.startsWith("--")) {
                err.println(COMMAND + ": unexpected argument " + a);
                err.println(USAGE);
                return 2;
            } else {
                files.add(Path.of(a));
            }
        }
        if (files.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        List<Question> questions = new ArrayList<>();
        for (Path file : files) {
            try {
                questions.addAll(read(file));
            } catch (IOException | IllegalArgumentException e) {
                err.println(COMMAND + ": " + file + ": " + e.getMessage());
                return 2;
            }
        }
        if (store.clauseCount() == 0) {
            err.println(COMMAND + ": the index is empty; ingest the documents first");
            return 2;
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Question q : questions) {
            outcomes.add(ask(q));
            if (outcomes.size() % 50 == 0 || outcomes.size() == questions.size()) {
                err.printf("\r%d/%d questions", outcomes.size(), questions.size());
            }
        }
        err.println();
        Map<String, List<Outcome>> groups = new TreeMap<>();
        for (Outcome o : outcomes) {
            groups.computeIfAbsent(o.question().file() + " | " + o.question().kind() + " | " + o.question().expect(),
                    k -> new ArrayList<>()).add(o);
        }
        out.println("| file | kind | expected | questions | as expected | redirected | local notice | grounded |");
        out.println("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
        for (var e : groups.entrySet()) {
            List<Outcome> g = e.getValue();
            out.printf(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.3f | %.3f |%n", e.getKey(), g.size(),
                    share(g, Outcome::passed), share(g, Outcome::redirected), share(g, Outcome::localNotice),
                    share(g, Outcome::grounded));
        }
        StringBuilder lines = new StringBuilder();
        for (Outcome o : outcomes) {
            // failures, and answers that carry the local notice without being expected to (worth reading)
            if (!o.passed() || o.localNotice() && !"local-notice".equals(o.question().expect())) {
                ObjectNode n = json.createObjectNode();
                n.put("file", o.question().file());
                n.put("id", o.question().id());
                n.put("kind", o.question().kind());
                n.put("expect", o.question().expect());
                n.put("question", o.question().question());
                n.put("redirected", o.redirected());
                n.put("localNotice", o.localNotice());
                n.put("answer", o.answer());
                lines.append(json.writeValueAsString(n)).append('\n');
            }
        }
        try {
            Files.writeString(misses, lines.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println(COMMAND + ": cannot write " + misses + ": " + e.getMessage());
            return 2;
        }
        err.println("misses written to " + misses.toAbsolutePath());
        return 0;
    }

    private Outcome ask(Question q) {
        try {
            ChatAnswer a = responder.answer(responder.check(q.question(), null), ChatResponder.TurnListener.NONE,
                    new CancellationSignal());
            boolean local = a.notices().stream().anyMatch(n -> n.startsWith(localNoticeStart));
            return new Outcome(q, a.redirect() != null && !a.grounded() && a.citations().isEmpty(), local,
                    a.grounded(), a.answer());
        } catch (ApiException e) {
            return new Outcome(q, false, false, false, e.getMessage());
        }
    }

    private static double share(List<Outcome> g, java.util.function.Predicate<Outcome> p) {
        return g.isEmpty() ? 0 : (double) g.stream().filter(p).count() / g.size();
    }

    List<Question> read(Path file) throws IOException {
        List<Question> out = new ArrayList<>();
        String name = (file.toAbsolutePath().getParent() == null ? "" : file.toAbsolutePath().getParent().getFileName() + "/")
                + file.getFileName();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = json.readTree(line);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + " is not JSON");
            }
            String question = n.path("question").asString("");
            if (question.isBlank()) {
                throw new IllegalArgumentException("line " + lineNo + " has no question");
            }
            String expect = n.path("expect").asString("answer");
            if (!List.of("redirect", "local-notice", "answer").contains(expect)) {
                throw new IllegalArgumentException("line " + lineNo + ": unknown expect " + expect);
            }
            String kind = n.path("kind").asString(n.has("gold") ? "policy" : "-");
            out.add(new Question(name, n.path("id").asString("line-" + lineNo), question, expect,
                    n.has("gold") ? "policy" : kind));
        }
        return out;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
