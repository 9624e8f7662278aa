package io.govassist.words;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SensitiveWordPropertiesTest {

    @Test
    void defaults_are_pinned() {
        SensitiveWordProperties p = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("govassist.sensitive-words", SensitiveWordProperties.class);
        assertThat(p.enabled()).isTrue();
        assertThat(p.bundled()).isTrue();
        assertThat(p.refreshInterval()).isEqualTo(Duration.ofSeconds(5));
    }
}
