package io.govassist.security.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * Per-client-IP limits for the anonymous APIs (prefix {@code govassist.rate-limit}). Signed-in staff and API
 * keys are not counted here (API keys have their own per-key budgets).
 *
 * @param enabled               {@code false} turns the per-IP limits and the per-IP stream cap off (benchmarks,
 *                              load tests)
 * @param chatPerMinute         chat questions ({@code /api/v1/chat}, {@code /api/v1/chat/stream}) per client IP and
 *                              minute
 * @param searchPerMinute       searches ({@code /api/v1/search}) per client IP and minute
 * @param trustedProxies        addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is
 *                              believed; from anyone else the header is ignored (it could be forged)
 * @param maxStreamsPerClient   open answer streams ({@code /api/v1/chat/stream}) per client IP and replica
 * @param maxStreams            open answer streams per replica, all clients together (signed-in staff included)
 * @param sharedCleanupInterval pgvector mode: how often each replica deletes shared buckets that are full again
 * @param sharedBackOff         pgvector mode: after the shared buckets could not be reached, how long the replica
 *                              uses its own in-memory buckets before it asks the database again
 * @param maxConcurrentQueries  searches and non-streamed chat questions in progress per replica, all clients
 *                              together; more get 503 at once instead of queueing for the embedding model
 * @param maxJsonBody           largest request body of the JSON APIs ({@code /api/**}, uploads excepted); more is
 *                              a 413
 * @param handoffPerMinute      转人工 tickets ({@code POST /api/v1/chat/handoff}) per client IP and minute
 */
@ConfigurationProperties("govassist.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                           @DefaultValue("30") int chatPerMinute,
                           @DefaultValue("120") int searchPerMinute,
                           @DefaultValue List<String> trustedProxies,
                           @DefaultValue("4") int maxStreamsPerClient,
                           @DefaultValue("200") int maxStreams,
                           @DefaultValue("1m") Duration sharedCleanupInterval,
                           @DefaultValue("10s") Duration sharedBackOff,
                           @DefaultValue("64") int maxConcurrentQueries,
                           @DefaultValue("64KB") DataSize maxJsonBody,
                           @DefaultValue("3") int handoffPerMinute) {

    public RateLimitProperties {
        if (chatPerMinute < 1 || searchPerMinute < 1 || handoffPerMinute < 1) {
            throw new IllegalArgumentException("govassist.rate-limit.*-per-minute must be at least 1");
        }
        if (maxStreamsPerClient < 1 || maxStreams < 1 || maxConcurrentQueries < 1 || maxJsonBody.toBytes() < 1) {
            throw new IllegalArgumentException("govassist.rate-limit.max-* must be at least 1");
        }
        if (sharedCleanupInterval.isNegative() || sharedCleanupInterval.isZero() || sharedBackOff.isNegative()) {
            throw new IllegalArgumentException(
                    "govassist.rate-limit.shared-cleanup-interval must be positive, shared-back-off not negative");
        }
        trustedProxies = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
