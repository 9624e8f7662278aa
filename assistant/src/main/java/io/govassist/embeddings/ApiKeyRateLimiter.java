package io.govassist.embeddings;

import io.govassist.security.apikeys.ApiKey;

import java.time.Duration;

/**
 * Per-key budgets of requests and tokens per minute ({@link ApiKey#requestsPerMinute()},
 * {@link ApiKey#tokensPerMinute()}). The implementation decides where the buckets live: in memory
 * ({@link Bucket4jApiKeyRateLimiter}) or, for several replicas, in a shared database.
 */
interface ApiKeyRateLimiter {

    /** Takes one request from the key's request budget. */
    Decision tryAcquireRequest(ApiKey key);

    /** Takes {@code tokens} from the key's token budget, all or nothing. */
    Decision tryAcquireTokens(ApiKey key, long tokens);

    /** Gives back tokens taken for a request that was not served (e.g. the queue was full). */
    void refundTokens(ApiKey key, long tokens);

    /**
     * @param allowed    whether the budget covered the request
     * @param limit      the budget per minute
     * @param remaining  what is left now
     * @param retryAfter when refused: how long until the budget covers it again
     */
    record Decision(boolean allowed, long limit, long remaining, Duration retryAfter) {
    }
}
