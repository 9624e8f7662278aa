package io.govassist.sync;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.scheduling.support.SimpleTriggerContext;
import org.springframework.util.unit.DataSize;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SyncPropertiesTest {

    private static SyncProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("govassist.sync", SyncProperties.class);
    }

    @Test
    void defaults_are_pinned() {
        SyncProperties p = bind(Map.of());
        assertThat(p.scheduling()).isTrue();
        assertThat(p.userAgent()).isEqualTo("GovAssistSync/1.0 (+policy-column-sync)");
        assertThat(p.robotsToken()).isEqualTo("GovAssistSync");
        assertThat(p.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.maxPageSize()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(p.maxPagesPerRun()).isEqualTo(1000);
        assertThat(p.maxRedirects()).isEqualTo(5);
        assertThat(p.minInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.staleRun()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void a_blank_user_agent_is_refused() {
        assertThatThrownBy(() -> bind(Map.of("govassist.sync.user-agent", " ")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("user-agent");
    }

    @Test
    void schedules_are_intervals_or_six_field_cron_and_not_too_frequent() {
        Duration min = Duration.ofMinutes(15);
        assertThat(Schedule.parse(" ", min)).isNull();
        assertThat(Schedule.parse("6h", min).interval()).isEqualTo(Duration.ofHours(6));
        assertThat(Schedule.parse("0 0 3 * * *", min).cron()).isEqualTo("0 0 3 * * *");
        assertThatThrownBy(() -> Schedule.parse("5m", min)).hasMessageContaining("不能短于 15 分钟");
        assertThatThrownBy(() -> Schedule.parse("every day", min)).hasMessageContaining("无法识别");
    }

    @Test
    void an_interval_first_fires_one_interval_after_start_and_cron_at_its_time() {
        Instant start = Instant.parse("2026-12-04T10:00:00Z");
        SimpleTriggerContext context = new SimpleTriggerContext(Clock.fixed(start, ZoneOffset.UTC));
        assertThat(Schedule.parse("6h", Duration.ofMinutes(15)).trigger().nextExecution(context))
                .isEqualTo(start.plus(Duration.ofHours(6)));
        Instant cron = Schedule.parse("0 0 3 * * *", Duration.ofMinutes(15)).trigger().nextExecution(context);
        assertThat(cron).isAfter(start);
        assertThat(ZonedDateTime.ofInstant(cron, java.time.ZoneId.systemDefault()).getHour()).isEqualTo(3);
    }
}
