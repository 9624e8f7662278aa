package io.govassist.security.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory Bucket4j token buckets per (kind, client), refilled greedily over a minute. Per JVM: the limiter of
 * embedded mode, and in pgvector mode the fallback of {@link SharedClientRateLimiter} while the database cannot be
 * reached (then each replica allows the full budget). Buckets idle for longer than a refill period are full again and are
 * dropped when the map grows, so a flood of distinct addresses cannot exhaust memory.
 */
public final class Bucket4jClientRateLimiter implements ClientRateLimiter {

    static final int SWEEP_ABOVE = 10_000;
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private record Entry(long perMinute, Bucket bucket, long[] lastUsedNanos) {
    }

    private final ConcurrentMap<String, Entry> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    public Bucket4jClientRateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME);
    }

    Bucket4jClientRateLimiter(TimeMeter time) {
        this.time = time;
    }

    @Override
    public Decision tryAcquire(String kind, String client, long perMinute) {
        String key = kind + '|' + client;
        Entry entry = buckets.compute(key, (k, existing) -> existing != null && existing.perMinute() == perMinute
                ? existing
                : new Entry(perMinute, Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, PERIOD).build())
                .withCustomTimePrecision(time).build(), new long[1]));
        entry.lastUsedNanos()[0] = time.currentTimeNanos();
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        if (buckets.size() > SWEEP_ABOVE) {
            sweep();
        }
        return new Decision(probe.isConsumed(),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    int size() {
        return buckets.size();
    }

    private void sweep() {
        long idleSince = time.currentTimeNanos() - PERIOD.toNanos();
        buckets.values().removeIf(e -> e.lastUsedNanos()[0] < idleSince);
    }
}
