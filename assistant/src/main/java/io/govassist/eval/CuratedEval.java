package io.govassist.eval;

import io.govassist.curated.CuratedAnswerMatcher;

import io.govassist.models.QueryAwareEmbeddingModel;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code java -jar govassist.jar curated-eval PAIRS.jsonl [--similarity 0.85,0.9,…] [--overlap 0.3,0.5,…]
 * [--details]}: how the curated-answer match behaves on a paraphrase set (eval/curated). Every line holds a
 * {@code curated} question, a {@code paraphrase} (same question, other words) and a {@code nearMiss} (same topic
 * words, another question, clause, number or year). All curated questions are active at once, as in production. For
 * each threshold pair it prints how many paraphrases matched their own curated question (recall), how many matched
 * another one, and how many near-misses matched any (both must be zero). Needs only the embedding model.
 * Exit codes: 0 done, 2 bad arguments or file.
 */
@Component
@Profile("cli")
class CuratedEval implements ApplicationRunner, ExitCodeGenerator {

    static final String COMMAND = "curated-eval";
    static final String USAGE = "usage: java -jar govassist.jar " + COMMAND
            + " PAIRS.jsonl [--similarity 0.85,0.90] [--overlap 0.3,0.5] [--details]";
    private static final double[] SIMILARITIES = {0.85, 0.90, 0.92, 0.94, 0.95, 0.96, 0.965, 0.97};
    private static final double[] OVERLAPS = {0.30, 0.50, 0.70};

    private final QueryAwareEmbeddingModel model;
    private final JsonMapper json;
    private int exitCode;

    CuratedEval(QueryAwareEmbeddingModel model, JsonMapper json) {
        this.model = model;
        this.json = json;
    }

    record Pair(String id, String curated, String paraphrase, String nearMiss) {
    }

    /** Counts at one threshold pair. */
    record Row(double similarity, double overlap, int paraphrases, int recalled, int misrouted, int nearMisses,
               int wronglyMatched) {

        boolean safe() {
            return misrouted == 0 && wronglyMatched == 0;
        }
    }

    @Override
    public void run(ApplicationArguments args) {
        CommandArguments.of(args, COMMAND).ifPresent(a -> exitCode = run(a, System.out, System.err));
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        Path file = null;
        double[] similarities = SIMILARITIES;
        double[] overlaps = OVERLAPS;
        boolean details = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (CommandArguments.isSetting(a)) {
                    continue;
                }
                switch (a) {
                    case "--similarity" -> similarities = values(CommandArguments.next(args, ++i, a));
                    case "--overlap" -> overlaps = values(CommandArguments.next(args, ++i, a));
                    case "--details" -> details = true;
                    default -> {
                        if (a.startsWith("--") || file != null) {
                            throw new IllegalArgumentException("unexpected argument " + a);
                        }
                        file = Path.of(a);
                    }
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no pairs file");
            }
            List<Pair> pairs = read(file);
            List<Row> rows = evaluate(pairs, similarities, overlaps, details ? out : null);
            print(rows, out);
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println(COMMAND + ": " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
    }

    List<Row> evaluate(List<Pair> pairs, double[] similarities, double[] overlaps, PrintStream details) {
        List<String> texts = new ArrayList<>();
        for (Pair p : pairs) {
            texts.add(p.curated());
            texts.add(p.paraphrase());
            texts.add(p.nearMiss());
        }
        List<float[]> vectors = model.embedQueries(texts).stream().map(e -> e.vector()).toList();
        int n = pairs.size();
        if (details != null) {
            details.println("id\tkind\tcosine(own)\toverlap(own)\tsame numbers\tbest other cosine");
            for (int i = 0; i < n; i++) {
                for (int kind = 1; kind <= 2; kind++) {
                    String q = texts.get(3 * i + kind);
                    double best = -1;
                    for (int j = 0; j < n; j++) {
                        if (j != i) {
                            best = Math.max(best, CuratedAnswerMatcher.cosine(vectors.get(3 * i + kind), vectors.get(3 * j)));
                        }
                    }
                    details.printf(Locale.ROOT, "%s\t%s\t%.3f\t%.2f\t%s\t%.3f%n", pairs.get(i).id(),
                            kind == 1 ? "paraphrase" : "near-miss",
                            CuratedAnswerMatcher.cosine(vectors.get(3 * i + kind), vectors.get(3 * i)),
                            CuratedAnswerMatcher.overlap(q, pairs.get(i).curated()),
                            CuratedAnswerMatcher.numbers(q).equals(CuratedAnswerMatcher.numbers(pairs.get(i).curated())),
                            best);
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        for (double s : similarities) {
            for (double o : overlaps) {
                CuratedAnswerMatcher matcher = new CuratedAnswerMatcher(s, o);
                int recalled = 0;
                int misrouted = 0;
                int wrong = 0;
                for (int i = 0; i < n; i++) {
                    int p = best(matcher, texts.get(3 * i + 1), vectors.get(3 * i + 1), pairs, vectors);
                    if (p == i) {
                        recalled++;
                    } else if (p >= 0) {
                        misrouted++;
                    }
                    if (best(matcher, texts.get(3 * i + 2), vectors.get(3 * i + 2), pairs, vectors) >= 0) {
                        wrong++;
                    }
                }
                rows.add(new Row(s, o, n, recalled, misrouted, n, wrong));
            }
        }
        return rows;
    }

    /** The curated question the matcher picks for a query (the highest cosine among the matches), or -1. */
    private static int best(CuratedAnswerMatcher matcher, String query, float[] vector, List<Pair> pairs,
                            List<float[]> vectors) {
        int best = -1;
        double bestCosine = -1;
        for (int j = 0; j < pairs.size(); j++) {
            double cosine = CuratedAnswerMatcher.cosine(vector, vectors.get(3 * j));
            if (cosine > bestCosine && matcher.matches(cosine, query, pairs.get(j).curated())) {
                best = j;
                bestCosine = cosine;
            }
        }
        return best;
    }

    static void print(List<Row> rows, PrintStream out) {
        out.println("| min-similarity | min-overlap | paraphrases matched | matched another | near-misses matched |");
        out.println("|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "| %.3f | %.2f | %d/%d (%.0f%%) | %d | %d/%d%s |%n", r.similarity(), r.overlap(),
                    r.recalled(), r.paraphrases(), 100.0 * r.recalled() / r.paraphrases(), r.misrouted(),
                    r.wronglyMatched(), r.nearMisses(), r.safe() ? "" : " ✗");
        }
    }

    List<Pair> read(Path file) throws IOException {
        List<Pair> pairs = new ArrayList<>();
        int line = 0;
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(l);
            for (String field : List.of("curated", "paraphrase", "nearMiss")) {
                if (!n.hasNonNull(field) || n.get(field).asString().isBlank()) {
                    throw new IllegalArgumentException(file + ":" + line + ": no " + field);
                }
            }
            pairs.add(new Pair(n.hasNonNull("id") ? n.get("id").asString() : "line-" + line,
                    n.get("curated").asString(), n.get("paraphrase").asString(), n.get("nearMiss").asString()));
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(file + ": no pairs");
        }
        return pairs;
    }

    private static double[] values(String list) {
        String[] parts = list.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: " + parts[i]);
            }
        }
        return out;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
