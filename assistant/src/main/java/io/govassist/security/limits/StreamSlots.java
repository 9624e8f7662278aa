package io.govassist.security.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the answer streams open on this replica, per client and in all, against two caps. An open stream holds a
 * connection and a worker here, so the count is per replica (not shared through the database). Clients with no
 * open stream have no entry.
 */
public final class StreamSlots {

    /** Why a stream was refused. */
    enum Refusal { CLIENT_CAP, GLOBAL_CAP }

    /** An open stream's slot; closing it more than once frees it once. */
    final class Slot implements AutoCloseable {
        private final String client;
        private final AtomicBoolean open = new AtomicBoolean(true);

        private Slot(String client) {
            this.client = client;
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                release(client);
            }
        }
    }

    /** The outcome of {@link #tryOpen}: a slot, or why there is none. */
    record Attempt(Slot slot, Refusal refusal) {
    }

    private final ConcurrentMap<String, Integer> perClient = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    /**
     * Takes a slot for {@code client} (null: counted only against the global cap, e.g. signed-in staff or per-IP
     * limits turned off).
     */
    Attempt tryOpen(String client, int maxPerClient, int maxTotal) {
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            return new Attempt(null, Refusal.GLOBAL_CAP);
        }
        if (client != null) {
            boolean[] granted = {false};
            perClient.compute(client, (c, n) -> {
                int current = n == null ? 0 : n;
                if (current >= maxPerClient) {
                    return n;
                }
                granted[0] = true;
                return current + 1;
            });
            if (!granted[0]) {
                total.decrementAndGet();
                return new Attempt(null, Refusal.CLIENT_CAP);
            }
        }
        return new Attempt(new Slot(client), null);
    }

    public int open() {
        return total.get();
    }

    int open(String client) {
        return perClient.getOrDefault(client, 0);
    }

    int clients() {
        return perClient.size();
    }

    private void release(String client) {
        if (client != null) {
            perClient.computeIfPresent(client, (c, n) -> n <= 1 ? null : n - 1);
        }
        total.decrementAndGet();
    }
}
