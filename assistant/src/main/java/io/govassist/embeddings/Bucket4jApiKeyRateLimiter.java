package io.govassist.embeddings;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.govassist.security.apikeys.ApiKey;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory token buckets per API key (Bucket4j), refilled greedily: a key with 600 requests per minute gets one back
 * every 100 ms, and may burst up to its full minute's budget. Buckets are per JVM: the limiter of embedded mode, and
 * in pgvector mode the fallback of {@link SharedApiKeyRateLimiter} while the database cannot be reached.
 */
final class Bucket4jApiKeyRateLimiter implements ApiKeyRateLimiter {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private record Buckets(long requestsPerMinute, long tokensPerMinute, Bucket requests, Bucket tokens) {
    }

    private final ConcurrentMap<String, Buckets> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    Bucket4jApiKeyRateLimiter() {
        this(TimeMeter.SYSTEM_MILLISECONDS);
    }

    Bucket4jApiKeyRateLimiter(TimeMeter time) {
        this.time = time;
    }

    @Override
    public Decision tryAcquireRequest(ApiKey key) {
        return consume(buckets(key).requests(), key.requestsPerMinute(), 1);
    }

    @Override
    public Decision tryAcquireTokens(ApiKey key, long tokens) {
        return consume(buckets(key).tokens(), key.tokensPerMinute(), tokens);
    }

    @Override
    public void refundTokens(ApiKey key, long tokens) {
        if (tokens > 0) {
            buckets(key).tokens().addTokens(tokens);
        }
    }

    private static Decision consume(Bucket bucket, long limit, long amount) {
        if (amount > limit) {
            return new Decision(false, limit, bucket.getAvailableTokens(), null);
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(amount);
        return new Decision(probe.isConsumed(), limit, probe.getRemainingTokens(),
                probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    private Buckets buckets(ApiKey key) {
        Buckets current = buckets.get(key.id());
        if (current != null && current.requestsPerMinute() == key.requestsPerMinute()
                && current.tokensPerMinute() == key.tokensPerMinute()) {
            return current;
        }
        return buckets.compute(key.id(), (id, existing) -> existing != null
                && existing.requestsPerMinute() == key.requestsPerMinute()
                && existing.tokensPerMinute() == key.tokensPerMinute()
                ? existing
                : new Buckets(key.requestsPerMinute(), key.tokensPerMinute(), bucket(key.requestsPerMinute()),
                bucket(key.tokensPerMinute())));
    }

    private Bucket bucket(long perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, PERIOD).build())
                .withCustomTimePrecision(time)
                .build();
    }
}
