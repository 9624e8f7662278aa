package io.govassist.ingestion;

import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.store.IndexedClause;
import io.govassist.store.StorageFullException;
import io.govassist.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Files in, clauses out: read → split → embed → store. Idempotent: a file whose content hash is unchanged is
 * skipped; a changed file replaces its clauses atomically; a file that fails leaves nothing behind.
 */
public final class IngestionPipeline {

    private static final Logger log = LoggerFactory.getLogger(IngestionPipeline.class);
    private static final int FILES_PER_BULK = 100;
    /** Error code of a file that could not be stored because the disk under the store is full. */
    public static final String STORAGE_FULL = "STORAGE_FULL";
    public static final String STORAGE_FULL_MESSAGE = "存储空间不足，文件未能保存；请联系管理员清理磁盘空间后重试";
    /** Error code of a file that could not be stored because the store's database cannot be reached. */
    public static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";
    public static final String STORE_UNAVAILABLE_MESSAGE = "政策文件库暂时无法访问，文件未能保存，请稍后重试";

    private final PolicyReader reader;
    private final QueryAwareEmbeddingModel embeddingModel;
    private final ClauseStore store;
    private final long maxFileBytes;
    private final Clock clock;
    private final Map<String, ReentrantLock> documentLocks = new ConcurrentHashMap<>();

    public IngestionPipeline(PolicyReader reader, QueryAwareEmbeddingModel embeddingModel, ClauseStore store,
                             long maxFileBytes, Clock clock) {
        this.reader = reader;
        this.embeddingModel = embeddingModel;
        this.store = store;
        this.maxFileBytes = maxFileBytes;
        this.clock = clock;
    }

    /** Ingests one file's bytes under {@code source}. Never throws for a bad file: the result says FAILED. */
    public IngestResult ingest(String source, byte[] content) {
        String documentId = Ids.documentId(source);
        if (content.length > maxFileBytes) {
            return IngestResult.failed(source, "FILE_TOO_LARGE",
                    "文件过大（" + content.length / 1024 / 1024 + " MB），上限为 " + maxFileBytes / 1024 / 1024 + " MB");
        }
        ReentrantLock lock = documentLocks.computeIfAbsent(documentId, id -> new ReentrantLock());
        lock.lock();
        // A store shared by several processes also locks across them, so the hash check below sees what another
        // process stored and the same document is never parsed, embedded and stored twice at once.
        try (ClauseStore.DocumentLock shared = store.lockDocument(documentId)) {
            String hash = Ids.sha256(content);
            Optional<DocumentRecord> existing = store.findDocument(documentId);
            if (existing.isPresent() && existing.get().contentHash().equals(hash)) {
                return new IngestResult(source, documentId, IngestResult.Status.UNCHANGED,
                        existing.get().clauseCount(), null, null, existing.get().metadata().title());
            }
            ParsedPolicy parsed = reader.read(source, content);
            List<IndexedClause> clauses = index(parsed);
            DocumentRecord record = new DocumentRecord(documentId, source, hash, parsed.metadata(), clauses.size(),
                    clock.instant());
            store.replaceDocument(record, clauses);
            return new IngestResult(source, documentId,
                    existing.isPresent() ? IngestResult.Status.UPDATED : IngestResult.Status.INGESTED,
                    clauses.size(), null, null, parsed.metadata().title());
        } catch (DocumentParseException e) {
            return IngestResult.failed(source, e.code().name(), e.getMessage());
        } catch (StorageFullException e) {
            log.warn("Ingesting {} failed: {}", source, e.getMessage());
            return IngestResult.failed(source, STORAGE_FULL, STORAGE_FULL_MESSAGE);
        } catch (StoreUnavailableException e) {
            log.warn("Ingesting {} failed: {}", source, e.getMessage());
            return IngestResult.failed(source, STORE_UNAVAILABLE, STORE_UNAVAILABLE_MESSAGE);
        } catch (RuntimeException e) {
            log.warn("Ingesting {} failed", source, e);
            return IngestResult.failed(source, "INGEST_FAILED", "处理文件时出错：" + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /** Embeds the clauses of a parsed document with their context (title and heading path). */
    public List<IndexedClause> index(ParsedPolicy parsed) {
        String documentId = parsed.documentId();
        List<String> texts = new ArrayList<>(parsed.clauses().size());
        for (Clause clause : parsed.clauses()) {
            texts.add(ClauseAwareSplitter.contextualText(parsed.metadata(), clause));
        }
        List<float[]> vectors = embeddingModel.embedPassages(texts).stream().map(e -> e.vector()).toList();
        Map<String, Integer> occurrences = new HashMap<>();
        List<IndexedClause> indexed = new ArrayList<>(texts.size());
        for (int i = 0; i < parsed.clauses().size(); i++) {
            Clause clause = parsed.clauses().get(i);
            String key = String.join("/", clause.markers()) + "#" + clause.part();
            int occurrence = occurrences.merge(key, 1, Integer::sum) - 1;
            indexed.add(new IndexedClause(Ids.clauseId(documentId, clause.markers(), clause.part(), occurrence), i,
                    clause, texts.get(i), vectors.get(i)));
        }
        return indexed;
    }

    /** Deletes a document and all its clauses. */
    public boolean delete(String documentId) {
        ReentrantLock lock = documentLocks.computeIfAbsent(documentId, id -> new ReentrantLock());
        lock.lock();
        try (ClauseStore.DocumentLock shared = store.lockDocument(documentId)) {
            return store.deleteDocument(documentId);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ingests every regular file below {@code root} (recursively, in path order), with sources relative to
     * {@code root}; a single file is ingested under its file name. Hidden files are skipped.
     */
    public List<IngestResult> ingestTree(Path root, Consumer<Progress> progress) {
        Path base = root.toAbsolutePath().normalize();
        List<Path> files = listFiles(base);
        Path relativeTo = Files.isDirectory(base) ? base : base.getParent();
        List<IngestResult> results = new ArrayList<>(files.size());
        int done = 0;
        for (int from = 0; from < files.size(); from += FILES_PER_BULK) {
            // Commit in groups: fast, yet an interruption loses at most one group, which is re-ingested next time.
            try (ClauseStore.BulkSession bulk = store.beginBulk()) {
                for (Path file : files.subList(from, Math.min(files.size(), from + FILES_PER_BULK))) {
                    String source = relativeTo.relativize(file).toString().replace('\\', '/');
                    IngestResult result;
                    try {
                        result = ingest(source, Files.readAllBytes(file));
                    } catch (IOException e) {
                        result = IngestResult.failed(source, "READ_FAILED", "无法读取文件：" + e.getMessage());
                    }
                    results.add(result);
                    progress.accept(new Progress(++done, files.size(), result));
                }
            }
        }
        return results;
    }

    /** Regular, non-hidden files below a root, in path order. */
    public static List<Path> listFiles(Path root) {
        if (Files.isRegularFile(root)) {
            return List.of(root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
    }

    /** Progress of a tree import: {@code done} of {@code total} files, with the latest result. */
    public record Progress(int done, int total, IngestResult latest) {
    }
}
