package io.govassist.security.audit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditPropertiesTest {

    private static AuditProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("govassist.audit", AuditProperties.class);
    }

    @Test
    void by_default_audit_events_are_kept_180_days_the_six_months_of_dengbao_and_purged_at_startup() {
        AuditProperties audit = bind(Map.of());
        assertThat(audit.retention()).isEqualTo(Duration.ofDays(180));
        assertThat(audit.retentionDays()).isEqualTo(180);
        assertThat(audit.purgeOnStartup()).isTrue();
    }

    @Test
    void the_retention_is_set_in_days() {
        assertThat(bind(Map.of("govassist.audit.retention", "365d")).retentionDays()).isEqualTo(365);
    }

    @Test
    void a_retention_below_one_day_or_not_in_whole_days_stops_startup() {
        assertThatThrownBy(() -> bind(Map.of("govassist.audit.retention", "0d"))).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> bind(Map.of("govassist.audit.retention", "36h"))).isInstanceOf(BindException.class);
    }
}
