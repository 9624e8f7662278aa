package io.govassist.training;

import io.govassist.system.CliCommand;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.govassist.eval.CommandArguments;
import io.govassist.eval.EvalQuestion;
import io.govassist.eval.EvalQuestions;
import io.govassist.ingestion.GoldMatcher;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.search.HybridClauseRetriever;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.store.IndexedClause;
import io.govassist.store.RetrievalMode;
import io.govassist.store.SearchHit;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code java -jar govassist.jar training-pairs QUESTIONS.jsonl... --out PAIRS.jsonl [--negatives 3] [--depth 50]
 * [--skip 2] [--seed 42]}: turns question sets with gold clauses (the eval format) into training examples for the
 * offline trainer in {@code models/training}, mined from the configured index:
 * <ul>
 *   <li>positives: the gold clauses as the index embeds them (title and heading path in front, see
 *       {@code ClauseAwareSplitter.contextualText}), at most three per question;</li>
 *   <li>hard negatives: clauses today's search ranks within {@code depth} for the question that are not gold,
 *       sampled with a fixed seed after the first {@code skip} (the very top non-gold hits are the likeliest to be
 *       relevant clauses the gold list does not name);</li>
 *   <li>token ids from the model's own tokenizer (the query with its instruction), so training and serving see the
 *       same tokens.</li>
 * </ul>
 * Questions whose gold clause is not in the index are reported and skipped. Exit codes: 0 done, 2 bad arguments.
 */
@Component
@Profile("cli")
public class TrainingPairsCommand implements CliCommand {

    static final String USAGE = "usage: java -jar govassist.jar training-pairs QUESTIONS.jsonl... --out PAIRS.jsonl "
            + "[--negatives 3] [--depth 50] [--skip 2] [--seed 42]";
    private static final int MAX_POSITIVES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HybridClauseRetriever retriever;
    private final ClauseStore store;
    private final QueryAwareEmbeddingModel model;

    TrainingPairsCommand(HybridClauseRetriever retriever, ClauseStore store, QueryAwareEmbeddingModel model) {
        this.retriever = retriever;
        this.store = store;
        this.model = model;
    }

    record Options(List<Path> questions, Path out, int negatives, int depth, int skip, long seed) {

        Options {
            if (questions.isEmpty()) {
                throw new IllegalArgumentException("no question file given");
            }
            if (out == null) {
                throw new IllegalArgumentException("--out is required");
            }
            if (negatives < 0 || depth < 1 || depth > 1000 || skip < 0) {
                throw new IllegalArgumentException("--negatives >= 0, 1 <= --depth <= 1000, --skip >= 0");
            }
        }

        static Options parse(List<String> args) {
            List<Path> questions = new ArrayList<>();
            Path out = null;
            int negatives = 3;
            int depth = 50;
            int skip = 2;
            long seed = 42;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (CommandArguments.isSetting(arg)) {
                    continue;
                }
                if (!arg.startsWith("--")) {
                    questions.add(Path.of(arg));
                    continue;
                }
                int eq = arg.indexOf('=');
                String name = eq > 0 ? arg.substring(0, eq) : arg;
                String v = eq > 0 ? arg.substring(eq + 1) : CommandArguments.next(args, ++i, name);
                switch (name) {
                    case "--out" -> out = Path.of(v);
                    case "--negatives" -> negatives = CommandArguments.number(name, v);
                    case "--depth" -> depth = CommandArguments.number(name, v);
                    case "--skip" -> skip = CommandArguments.number(name, v);
                    case "--seed" -> seed = CommandArguments.number(name, v);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            return new Options(questions, out, negatives, depth, skip, seed);
        }
    }

    @Override
    public String name() {
        return "training-pairs";
    }

