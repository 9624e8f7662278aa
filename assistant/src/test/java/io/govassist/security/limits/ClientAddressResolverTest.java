package io.govassist.security.limits;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressResolverTest {

    static MockHttpServletRequest from(String peer, String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/chat");
        request.setRemoteAddr(peer);
        if (forwardedFor != null) {
            request.addHeader("X-Forwarded-For", forwardedFor);
        }
        return request;
    }

    @Test
    void without_trusted_proxies_x_forwarded_for_is_ignored() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of());
        assertThat(resolver.clientAddress(from("198.51.100.4", "1.2.3.4"))).isEqualTo("198.51.100.4");
    }

    @Test
    void behind_a_trusted_proxy_the_rightmost_untrusted_hop_is_the_client() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));
        assertThat(resolver.clientAddress(from("10.0.0.2", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(resolver.clientAddress(from("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1")))
                .as("a client-written entry further left is not believed").isEqualTo("203.0.113.9");
        assertThat(resolver.clientAddress(from("10.0.0.2", null))).isEqualTo("10.0.0.2");
        assertThat(resolver.clientAddress(from("10.0.0.2", "not-an-ip"))).isEqualTo("10.0.0.2");
    }

    @Test
    void a_header_from_an_untrusted_peer_is_ignored_even_with_proxies_configured() {
        ClientAddressResolver resolver = new ClientAddressResolver(List.of("10.0.0.0/8"));
        assertThat(resolver.clientAddress(from("198.51.100.4", "203.0.113.9"))).isEqualTo("198.51.100.4");
    }
}
