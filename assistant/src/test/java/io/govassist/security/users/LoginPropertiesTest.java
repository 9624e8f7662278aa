package io.govassist.security.users;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginPropertiesTest {

    private static LoginProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("govassist.login", LoginProperties.class);
    }

    @Test
    void by_default_five_failures_within_15_minutes_lock_an_account_for_15_minutes() {
        LoginProperties login = bind(Map.of());
        assertThat(login.maxFailures()).isEqualTo(5);
        assertThat(login.failureWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(login.lockDuration()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void zero_failures_stops_startup() {
        assertThatThrownBy(() -> bind(Map.of("govassist.login.max-failures", "0"))).isInstanceOf(BindException.class);
    }
}
