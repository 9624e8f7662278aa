package io.govassist.handoff;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class HandoffWebhookTest {

    @Test
    void a_new_ticket_is_posted_to_the_operators_endpoint_by_reference_not_by_key() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
        HttpServer endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        endpoint.createContext("/hook", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                    + "\n" + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        endpoint.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort() + "/hook");
            JsonMapper json = JsonMapper.builder().build();
            new HandoffWebhook(new HandoffProperties(url, Duration.ofSeconds(5), 100), json)
                    .ticketOpened("handoff:ab12cd34", "我的低保审核到哪一步了");
            String request = received.poll(10, TimeUnit.SECONDS);
            assertThat(request).startsWith("POST application/json");
            JsonNode body = json.readTree(request.substring(request.indexOf('\n') + 1));
            assertThat(body.get("event").asString()).isEqualTo("handoff.opened");
            assertThat(body.get("ticket").asString()).isEqualTo("handoff:ab12cd34");
            assertThat(body.get("question").asString()).isEqualTo("我的低保审核到哪一步了");
        } finally {
            endpoint.stop(0);
        }
    }

    @Test
    void an_unreachable_endpoint_changes_nothing_and_no_endpoint_means_no_call() {
        JsonMapper json = JsonMapper.builder().build();
        HandoffWebhook unreachable = new HandoffWebhook(new HandoffProperties(URI.create("http://127.0.0.1:9/none"),
                Duration.ofSeconds(1), 100), json);
        assertThat(unreachable.enabled()).isTrue();
        assertThatCode(() -> unreachable.ticketOpened("handoff:00000000", "问题")).doesNotThrowAnyException();
        HandoffWebhook none = new HandoffWebhook(new HandoffProperties(null, Duration.ofSeconds(1), 100), json);
        assertThat(none.enabled()).isFalse();
        assertThatCode(() -> none.ticketOpened("handoff:00000000", "问题")).doesNotThrowAnyException();
    }

    @Test
    void contacts_are_listed_masked() {
        assertThat(HandoffTickets.maskContact("13812345678")).isEqualTo("138****5678");
        assertThat(HandoffTickets.maskContact("wang@example.cn")).isEqualTo("wan********e.cn");
        assertThat(HandoffTickets.maskContact("微信abc123")).isEqualTo("微信****23");
        assertThat(HandoffTickets.maskContact("王先生")).isEqualTo("***");
        assertThat(HandoffTickets.maskContact(null)).isNull();
    }
}
