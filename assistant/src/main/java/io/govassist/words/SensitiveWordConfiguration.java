package io.govassist.words;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class SensitiveWordConfiguration {

    @Bean
    SensitiveWords sensitiveWords(JdbcClient jdbc, SensitiveWordProperties settings) {
        return new SensitiveWords(jdbc, settings, Clock.systemUTC());
    }
}