    /** Runs the command with the arguments after {@code training-pairs}; returns the exit code. */
    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options;
        List<EvalQuestion> questions = new ArrayList<>();
        try {
            options = Options.parse(args);
            for (Path file : options.questions()) {
                questions.addAll(EvalQuestions.read(file));
            }
        } catch (NoSuchFileException e) {
            err.println("training-pairs: question file not found: " + e.getFile());
            return 2;
        } catch (IllegalArgumentException | IOException e) {
            err.println("training-pairs: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (store.clauseCount() == 0) {
            err.println("training-pairs: the index is empty; ingest the documents the questions refer to first");
            return 2;
        }
        Map<String, DocumentRecord> bySource = new HashMap<>();
        for (DocumentRecord d : store.listDocuments()) {
            bySource.put(GoldMatcher.normalizeSource(d.source()), d);
        }
        Map<String, List<IndexedClause>> clauses = new HashMap<>();
        Random random = new Random(options.seed());
        int written = 0;
        int noGold = 0;
        int negativesWritten = 0;
        try (BufferedWriter w = Files.newBufferedWriter(options.out(), StandardCharsets.UTF_8)) {
            for (EvalQuestion q : questions) {
                List<GoldMatcher> matchers = q.gold().stream().map(EvalQuestion.Gold::matcher).toList();
                List<IndexedClause> positives = new ArrayList<>();
                for (GoldMatcher m : matchers) {
                    DocumentRecord doc = bySource.get(m.source());
                    if (doc == null) {
                        continue;
                    }
                    for (IndexedClause c : clauses.computeIfAbsent(doc.id(), store::clausesOf)) {
                        if (positives.size() < MAX_POSITIVES
                                && m.matches(doc.source(), c.clause().markers(), c.clause().label())) {
                            positives.add(c);
                        }
                    }
                }
                if (positives.isEmpty()) {
                    noGold++;
                    continue;
                }
                List<SearchHit> candidates = new ArrayList<>();
                int nonGold = 0;
                for (SearchHit hit : retriever.search(q.question(), options.depth(), ClauseFilter.NONE,
                        RetrievalMode.HYBRID)) {
                    boolean gold = matchers.stream()
                            .anyMatch(m -> m.matches(hit.source(), hit.markers(), hit.clauseLabel()));
                    if (!gold && nonGold++ >= options.skip()) {
                        candidates.add(hit);
                    }
                }
                ArrayNode negatives = JSON.createArrayNode();
                for (int i = 0; i < options.negatives() && !candidates.isEmpty(); i++) {
                    SearchHit hit = candidates.remove(random.nextInt(candidates.size()));
                    IndexedClause c = clauses.computeIfAbsent(hit.documentId(), store::clausesOf).stream()
                            .filter(x -> x.id().equals(hit.clauseId())).findFirst().orElse(null);
                    if (c != null) {
                        negatives.add(passage(c));
                    }
                }
                negativesWritten += negatives.size();
                ObjectNode line = JSON.createObjectNode();
                line.put("id", q.id());
                line.put("query", q.question());
                line.set("query_ids", ids(model.tokenIds(model.queryInstruction() + q.question())));
                ArrayNode pos = line.putArray("positives");
                positives.forEach(c -> pos.add(passage(c)));
                line.set("negatives", negatives);
                w.write(JSON.writeValueAsString(line));
                w.newLine();
                if (++written % 50 == 0) {
                    err.printf("\r%d/%d questions", written + noGold, questions.size());
                }
            }
        } catch (IOException e) {
            err.println("training-pairs: cannot write " + options.out() + ": " + e.getMessage());
            return 2;
        }
        err.println();
        out.printf("training-pairs: %d examples (%d hard negatives) written to %s; %d questions skipped "
                + "(gold clause not in the index)%n", written, negativesWritten, options.out(), noGold);
        return 0;
    }

    private ObjectNode passage(IndexedClause c) {
        ObjectNode n = JSON.createObjectNode();
        n.put("clause", c.id());
        n.put("text", c.indexedText());
        n.set("ids", ids(model.tokenIds(c.indexedText())));
        return n;
    }

    private static ArrayNode ids(long[] ids) {
        ArrayNode a = JSON.createArrayNode();
        for (long id : ids) {
            a.add(id);
        }
        return a;
    }
}
