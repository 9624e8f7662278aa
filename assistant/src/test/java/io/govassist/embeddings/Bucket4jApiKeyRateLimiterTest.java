package io.govassist.embeddings;

import io.github.bucket4j.TimeMeter;
import io.govassist.security.apikeys.ApiKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class Bucket4jApiKeyRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Bucket4jApiKeyRateLimiter limiter = new Bucket4jApiKeyRateLimiter(new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    });

    private static ApiKey key(String id, long rpm, long tpm) {
        return new ApiKey(id, id, "ga-abcdef", rpm, tpm, Instant.EPOCH, null, null);
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void requests_beyond_the_per_minute_budget_are_refused_until_it_refills() {
        ApiKey key = key("a", 3, 1000);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquireRequest(key).allowed()).isTrue();
        }
        ApiKeyRateLimiter.Decision refused = limiter.tryAcquireRequest(key);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(3);
        assertThat(refused.remaining()).isZero();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));

        advance(Duration.ofSeconds(19));
        assertThat(limiter.tryAcquireRequest(key).allowed()).isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquireRequest(key).allowed()).isTrue();
    }

    @Test
    void tokens_are_taken_all_or_nothing_and_can_be_refunded() {
        ApiKey key = key("a", 100, 150);
        assertThat(limiter.tryAcquireTokens(key, 100).remaining()).isEqualTo(50);
        ApiKeyRateLimiter.Decision refused = limiter.tryAcquireTokens(key, 60);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(4));
        limiter.refundTokens(key, 100);
        assertThat(limiter.tryAcquireTokens(key, 150).allowed()).isTrue();
    }

    @Test
    void a_request_larger_than_the_whole_budget_is_refused_without_a_retry_time() {
        ApiKeyRateLimiter.Decision decision = limiter.tryAcquireTokens(key("a", 10, 50), 51);
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.retryAfter()).isNull();
    }

    @Test
    void keys_have_separate_budgets_and_new_limits_take_effect() {
        assertThat(limiter.tryAcquireRequest(key("a", 1, 10)).allowed()).isTrue();
        assertThat(limiter.tryAcquireRequest(key("a", 1, 10)).allowed()).isFalse();
        assertThat(limiter.tryAcquireRequest(key("b", 1, 10)).allowed()).isTrue();
        assertThat(limiter.tryAcquireRequest(key("a", 5, 10)).allowed()).isTrue();
    }
}
