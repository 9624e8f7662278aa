package io.govassist.security.limits;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class Bucket4jClientRateLimiterTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final Bucket4jClientRateLimiter limiter = new Bucket4jClientRateLimiter(new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });

    @Test
    void a_client_gets_its_minute_budget_then_waits_for_the_refill() {
        for (int i = 0; i < 30; i++) {
            assertThat(limiter.tryAcquire("chat", "203.0.113.7", 30).allowed()).as("request " + i).isTrue();
        }
        ClientRateLimiter.Decision refused = limiter.tryAcquire("chat", "203.0.113.7", 30);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(2));

        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(limiter.tryAcquire("chat", "203.0.113.7", 30).allowed()).isTrue();
        assertThat(limiter.tryAcquire("chat", "203.0.113.7", 30).allowed()).isFalse();
    }

    @Test
    void clients_and_kinds_have_separate_budgets() {
        assertThat(limiter.tryAcquire("chat", "203.0.113.7", 1).allowed()).isTrue();
        assertThat(limiter.tryAcquire("chat", "203.0.113.7", 1).allowed()).isFalse();
        assertThat(limiter.tryAcquire("chat", "203.0.113.8", 1).allowed()).isTrue();
        assertThat(limiter.tryAcquire("search", "203.0.113.7", 1).allowed()).isTrue();
    }

    @Test
    void idle_buckets_are_dropped_when_many_addresses_appear() {
        for (int i = 0; i <= Bucket4jClientRateLimiter.SWEEP_ABOVE; i++) {
            limiter.tryAcquire("search", "addr-" + i, 120);
        }
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        limiter.tryAcquire("search", "one-more", 120);
        assertThat(limiter.size()).isEqualTo(1);
    }
}
