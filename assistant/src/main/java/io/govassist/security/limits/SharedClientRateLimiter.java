package io.govassist.security.limits;

import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-client budgets shared by all replicas through {@link SharedBuckets}; while the database cannot be reached,
 * each replica falls back to its own in-memory buckets (so a client may then get up to N budgets, but no request is
 * refused because of the limiter itself).
 */
public final class SharedClientRateLimiter implements ClientRateLimiter {

    private final SharedBuckets shared;
    private final ClientRateLimiter fallback;

    public SharedClientRateLimiter(SharedBuckets shared, ClientRateLimiter fallback) {
        this.shared = shared;
        this.fallback = fallback;
    }

    @Override
    public Decision tryAcquire(String kind, String client, long perMinute) {
        Optional<ConsumptionProbe> probe = shared.tryConsume(kind + '|' + client, perMinute, 1);
        if (probe.isEmpty()) {
            return fallback.tryAcquire(kind, client, perMinute);
        }
        ConsumptionProbe p = probe.get();
        return new Decision(p.isConsumed(), p.isConsumed() ? Duration.ZERO : Duration.ofNanos(p.getNanosToWaitForRefill()));
    }
}
