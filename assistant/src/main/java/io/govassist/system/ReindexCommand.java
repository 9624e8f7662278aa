package io.govassist.system;

import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.store.EmbeddingSpace;
import io.govassist.store.IndexedClause;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code java -jar govassist.jar reindex}: re-embeds every stored clause's indexed text with the configured model
 * (no re-parsing: documents, clauses and ids stay as they are) and then records the model's embedding space, so an
 * index built by another model of the same dimension serves the configured one. Progress bar on stderr;
 * resumable: the documents done are listed in {@code DATA_DIR/reindex-MODEL.progress} and skipped when the command
 * runs again after an interruption; the file is removed when the store is rebound. The server must not run
 * against the store meanwhile (its vectors are mixed until the command finishes).
 */
@Component
@Profile("cli")
class ReindexCommand {

    private final ClauseStore store;
    private final QueryAwareEmbeddingModel model;
    private final GovAssistProperties properties;

    ReindexCommand(ClauseStore store, QueryAwareEmbeddingModel model, GovAssistProperties properties) {
        this.store = store;
        this.model = model;
        this.properties = properties;
    }

    /** Documents re-embedded between two commits (each commit also appends them to the progress file). */
    private static final int BATCH = 50;

    int run(PrintStream out, PrintStream err) {
        EmbeddingSpace target = new EmbeddingSpace(model.modelId(), model.dimension());
        Optional<EmbeddingSpace> current = store.embeddingSpace();
        Path progressFile = properties.dataDir().resolve("reindex-" + target.modelId().replaceAll("[^A-Za-z0-9._-]",
                "_") + ".progress");
        if (current.isPresent() && current.get().dimension() != target.dimension()) {
            err.printf("reindex: the index holds %d-dimensional vectors of %s; %s has %d dimensions. reindex keeps the "
                            + "dimension: use a new, empty data directory / database and ingest the documents again%n",
                    current.get().dimension(), current.get().modelId(), target.modelId(), target.dimension());
            return 2;
        }
        if (current.isPresent() && current.get().equals(target) && !Files.exists(progressFile)) {
            out.println("reindex: the index is already embedded with " + target.modelId() + "; nothing to do");
            return 0;
        }
        Set<String> done = new HashSet<>();
        try {
            if (Files.exists(progressFile)) {
                done.addAll(Files.readAllLines(progressFile, StandardCharsets.UTF_8));
                err.printf("reindex: resuming, %d documents already re-embedded%n", done.size());
            }
        } catch (IOException e) {
            err.println("reindex: cannot read " + progressFile + ": " + e.getMessage());
            return 1;
        }
        List<DocumentRecord> documents = store.listDocuments();
        err.printf("reindex: %d documents from %s to %s%n", documents.size(),
                current.map(EmbeddingSpace::modelId).orElse("(none)"), target.modelId());
        long start = System.nanoTime();
        long clauses = 0;
        List<String> committed = new ArrayList<>();
        try {
            ClauseStore.BulkSession bulk = store.beginBulk();
            try {
                for (int i = 0; i < documents.size(); i++) {
                    DocumentRecord d = documents.get(i);
                    String key = d.id() + " " + d.contentHash();
                    if (!done.contains(key)) {
                        clauses += reembed(d);
                        committed.add(key);
                    }
                    if (committed.size() >= BATCH) {
                        bulk.close(); // durable: only now are these documents listed as done
                        record(progressFile, committed);
                        bulk = store.beginBulk();
                    }
                    CommandLine.progress(err, i + 1, documents.size(), start);
                }
            } finally {
                bulk.close();
            }
            record(progressFile, committed);
            err.println();
            store.rebindEmbeddingSpace(target);
            Files.deleteIfExists(progressFile);
        } catch (IOException | RuntimeException e) {
            err.println();
            err.println("reindex: stopped: " + e.getMessage() + " (run the same command again to resume)");
            return 1;
        }
        out.printf("reindex: %d documents, %d clauses re-embedded with %s%n", documents.size(), clauses,
                target.modelId());
        return 0;
    }

    /** Replaces one document's vectors by the configured model's; returns the number of clauses. */
    private int reembed(DocumentRecord d) {
        List<IndexedClause> old = store.clausesOf(d.id());
        List<float[]> vectors = model.embedPassages(old.stream().map(IndexedClause::indexedText).toList())
                .stream().map(e -> e.vector()).toList();
        List<IndexedClause> renewed = new ArrayList<>(old.size());
        for (int c = 0; c < old.size(); c++) {
            IndexedClause o = old.get(c);
            renewed.add(new IndexedClause(o.id(), o.ordinal(), o.clause(), o.indexedText(), vectors.get(c)));
        }
        store.replaceDocument(d, renewed);
        return renewed.size();
    }

    private static void record(Path progressFile, List<String> keys) throws IOException {
        if (!keys.isEmpty()) {
            Files.createDirectories(progressFile.getParent()); // the PostgreSQL store may never have needed it
            Files.writeString(progressFile, String.join("\n", keys) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            keys.clear();
        }
    }
}
