package io.govassist.security.limits;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimitPropertiesTest {

    private static RateLimitProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("govassist.rate-limit", RateLimitProperties.class);
    }

    @Test
    void defaults_allow_30_chats_and_120_searches_per_ip_and_minute_and_trust_no_proxy() {
        RateLimitProperties limits = bind(Map.of());
        assertThat(limits.enabled()).isTrue();
        assertThat(limits.chatPerMinute()).isEqualTo(30);
        assertThat(limits.handoffPerMinute()).isEqualTo(3);
        assertThat(limits.searchPerMinute()).isEqualTo(120);
        assertThat(limits.trustedProxies()).isEmpty();
    }

    @Test
    void defaults_cap_streams_queries_and_json_bodies_and_clean_shared_buckets_every_minute() {
        RateLimitProperties limits = bind(Map.of());
        assertThat(limits.maxStreamsPerClient()).isEqualTo(4);
        assertThat(limits.maxStreams()).isEqualTo(200);
        assertThat(limits.maxConcurrentQueries()).isEqualTo(64);
        assertThat(limits.maxJsonBody()).isEqualTo(DataSize.ofKilobytes(64));
        assertThat(limits.sharedCleanupInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(limits.sharedBackOff()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a_zero_stream_or_query_cap_stops_startup() {
        for (String setting : new String[]{"max-streams-per-client", "max-streams", "max-concurrent-queries"}) {
            assertThatThrownBy(() -> bind(Map.of("govassist.rate-limit." + setting, "0")))
                    .as(setting).isInstanceOf(BindException.class);
        }
    }

    @Test
    void limits_can_be_changed_or_turned_off() {
        RateLimitProperties limits = bind(Map.of("govassist.rate-limit.enabled", "false",
                "govassist.rate-limit.chat-per-minute", "5", "govassist.rate-limit.trusted-proxies", "10.0.0.0/8, ::1"));
        assertThat(limits.enabled()).isFalse();
        assertThat(limits.chatPerMinute()).isEqualTo(5);
        assertThat(limits.trustedProxies()).containsExactly("10.0.0.0/8", "::1");
    }

    @Test
    void a_zero_limit_stops_startup() {
        assertThatThrownBy(() -> bind(Map.of("govassist.rate-limit.search-per-minute", "0")))
                .isInstanceOf(BindException.class);
    }
}
