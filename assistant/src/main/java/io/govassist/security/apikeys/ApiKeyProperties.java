package io.govassist.security.apikeys;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * API key settings (prefix {@code govassist.api-keys}).
 *
 * @param defaultRequestsPerMinute request budget of a key created without {@code requestsPerMinute}
 * @param defaultTokensPerMinute   token budget of a key created without {@code tokensPerMinute}
 */
@ConfigurationProperties("govassist.api-keys")
public record ApiKeyProperties(@DefaultValue("600") long defaultRequestsPerMinute,
                               @DefaultValue("200000") long defaultTokensPerMinute) {

    public ApiKeyProperties {
        if (defaultRequestsPerMinute < 1 || defaultTokensPerMinute < 1) {
            throw new IllegalArgumentException("default API key rate limits must be positive");
        }
    }
}
