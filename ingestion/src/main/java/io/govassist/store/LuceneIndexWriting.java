package io.govassist.store;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The index writer of {@link LuceneClauseStore} and what keeps it usable: the write lock, the searcher manager over
 * the writer, commits, and the rollback to the last commit with a fresh writer after a failed write.
 */
final class LuceneIndexWriting {

    private static final Logger log = LoggerFactory.getLogger(LuceneClauseStore.class);

    /** The open writer with the searcher manager over it; {@code generation} counts rollbacks. */
    record Writer(IndexWriter writer, SearcherManager searchers, long generation) {
    }

    private final Path path;
    private final Directory directory;
    private final Analyzer analyzer;
    private final ReentrantLock writeLock = new ReentrantLock();
    /** The writer and its searcher manager; replaced as a pair when a failed write is rolled back. */
    private volatile Writer current;
    private volatile boolean closed;

    LuceneIndexWriting(Path path, Directory directory, Analyzer analyzer) {
        this.path = path;
        this.directory = directory;
        this.analyzer = analyzer;
    }

    IndexWriter newWriter() throws IOException {
        return new IndexWriter(directory, writerConfig());
    }

    private IndexWriterConfig writerConfig() {
        return new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setRAMBufferSizeMB(64)
                .setCommitOnClose(true);
    }

    /** Starts with {@code w}, the first writer. */
    void start(IndexWriter w) throws IOException {
        this.current = new Writer(w, new SearcherManager(w, null), 0);
    }

    Writer current() {
        return current;
    }

    boolean closed() {
        return closed;
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("clause store " + path + " is closed");
        }
    }

    void lock() {
        writeLock.lock();
    }

    void unlock() {
        writeLock.unlock();
    }

    /** Commits pending writes and makes them visible; a failure rolls back (see {@link #failed}). */
    void commit(String what) {
        writeLock.lock();
        try {
            ensureOpen();
            Writer w = current;
            try {
                commitAndRefresh(w);
            } catch (IOException | RuntimeException e) {
                throw failed(w, what, e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** Merges down to {@code maxSegments} and commits; a failure rolls back (see {@link #failed}). */
    void forceMerge(int maxSegments, String what) {
        writeLock.lock();
        try {
            ensureOpen();
            Writer w = current;
            try {
                w.writer().forceMerge(maxSegments);
                commitAndRefresh(w);
            } catch (IOException | RuntimeException e) {
                throw failed(w, what, e);
            }
        } finally {
            writeLock.unlock();
        }
    }

    static void commitAndRefresh(Writer w) throws IOException {
        w.writer().commit();
        w.searchers().maybeRefreshBlocking();
    }


    /**
     * A write failed: rolls the index back to its last commit (so nothing of the failed write can become visible or
     * durable later, and Lucene's tragic-event state is cleared) with a fresh writer, and returns the exception to
     * throw — {@link StorageFullException} when the disk is full.
     */
    RuntimeException failed(Writer failed, String what, Throwable e) {
        if (closed) {
            return new IllegalStateException("clause store " + path + " is closed", e);
        }
        writeLock.lock();
        try {
            if (current == failed && !closed) {
                try {
                    failed.writer().rollback();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                reopenWriter(failed, e);
            }
        } finally {
            writeLock.unlock();
        }
        if (StorageFullException.isDiskFull(e)) {
            log.warn("{}: the disk is full ({}); rolled back to the last commit", what, e.getMessage());
            return new StorageFullException(what + ": no space left on the device", e);
        }
        log.warn("{}: rolled back to the last commit", what, e);
        if (e instanceof IOException io) {
            return new UncheckedIOException(what + ": " + e.getMessage(), io);
        }
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }

    /**
     * Opens a new writer on the last commit in place of the rolled-back one. If that fails too, searches keep the
     * old snapshot and the next write tries again.
     */
    private void reopenWriter(Writer failed, Throwable cause) {
        IndexWriter w;
        try {
            w = newWriter();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            log.error("Cannot reopen the clause index {} after a failed write: {}", path, e.getMessage());
            return;
        }
        try {
            current = new Writer(w, new SearcherManager(w, null), failed.generation() + 1);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
            try {
                w.rollback();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            log.error("Cannot reopen the clause index {} after a failed write: {}", path, e.getMessage());
            return;
        }
        try {
            failed.searchers().close();
        } catch (IOException | RuntimeException e) {
            log.debug("Closing the searchers of the rolled-back writer", e);
        }
    }

    /** Closes the searchers, the writer (committing), the analyzer and the directory; idempotent. */
    void close() {
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Writer w = current;
            try {
                w.searchers().close();
                w.writer().close();
            } finally {
                analyzer.close();
                directory.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot close clause index " + path, e);
        } finally {
            writeLock.unlock();
        }
    }
}
