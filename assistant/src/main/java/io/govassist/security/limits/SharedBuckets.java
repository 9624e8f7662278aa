package io.govassist.security.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Token buckets that every replica on one PostgreSQL database shares (Bucket4j's select-for-update proxy manager on
 * table {@code rate_limit_bucket}, migration V70), so that N replicas enforce one budget. Each bucket holds a
 * minute's budget and refills greedily over a minute, like the in-memory ones.
 *
 * <p>When the database cannot be reached, {@link #tryConsume} answers empty and callers fall back to their
 * in-memory buckets (per-replica budgets) instead of refusing requests: for {@link #backOff} after a failure the
 * database is not asked again, so a dead database does not slow every request. Rows whose bucket is full again are
 * deleted every {@code cleanupInterval}, so one row per client address that ever called does not pile up.
 */
public final class SharedBuckets implements AutoCloseable {

    static final String TABLE = "rate_limit_bucket";
    private static final Logger log = LoggerFactory.getLogger(SharedBuckets.class);
    private static final Duration PERIOD = Duration.ofMinutes(1);
    private static final int CLEANUP_BATCH = 1_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final Duration backOff;
    private final Clock clock;
    private final ScheduledExecutorService cleaner;
    private volatile Instant unavailableUntil = Instant.MIN;

    public SharedBuckets(DataSource dataSource, Duration cleanupInterval, Duration backOff, Clock clock) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(1)))
                .build();
        this.backOff = backOff;
        this.clock = clock;
        this.cleaner = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("rate-limit-bucket-cleaner").factory());
        long interval = cleanupInterval.toMillis();
        cleaner.scheduleWithFixedDelay(this::cleanUp, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Takes {@code amount} from the shared bucket {@code key} holding {@code perMinute}, or empty when the
     * database cannot be reached (the caller decides with its own buckets). The limit is part of the stored key, so
     * a changed limit starts a new bucket.
     */
    public Optional<ConsumptionProbe> tryConsume(String key, long perMinute, long amount) {
        if (clock.instant().isBefore(unavailableUntil)) {
            return Optional.empty();
        }
        try {
            return Optional.of(buckets.getProxy(key + '|' + perMinute, () -> configuration(perMinute))
                    .tryConsumeAndReturnRemaining(amount));
        } catch (RuntimeException e) {
            unavailable(e);
            return Optional.empty();
        }
    }

    /** Gives back tokens to a shared bucket (up to its capacity); false when the database cannot be reached. */
    public boolean addTokens(String key, long perMinute, long tokens) {
        if (clock.instant().isBefore(unavailableUntil)) {
            return false;
        }
        try {
            buckets.getProxy(key + '|' + perMinute, () -> configuration(perMinute)).addTokens(tokens);
            return true;
        } catch (RuntimeException e) {
            unavailable(e);
            return false;
        }
    }

    /** Deletes the rows of buckets that are full again (as good as absent); returns how many. */
    int removeExpired() {
        int total = 0;
        int removed;
        do {
            removed = buckets.removeExpired(CLEANUP_BATCH);
            total += removed;
        } while (removed == CLEANUP_BATCH);
        return total;
    }

    private void cleanUp() {
        try {
            int removed = removeExpired();
            if (removed > 0) {
                log.debug("Removed {} expired rate-limit buckets", removed);
            }
        } catch (RuntimeException e) {
            log.warn("Could not remove expired rate-limit buckets: {}", e.toString());
        }
    }

    private void unavailable(RuntimeException e) {
        unavailableUntil = clock.instant().plus(backOff);
        log.warn("Shared rate limits unavailable, using per-replica buckets for the next {}: {}", backOff,
                e.toString());
    }

    private static BucketConfiguration configuration(long perMinute) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, PERIOD).build())
                .build();
    }

    @Override
    public void close() {
        cleaner.shutdownNow();
    }
}
