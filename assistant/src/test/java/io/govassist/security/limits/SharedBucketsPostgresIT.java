package io.govassist.security.limits;

import io.github.bucket4j.ConsumptionProbe;
import io.govassist.PostgresSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SharedBuckets} on a real PostgreSQL schema with the V70 migration: two instances (as two replicas would)
 * share one budget, full buckets are cleaned up, and a missing table makes callers fall back without retrying the
 * database on every request.
 */
class SharedBucketsPostgresIT {

    private static final PostgresSupport db = new PostgresSupport();
    private PGSimpleDataSource dataSource;

    @BeforeAll
    static void database() {
        PostgresSupport.requireAvailable();
    }

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    @BeforeEach
    void schema() {
        dataSource = new PGSimpleDataSource();
        dataSource.setURL(db.newSchemaUrl("shared_buckets_it"));
        dataSource.setUser(PostgresSupport.USER);
        dataSource.setPassword(PostgresSupport.PASSWORD);
        execute(migrationText());
    }

    private SharedBuckets buckets(Clock clock) {
        return new SharedBuckets(dataSource, Duration.ofHours(1), Duration.ofSeconds(10), clock);
    }

    @Test
    void two_instances_on_one_table_share_one_budget() {
        try (SharedBuckets a = buckets(Clock.systemUTC()); SharedBuckets b = buckets(Clock.systemUTC())) {
            int allowed = 0;
            for (int i = 0; i < 10; i++) {
                ConsumptionProbe probe = (i % 2 == 0 ? a : b).tryConsume("chat|203.0.113.1", 5, 1).orElseThrow();
                allowed += probe.isConsumed() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(5);
            ConsumptionProbe refused = a.tryConsume("chat|203.0.113.1", 5, 1).orElseThrow();
            assertThat(refused.isConsumed()).isFalse();
            assertThat(Duration.ofNanos(refused.getNanosToWaitForRefill())).isBetween(Duration.ofSeconds(1),
                    Duration.ofSeconds(13));
            assertThat(b.tryConsume("chat|203.0.113.2", 5, 1).orElseThrow().isConsumed())
                    .as("another client has its own bucket").isTrue();
            assertThat(b.tryConsume("chat|203.0.113.1", 6, 1).orElseThrow().isConsumed())
                    .as("a changed limit starts a new bucket").isTrue();
        }
    }

    @Test
    void tokens_given_back_are_available_to_the_other_instance() {
        try (SharedBuckets a = buckets(Clock.systemUTC()); SharedBuckets b = buckets(Clock.systemUTC())) {
            assertThat(a.tryConsume("key-tokens|k1", 100, 100).orElseThrow().isConsumed()).isTrue();
            assertThat(b.tryConsume("key-tokens|k1", 100, 40).orElseThrow().isConsumed()).isFalse();
            assertThat(a.addTokens("key-tokens|k1", 100, 50)).isTrue();
            assertThat(b.tryConsume("key-tokens|k1", 100, 40).orElseThrow().isConsumed()).isTrue();
        }
    }

    @Test
    void buckets_that_are_full_again_are_deleted_and_others_kept() throws Exception {
        try (SharedBuckets buckets = buckets(Clock.systemUTC())) {
            // 600,000 per minute: one token back every 0.1 ms, full again almost at once
            for (int i = 0; i < 20; i++) {
                assertThat(buckets.tryConsume("search|198.51.100." + i, 600_000, 1)).isPresent();
            }
            assertThat(buckets.tryConsume("chat|198.51.100.200", 1, 1).orElseThrow().isConsumed()).isTrue();
            assertThat(rows()).isEqualTo(21);

            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int removed = 0;
            while (removed < 20 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                removed += buckets.removeExpired();
            }
            assertThat(removed).isEqualTo(20);
            assertThat(rows()).as("the empty 1-per-minute bucket is kept").isEqualTo(1);
            assertThat(buckets.tryConsume("chat|198.51.100.200", 1, 1).orElseThrow().isConsumed()).isFalse();
        }
    }

    @Test
    void without_the_table_callers_are_told_to_fall_back_and_the_database_is_left_alone_for_the_back_off() {
        MutableClock clock = new MutableClock();
        try (SharedBuckets buckets = buckets(clock)) {
            assertThat(buckets.tryConsume("chat|192.0.2.1", 5, 1)).isPresent();
            execute("DROP TABLE rate_limit_bucket");

            assertThat(buckets.tryConsume("chat|192.0.2.1", 5, 1)).isEmpty();
            assertThat(buckets.addTokens("chat|192.0.2.1", 5, 1)).isFalse();

            execute(migrationText());
            clock.advance(Duration.ofSeconds(5));
            assertThat(buckets.tryConsume("chat|192.0.2.1", 5, 1)).as("still backing off").isEmpty();
            clock.advance(Duration.ofSeconds(6));
            Optional<ConsumptionProbe> back = buckets.tryConsume("chat|192.0.2.1", 5, 1);
            assertThat(back).as("asks the database again after the back-off").isPresent();
            assertThat(back.orElseThrow().isConsumed()).isTrue();
        }
    }

    /** Per-IP limiter on top: falls back to the in-memory buckets, so the budget still holds per instance. */
    @Test
    void the_client_limiter_keeps_limiting_in_memory_while_the_table_is_gone() {
        try (SharedBuckets buckets = buckets(Clock.systemUTC())) {
            ClientRateLimiter limiter = new SharedClientRateLimiter(buckets, new Bucket4jClientRateLimiter());
            execute("DROP TABLE rate_limit_bucket");
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.tryAcquire("chat", "192.0.2.9", 3).allowed()).isTrue();
            }
            ClientRateLimiter.Decision refused = limiter.tryAcquire("chat", "192.0.2.9", 3);
            assertThat(refused.allowed()).isFalse();
            assertThat(refused.retryAfter()).isPositive();
        }
    }

    private String migrationText() {
        try (InputStream in = getClass().getResourceAsStream("/db/migration/postgresql/V70__rate_limit_buckets.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long rows() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM rate_limit_bucket")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
