package io.govassist.handoff;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

/**
 * Tells an operator's endpoint ({@code govassist.handoff.webhook-url}) of each new ticket: {@code POST} with
 * {@code {"event": "handoff.opened", "ticket": "handoff:ab12cd34", "question", "openedAt"}} — the ticket's
 * reference, not its key. Sent asynchronously; a failure is logged and changes nothing.
 */
@Component
class HandoffWebhook {

    private static final Logger log = LoggerFactory.getLogger(HandoffWebhook.class);

    private final HandoffProperties settings;
    private final JsonMapper json;
    private final HttpClient client;

    HandoffWebhook(HandoffProperties settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
        this.client = settings.webhookUrl() == null ? null
                : HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).build();
    }

    /** Whether an endpoint is configured. */
    boolean enabled() {
        return client != null;
    }

    void ticketOpened(String reference, String maskedQuestion) {
        if (client == null) {
            return;
        }
        String body = json.writeValueAsString(Map.of("event", "handoff.opened", "ticket", reference,
                "question", maskedQuestion, "openedAt", Instant.now().toString()));
        HttpRequest request = HttpRequest.newBuilder(settings.webhookUrl()).timeout(settings.webhookTimeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                log.warn("Handoff webhook failed for {}: {}", reference, error.toString());
            } else if (response.statusCode() >= 300) {
                log.warn("Handoff webhook answered {} for {}", response.statusCode(), reference);
            }
        });
    }
}
