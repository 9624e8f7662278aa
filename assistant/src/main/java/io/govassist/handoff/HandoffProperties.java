package io.govassist.handoff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * 转人工 settings (prefix {@code govassist.handoff}); {@code HandoffPropertiesTest} pins the defaults.
 *
 * @param webhookUrl     an operator's endpoint told of every new ticket ({@code POST}, JSON), or none
 * @param webhookTimeout how long one webhook call may take; a failed call is logged, the ticket stays
 * @param maxContact     longest contact (phone, e-mail …) a citizen may leave, in characters
 */
@ConfigurationProperties("govassist.handoff")
record HandoffProperties(URI webhookUrl, @DefaultValue("5s") Duration webhookTimeout,
                         @DefaultValue("100") int maxContact) {

    HandoffProperties {
        if (webhookUrl != null && !("http".equals(webhookUrl.getScheme()) || "https".equals(webhookUrl.getScheme()))) {
            throw new IllegalArgumentException("govassist.handoff.webhook-url must be an http(s) URL");
        }
        if (webhookTimeout.isNegative() || webhookTimeout.isZero() || maxContact < 1) {
            throw new IllegalArgumentException("govassist.handoff.webhook-timeout and max-contact must be positive");
        }
    }
}
