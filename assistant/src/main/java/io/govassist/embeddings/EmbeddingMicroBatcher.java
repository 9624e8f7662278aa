package io.govassist.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import io.govassist.models.QueryAwareEmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Groups concurrent embedding requests into one model call each ({@link QueryAwareEmbeddingModel#embedPassages} /
 * {@link QueryAwareEmbeddingModel#embedQueries} of the combined texts), FIFO.
 *
 * <p>Backpressure: at most {@code queueCapacity} texts are queued or in inference; {@link #submit} refuses a request
 * that does not fit at once ({@link QueueFullException}) instead of buffering without bound. A worker takes the first
 * waiting request, then whatever else is already waiting (waiting at most {@code maxWait} for more) up to
 * {@code maxTexts} texts.
 *
 * <p>Grouping does not change vectors: the model pads per its own {@code max-batch-size} (1 by default), so a text's
 * vector is the one it gets alone. With {@code govassist.embedding.max-batch-size > 1} grouped texts share padded
 * batches, and the int8 model's per-tensor quantisation makes a vector depend slightly on its neighbours.
 */
final class EmbeddingMicroBatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingMicroBatcher.class);

    /** The queue is full: the caller should answer 503 and let the client retry. */
    static final class QueueFullException extends RuntimeException {
        QueueFullException(String message) {
            super(message, null, false, false);
        }
    }

    private record Job(List<String> texts, boolean query, long enqueuedNanos,
                       CompletableFuture<List<Embedding>> result) {
    }

    private final QueryAwareEmbeddingModel model;
    private final EmbeddingApiMetrics metrics;
    private final int maxTexts;
    private final long maxWaitNanos;
    private final int capacity;
    private final Semaphore room;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean closed;

    EmbeddingMicroBatcher(QueryAwareEmbeddingModel model, EmbeddingApiProperties.Batching settings,
                          EmbeddingApiMetrics metrics) {
        this.model = Objects.requireNonNull(model, "model");
        this.metrics = metrics;
        this.maxTexts = settings.maxTexts();
        this.maxWaitNanos = settings.maxWait().toNanos();
        this.capacity = settings.queueCapacity();
        this.room = new Semaphore(capacity);
        for (int i = 0; i < settings.workers(); i++) {
            Thread worker = Thread.ofPlatform().daemon(true).name("embedding-batcher-" + model.modelId() + "-" + i)
                    .unstarted(this::work);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Queues texts for embedding. The future completes with one embedding per text, in order; cancelling it before its
     * batch starts skips the work.
     *
     * @throws QueueFullException when the texts do not fit into the queue now
     */
    CompletableFuture<List<Embedding>> submit(List<String> texts, boolean query) {
        if (texts.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (closed) {
            throw new QueueFullException("the embedding queue is shut down");
        }
        if (texts.size() > capacity || !room.tryAcquire(texts.size())) {
            throw new QueueFullException("embedding queue full (" + pendingTexts() + " of " + capacity + " texts)");
        }
        Job job = new Job(List.copyOf(texts), query, System.nanoTime(), new CompletableFuture<>());
        job.result().whenComplete((r, e) -> room.release(job.texts().size()));
        queue.add(job);
        return job.result();
    }

    /** Texts queued or in inference. */
    int pendingTexts() {
        return capacity - room.availablePermits();
    }

    private void work() {
        Job carried = null;
        while (!closed) {
            try {
                Job first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
                carried = null;
                if (first == null) {
                    continue;
                }
                List<Job> batch = new ArrayList<>();
                batch.add(first);
                int texts = first.texts().size();
                long deadline = System.nanoTime() + maxWaitNanos;
                while (texts < maxTexts) {
                    long remaining = deadline - System.nanoTime();
                    Job next = remaining > 0 ? queue.poll(remaining, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (texts + next.texts().size() > maxTexts) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    texts += next.texts().size();
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (carried != null) {
            carried.result().completeExceptionally(new CancellationException("shutting down"));
        }
    }

    private void run(List<Job> jobs) {
        long start = System.nanoTime();
        List<Job> live = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            if (!job.result().isDone()) {
                live.add(job);
                metrics.queued(Duration.ofNanos(start - job.enqueuedNanos()));
            }
        }
        if (live.isEmpty()) {
            return;
        }
        List<String> passages = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (Job job : live) {
            (job.query() ? queries : passages).addAll(job.texts());
        }
        try {
            List<Embedding> passageVectors = passages.isEmpty() ? List.of() : model.embedPassages(passages);
            List<Embedding> queryVectors = queries.isEmpty() ? List.of() : model.embedQueries(queries);
            metrics.batch(passages.size() + queries.size(), Duration.ofNanos(System.nanoTime() - start));
            int p = 0;
            int q = 0;
            for (Job job : live) {
                int n = job.texts().size();
                if (job.query()) {
                    job.result().complete(queryVectors.subList(q, q + n));
                    q += n;
                } else {
                    job.result().complete(passageVectors.subList(p, p + n));
                    p += n;
                }
            }
        } catch (RuntimeException e) {
            log.error("Embedding batch of {} texts failed", passages.size() + queries.size(), e);
            live.forEach(job -> job.result().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        closed = true;
        workers.forEach(Thread::interrupt);
        for (Thread worker : workers) {
            try {
                worker.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Job job;
        while ((job = queue.poll()) != null) {
            job.result().completeExceptionally(new CancellationException("shutting down"));
        }
    }
}
