package io.govassist.embeddings;

import io.github.bucket4j.ConsumptionProbe;
import io.govassist.security.apikeys.ApiKey;
import io.govassist.security.limits.SharedBuckets;

import java.time.Duration;
import java.util.Optional;

/**
 * Per-key request and token budgets shared by all replicas through {@link SharedBuckets}; while the database
 * cannot be reached, each replica falls back to its own in-memory buckets.
 */
final class SharedApiKeyRateLimiter implements ApiKeyRateLimiter {

    private final SharedBuckets shared;
    private final ApiKeyRateLimiter fallback;

    SharedApiKeyRateLimiter(SharedBuckets shared, ApiKeyRateLimiter fallback) {
        this.shared = shared;
        this.fallback = fallback;
    }

    @Override
    public Decision tryAcquireRequest(ApiKey key) {
        return consume("key-requests|" + key.id(), key.requestsPerMinute(), 1)
                .orElseGet(() -> fallback.tryAcquireRequest(key));
    }

    @Override
    public Decision tryAcquireTokens(ApiKey key, long tokens) {
        if (tokens > key.tokensPerMinute()) {
            return new Decision(false, key.tokensPerMinute(), 0, null);
        }
        return consume("key-tokens|" + key.id(), key.tokensPerMinute(), tokens)
                .orElseGet(() -> fallback.tryAcquireTokens(key, tokens));
    }

    @Override
    public void refundTokens(ApiKey key, long tokens) {
        if (tokens > 0 && !shared.addTokens("key-tokens|" + key.id(), key.tokensPerMinute(), tokens)) {
            fallback.refundTokens(key, tokens);
        }
    }

    private Optional<Decision> consume(String bucket, long limit, long amount) {
        Optional<ConsumptionProbe> probe = shared.tryConsume(bucket, limit, amount);
        return probe.map(p -> new Decision(p.isConsumed(), limit, p.getRemainingTokens(),
                p.isConsumed() ? Duration.ZERO : Duration.ofNanos(p.getNanosToWaitForRefill())));
    }
}
