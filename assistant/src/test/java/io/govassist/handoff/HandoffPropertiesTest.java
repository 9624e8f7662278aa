package io.govassist.handoff;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandoffPropertiesTest {

    private static HandoffProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("govassist.handoff", HandoffProperties.class);
    }

    @Test
    void defaults_are_pinned() {
        HandoffProperties p = bind(Map.of());
        assertThat(p.webhookUrl()).isNull();
        assertThat(p.webhookTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.maxContact()).isEqualTo(100);
    }

    @Test
    void a_webhook_must_be_http() {
        assertThatThrownBy(() -> bind(Map.of("govassist.handoff.webhook-url", "file:///etc/passwd")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("http(s)");
    }
}
