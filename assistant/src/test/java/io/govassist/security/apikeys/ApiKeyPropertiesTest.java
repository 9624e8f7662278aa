package io.govassist.security.apikeys;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyPropertiesTest {

    @Test
    void defaults_are_pinned() {
        ApiKeyProperties p = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("govassist.api-keys", ApiKeyProperties.class);
        assertThat(p.defaultRequestsPerMinute()).isEqualTo(600);
        assertThat(p.defaultTokensPerMinute()).isEqualTo(200_000);
    }
}
