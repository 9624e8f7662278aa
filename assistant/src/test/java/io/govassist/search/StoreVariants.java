package io.govassist.search;

import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.store.DocumentRecord;
import io.govassist.store.EmbeddingSpace;
import io.govassist.store.IndexedClause;
import io.govassist.store.LexicalAnalyzer;
import io.govassist.store.LuceneClauseStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds ablation variants of an ingested index without re-parsing (benchmark tool, run by hand):
 * <pre>java -cp … io.govassist.search.StoreVariants BASE_INDEX SMARTCN_PLUS_BIGRAM OUT_INDEX ANALYZER context|bare [SOURCES.txt]</pre>
 * {@code context} copies every clause with its indexed text and vector (only the analyzer changes); {@code bare}
 * indexes and embeds the clause text alone, without the {@code 《title》 path} line (vectors cached in
 * {@code OUT_INDEX/../passage-vectors.bin}). {@code SOURCES.txt} (one source a line) restricts the copy to those
 * documents.
 */
public final class StoreVariants {

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]);
        LexicalAnalyzer baseAnalyzer = LexicalAnalyzer.valueOf(args[1]);
        Path out = Path.of(args[2]);
        LexicalAnalyzer analyzer = LexicalAnalyzer.valueOf(args[3]);
        boolean bare = args[4].equals("bare");
        Set<String> only = args.length > 5 ? new HashSet<>(Files.readAllLines(Path.of(args[5]))) : null;
        Path vectorCache = out.toAbsolutePath().getParent().resolve("passage-vectors.bin");
        try (OnnxBertEmbeddingModel onnx = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled());
             LuceneClauseStore from = LuceneClauseStore.open(base, baseAnalyzer);
             LuceneClauseStore to = LuceneClauseStore.open(out, analyzer)) {
            CachingEmbeddingModel model = new CachingEmbeddingModel(onnx);
            if (bare) {
                model.load(vectorCache);
            }
            to.bindEmbeddingSpace(new EmbeddingSpace(onnx.modelId(), onnx.dimension()));
            List<DocumentRecord> documents = from.listDocuments();
            long start = System.nanoTime();
            int done = 0;
            int clauses = 0;
            try (LuceneClauseStore.Bulk bulk = to.beginBulk()) {
                for (DocumentRecord d : documents) {
                    if (only != null && !only.contains(d.source())) {
                        continue;
                    }
                    List<IndexedClause> copy = new ArrayList<>();
                    List<IndexedClause> original = from.clausesOf(d.id());
                    List<float[]> vectors = bare ? model.embedPassages(original.stream()
                            .map(c -> c.clause().text()).toList()).stream().map(e -> e.vector()).toList() : null;
                    for (int i = 0; i < original.size(); i++) {
                        IndexedClause c = original.get(i);
                        copy.add(bare ? new IndexedClause(c.id(), c.ordinal(), c.clause(), c.clause().text(), vectors.get(i)) : c);
                    }
                    to.replaceDocument(d, copy);
                    clauses += copy.size();
                    if (++done % 50 == 0) {
                        System.err.printf("%d documents, %d clauses, %.0fs%n", done, clauses, (System.nanoTime() - start) / 1e9);
                        if (bare && model.misses() > 0) {
                            model.save(vectorCache);
                        }
                    }
                }
            }
            if (bare && model.misses() > 0) {
                model.save(vectorCache);
            }
            System.err.printf("done: %d documents, %d clauses in %s, %.0fs%n", done, clauses, out, (System.nanoTime() - start) / 1e9);
        }
    }
}
