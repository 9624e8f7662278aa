package io.govassist.security;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebPropertiesTest {

    private static WebProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("govassist.web", WebProperties.class);
    }

    @Test
    void by_default_no_other_origin_may_embed_the_widget() {
        WebProperties web = bind(Map.of());
        assertThat(web.allowedOrigins()).isEmpty();
        assertThat(BrowserPolicyConfiguration.contentSecurityPolicy(web.allowedOrigins()))
                .isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                        + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                        + "form-action 'self'; frame-ancestors 'self'");
    }

    @Test
    void allowed_origins_are_comma_separated_trimmed_and_become_frame_ancestors() {
        WebProperties web = bind(Map.of("govassist.web.allowed-origins",
                "https://www.sc.gov.cn/, https://*.gov.cn ,http://localhost:[*]"));
        assertThat(web.allowedOrigins()).containsExactly("https://www.sc.gov.cn", "https://*.gov.cn", "http://localhost:[*]");
        assertThat(BrowserPolicyConfiguration.contentSecurityPolicy(web.allowedOrigins()))
                .endsWith("frame-ancestors 'self' https://www.sc.gov.cn https://*.gov.cn http://localhost:*");
    }

    @Test
    void something_that_is_not_an_origin_stops_startup() {
        assertThatThrownBy(() -> bind(Map.of("govassist.web.allowed-origins", "www.sc.gov.cn/path")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("not an origin");
        assertThatThrownBy(() -> new WebProperties(List.of("javascript:alert(1)"))).hasMessageContaining("not an origin");
    }
}
