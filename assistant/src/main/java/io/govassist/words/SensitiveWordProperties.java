package io.govassist.words;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The sensitive-word filter (prefix {@code govassist.sensitive-words}); {@code SensitiveWordPropertiesTest} pins the
 * defaults.
 *
 * @param enabled         {@code false} turns the filter off for questions and answers
 * @param bundled         whether the bundled default list ({@code words/default-sensitive-words.txt}) applies
 *                        besides the admin's words
 * @param refreshInterval how often a replica checks the database for words changed on another replica
 */
@ConfigurationProperties("govassist.sensitive-words")
record SensitiveWordProperties(@DefaultValue("true") boolean enabled,
                               @DefaultValue("true") boolean bundled,
                               @DefaultValue("5s") Duration refreshInterval) {

    SensitiveWordProperties {
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("govassist.sensitive-words.refresh-interval must not be negative");
        }
    }
}
