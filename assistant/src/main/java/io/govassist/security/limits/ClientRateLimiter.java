package io.govassist.security.limits;

import java.time.Duration;

/**
 * Budgets per client and kind of request (e.g. 30 chats per minute per IP). The implementation decides where the
 * buckets live: in this JVM ({@link Bucket4jClientRateLimiter}) or shared between replicas.
 */
public interface ClientRateLimiter {

    /** Takes one request of {@code kind} from {@code client}'s budget of {@code perMinute}. */
    Decision tryAcquire(String kind, String client, long perMinute);

    /**
     * @param allowed    whether the budget covered the request
     * @param retryAfter when refused: how long until it would
     */
    record Decision(boolean allowed, Duration retryAfter) {
    }
}
