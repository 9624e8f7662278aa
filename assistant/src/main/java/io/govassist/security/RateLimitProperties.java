package io.govassist.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Per-client-IP limits for the anonymous APIs (prefix {@code govassist.rate-limit}). Signed-in staff and API
 * keys are not counted here (API keys have their own per-key budgets).
 *
 * @param enabled          {@code false} turns the per-IP limits off (benchmarks, load tests)
 * @param chatPerMinute    chat questions ({@code /api/v1/chat}, {@code /api/v1/chat/stream}) per client IP and minute
 * @param searchPerMinute  searches ({@code /api/v1/search}) per client IP and minute
 * @param trustedProxies   addresses or CIDR ranges of reverse proxies whose {@code X-Forwarded-For} is believed;
 *                         from anyone else the header is ignored (it could be forged)
 */
@ConfigurationProperties("govassist.rate-limit")
record RateLimitProperties(@DefaultValue("true") boolean enabled,
                           @DefaultValue("30") int chatPerMinute,
                           @DefaultValue("120") int searchPerMinute,
                           @DefaultValue List<String> trustedProxies) {

    RateLimitProperties {
        if (chatPerMinute < 1 || searchPerMinute < 1) {
            throw new IllegalArgumentException("govassist.rate-limit.*-per-minute must be at least 1");
        }
        trustedProxies = trustedProxies.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
