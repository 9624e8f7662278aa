package io.govassist.system;

import io.govassist.ingestion.DocumentParseException;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.PolicyReader;
import io.govassist.ingestion.StructureCoverage;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.store.EmbeddingSpace;
import io.govassist.store.IndexedClause;
import io.govassist.store.LexicalAnalyzer;
import io.govassist.store.LuceneClauseStore;
import io.govassist.store.PgVectorClauseStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line mode, then exit (0: all fine, 1: something failed, 2: usage error):
 * <ul>
 *   <li>{@code java -jar govassist.jar ingest PATH... [--knowledge-base ID]} ingests files or directories
 *       (recursively, sources relative to each given directory), prints a progress bar and a summary; with
 *       {@code --knowledge-base} the documents are also added to that existing knowledge base
 *       (see {@link #ingest});</li>
 *   <li>{@code java -jar govassist.jar migrate --from-index=DIR} copies an embedded (Lucene) index into the configured
 *       PostgreSQL store ({@code govassist.store=pgvector}) without re-embedding: documents, clauses and their vectors
 *       as stored. Resumable: documents already copied with the same content hash are skipped.</li>
 *   <li>{@code java -jar govassist.jar eval QUESTIONS.jsonl …} measures retrieval quality
 *       ({@code io.govassist.eval.EvalCommand}, a {@link CliCommand}).</li>
 *   <li>{@code java -jar govassist.jar training-pairs QUESTIONS.jsonl... --out PAIRS.jsonl} writes training examples
 *       for models/training ({@code io.govassist.training.TrainingPairsCommand}, a {@link CliCommand}).</li>
 *   <li>{@code java -jar govassist.jar reindex} re-embeds the stored clauses with the configured model
 *       ({@link ReindexCommand}).</li>
 *   <li>{@code java -jar govassist.jar service-eval FILE.jsonl...} measures how service questions are redirected
 *       ({@code io.govassist.eval.ServiceIntentEval}).</li>
 *   <li>{@code java -jar govassist.jar curated-eval PAIRS.jsonl} measures the curated-answer match thresholds on a
 *       paraphrase / near-miss set ({@code io.govassist.eval.CuratedEval}).</li>
 *   <li>{@code java -jar govassist.jar check} verifies the embedded index (see {@link #check}).</li>
 *   <li>{@code java -jar govassist.jar coverage PATH...} reports how much of each document's numbered structure became
 *       clauses, without ingesting (see {@link #coverage}).</li>
 * </ul>
 */
@Component
@Profile("cli")
public class CommandLine implements ApplicationRunner, ExitCodeGenerator {

    private static final Set<String> COMMANDS = Set.of("ingest", "benchmark", "migrate", "eval", "calibrate-refusal",
            "chat-benchmark", "safety-eval", "check", "chat-eval", "coverage", "training-pairs", "reindex", "service-eval", "train-service-intents",
            "curated-eval");

    private final IngestionPipeline pipeline;
    private final ClauseStore store;
    private final GovAssistProperties properties;
    private final Map<String, CliCommand> commands;
    private final ReindexCommand reindex;
    private final JdbcClient jdbc;
    private final ImportKnowledgeBases knowledgeBases;
    private int exitCode;

    CommandLine(IngestionPipeline pipeline, ClauseStore store, GovAssistProperties properties,
                List<CliCommand> commands, ReindexCommand reindex, JdbcClient jdbc,
                ImportKnowledgeBases knowledgeBases) {
        this.pipeline = pipeline;
        this.store = store;
        this.properties = properties;
        this.commands = new HashMap<>();
        for (CliCommand c : commands == null ? List.<CliCommand>of() : commands) {
            if (!COMMANDS.contains(c.name()) || this.commands.put(c.name(), c) != null) {
                throw new IllegalStateException("command " + c.name() + " is unknown or defined twice");
            }
        }
        this.reindex = reindex;
        this.jdbc = jdbc;
        this.knowledgeBases = knowledgeBases;
    }

    public static boolean isCommand(String arg) {
        return COMMANDS.contains(arg);
    }

    /** Whether these program arguments run {@code reindex} (the one command that opens an index of another model). */
    public static boolean isReindex(String[] args) {
        return args.length > 0 && "reindex".equals(args[0]);
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty()) {
            return;
        }
        CliCommand command = commands.get(words.get(0));
        if (command != null) {
            // raw arguments: "--topK 100" is an option with a value here, not a Spring property
            List<String> raw = List.of(args.getSourceArgs());
            exitCode = command.run(raw.subList(raw.indexOf(command.name()) + 1, raw.size()), System.out, System.err);
        } else if ("reindex".equals(words.get(0))) {
            exitCode = reindex.run(System.out, System.err);
        } else if ("ingest".equals(words.get(0))) {
            // raw arguments: in "--knowledge-base ID" the id is the option's value, not a path
            List<String> raw = List.of(args.getSourceArgs());
            exitCode = ingest(raw.subList(raw.indexOf("ingest") + 1, raw.size()), System.out, System.err);
        } else if ("coverage".equals(words.get(0))) {
            exitCode = coverage(words.subList(1, words.size()), System.out, System.err);
        } else if ("check".equals(words.get(0))) {
            exitCode = check(System.out, System.err);
        } else if ("migrate".equals(words.get(0))) {
            List<String> from = args.getOptionValues("from-index");
            exitCode = migrate(from == null || from.size() != 1 || words.size() > 1 ? null : from.get(0), System.out,
                    System.err);
        }
    }

    /**
     * {@code check}: is the embedded index sound and consistent (after a crash, a full disk)? Lucene's CheckIndex,
     * documents vs. clauses, and uploads' originals in the app database vs. documents in the index. Prints
     * {@code key: value} lines; exit code 0 when consistent, 1 otherwise.
     */
    int check(PrintStream out, PrintStream err) {
        if (!(store instanceof LuceneClauseStore lucene)) {
            err.println("check verifies the embedded store (govassist.store=embedded)");
            return 2;
        }
        LuceneClauseStore.Verification v = lucene.verify();
        Set<String> indexed = new HashSet<>();
        store.listDocuments().forEach(d -> indexed.add(d.id()));
        List<String> originalsWithoutDocument = jdbc.sql("SELECT document_id FROM document_original")
                .query(String.class).list().stream().filter(id -> !indexed.contains(id)).toList();
        out.println("documents: " + v.documents());
        out.println("clauses: " + v.clauses());
        out.println("check-index: " + v.checkIndexMessage());
        out.println("incomplete-documents: " + v.incompleteDocuments().size() + " " + v.incompleteDocuments());
        out.println("orphan-clause-documents: " + v.orphanDocumentIds().size() + " " + v.orphanDocumentIds());
        out.println("duplicate-documents: " + v.duplicateDocuments().size() + " " + v.duplicateDocuments());
        out.println("originals-without-document: " + originalsWithoutDocument.size() + " " + originalsWithoutDocument);
        boolean consistent = v.consistent() && originalsWithoutDocument.isEmpty();
        out.println("consistent: " + consistent);
        return consistent ? 0 : 1;
    }

    int migrate(String fromIndex, PrintStream out, PrintStream err) {
        if (fromIndex == null || fromIndex.isBlank()) {
            err.println("usage: java -jar govassist.jar migrate --from-index=DIR --govassist.store=pgvector "
                    + "--spring.datasource.url=jdbc:postgresql://HOST:5432/DB   (DIR: a data directory or its index/)");
            return 2;
        }
        if (!(store instanceof PgVectorClauseStore target)) {
            err.println("migrate copies into the PostgreSQL store: run it with --govassist.store=pgvector and "
                    + "spring.datasource.* pointing at the database (SPRING_DATASOURCE_URL, ...)");
            return 2;
        }
        Path dir = Path.of(fromIndex);
        if (Files.isDirectory(dir.resolve("index"))) {
            dir = dir.resolve("index");
        }
        if (!Files.isDirectory(dir)) {
            err.println("No embedded index at " + fromIndex);
            return 2;
        }
        LexicalAnalyzer analyzer = LexicalAnalyzer.valueOf(properties.search().analyzer().toUpperCase(Locale.ROOT));
        LuceneClauseStore source;
        try {
            source = LuceneClauseStore.open(dir, analyzer);
        } catch (RuntimeException e) {
            err.println("Cannot open the embedded index at " + dir + " (is a server still using it? stop it first): "
                    + e.getMessage());
            return 1;
        }
        try (source) {
            EmbeddingSpace from = source.embeddingSpace().orElse(null);
            EmbeddingSpace to = target.embeddingSpace().orElseThrow();
            if (from != null && !from.equals(to)) {
                err.println("The embedded index holds vectors of " + from.modelId() + " (" + from.dimension()
                        + " dimensions) but the PostgreSQL store is bound to " + to.modelId() + " (" + to.dimension()
                        + "): vectors cannot be copied across models. Configure the same model, or re-ingest.");
                return 1;
            }
            List<DocumentRecord> documents = source.listDocuments();
            err.println("Copying " + documents.size() + " documents (" + source.clauseCount() + " clauses) from "
                    + dir.toAbsolutePath().normalize() + " into " + target);
            int copied = 0;
            int unchanged = 0;
            long clauses = 0;
            long start = System.nanoTime();
            for (int i = 0; i < documents.size(); i++) {
                DocumentRecord d = documents.get(i);
                Optional<DocumentRecord> existing = target.findDocument(d.id());
                if (existing.isPresent() && existing.get().contentHash().equals(d.contentHash())
                        && existing.get().clauseCount() == d.clauseCount()) {
                    unchanged++;
                } else {
                    List<IndexedClause> stored = source.clausesOf(d.id());
                    target.replaceDocument(d, stored);
                    copied++;
                    clauses += stored.size();
                }
                progress(err, i + 1, documents.size(), start);
            }
            err.println();
            out.printf("copied: %d  unchanged: %d  (clauses copied: %d)%n", copied, unchanged, clauses);
            return 0;
        } catch (RuntimeException e) {
            err.println();
            err.println("Migration failed: " + e.getMessage());
            return 1;
        }
    }

    static void progress(PrintStream err, int done, int total, long start) {
        int width = 30;
        int filled = total == 0 ? width : done * width / total;
        err.printf("\r[%s%s] %d/%d documents  %.0fs", "#".repeat(filled), ".".repeat(width - filled), done, total,
                (System.nanoTime() - start) / 1e9);
        err.flush();
    }

    static final String KNOWLEDGE_BASE = "--knowledge-base";
    private static final String INGEST_USAGE =
            "usage: java -jar govassist.jar ingest PATH... [--knowledge-base ID]   (files or directories)";

    /**
     * {@code ingest PATH... [--knowledge-base ID]}: ingests files and directories (recursively). With
     * {@code --knowledge-base ID} (or {@code --knowledge-base=ID}) every document ingested, updated or unchanged is
     * also added to that knowledge base, which must exist: an unknown one is exit 2 before anything is ingested.
     * Other {@code --name=value} arguments are settings for Spring and are skipped here. Exit 0 when every file was
     * ingested, 1 when one failed, 2 on a usage error.
     */
    int ingest(List<String> args, PrintStream out, PrintStream err) {
        List<String> paths = new ArrayList<>();
        String knowledgeBase = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals(KNOWLEDGE_BASE) || arg.startsWith(KNOWLEDGE_BASE + "=")) {
                String value = arg.equals(KNOWLEDGE_BASE)
                        ? (i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(++i) : "")
                        : arg.substring(KNOWLEDGE_BASE.length() + 1);
                if (value.isBlank() || knowledgeBase != null) {
                    err.println("ingest: " + (value.isBlank() ? KNOWLEDGE_BASE + " needs a value (a knowledge base id)"
                            : KNOWLEDGE_BASE + " may be given once"));
                    err.println(INGEST_USAGE);
                    return 2;
                }
                knowledgeBase = value.strip();
            } else if (!arg.startsWith("--")) {
                paths.add(arg);
            }
        }
        if (paths.isEmpty()) {
            err.println(INGEST_USAGE);
            return 2;
        }
        if (knowledgeBase != null && !knowledgeBases.exists(knowledgeBase)) {
            err.println("ingest: unknown knowledge base " + knowledgeBase + "; nothing was ingested. Create it first "
                    + "(POST /api/v1/admin/knowledge-bases {\"id\", \"name\", \"audience\"} as ADMIN, or the "
                    + "console's 知识库 page); GET /api/v1/admin/knowledge-bases lists them, the id is the slug, e.g. "
                    + "ai-plan");
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
            err.println("Ingesting " + root.toAbsolutePath().normalize()
                    + (knowledgeBase == null ? "" : " into knowledge base " + knowledgeBase));
            results.addAll(pipeline.ingestTree(root, p -> progress(err, p, start)));
            err.println();
        }
        summary(out, results);
        if (knowledgeBase != null) {
            Set<String> added = new LinkedHashSet<>();
            for (IngestResult r : results) {
                if (!r.failed() && added.add(r.documentId())) {
                    knowledgeBases.addDocument(knowledgeBase, r.documentId());
                }
            }
            out.printf("knowledge base %s: %d documents added (or already in it)%n", knowledgeBase, added.size());
        }
        return results.stream().anyMatch(IngestResult::failed) ? 1 : 0;
    }

    /**
     * {@code coverage PATH...}: parses every file (directories recursively) as ingestion would, without storing, and
     * prints a Markdown report: per directory the lines that begin with a numbered marker, how many opened a clause,
     * how many are items inside articles, and every document with marker lines that stayed plain text (listed). Exit
     * code 0 when every marker line is recognised, 1 otherwise, 2 for a usage error.
     */
    int coverage(List<String> paths, PrintStream out, PrintStream err) {
        if (paths.isEmpty()) {
            err.println("usage: java -jar govassist.jar coverage PATH...   (files or directories)");
            return 2;
        }
        PolicyReader reader = new PolicyReader();
        int unrecognizedTotal = 0;
        out.println("| path | documents | marker lines | clauses | items inside articles | unrecognised | unreadable |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        List<String> details = new ArrayList<>();
        for (String arg : paths) {
            Path root = Path.of(arg);
            List<Path> files;
            try (var walk = Files.walk(root)) {
                files = walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                        .sorted().toList();
            } catch (IOException e) {
                err.println("coverage: cannot read " + arg + ": " + e.getMessage());
                return 2;
            }
            int markers = 0;
            int clauses = 0;
            int inside = 0;
            int unrecognized = 0;
            int unreadable = 0;
            for (Path f : files) {
                String source = Files.isDirectory(root) ? root.relativize(f).toString() : f.getFileName().toString();
                StructureCoverage c;
                try {
                    c = StructureCoverage.of(reader.structure(source, Files.readAllBytes(f)));
                } catch (IOException | DocumentParseException e) {
                    unreadable++;
                    continue;
                }
                markers += c.markerLines();
                clauses += c.clauses();
                inside += c.insideArticles();
                unrecognized += c.unrecognized().size();
                if (!c.unrecognized().isEmpty()) {
                    details.add("- `" + source + "`: " + c.unrecognized().size() + " of " + c.markerLines() + ": "
                            + String.join(" · ", c.unrecognized()));
                }
            }
            unrecognizedTotal += unrecognized;
            out.printf("| %s | %d | %d | %d | %d | %d | %d |%n", arg, files.size() - unreadable, markers, clauses,
                    inside, unrecognized, unreadable);
        }
        if (!details.isEmpty()) {
            out.println();
            out.println("Marker lines left as text:");
            details.forEach(out::println);
        }
        return unrecognizedTotal == 0 ? 0 : 1;
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
