package io.govassist.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What browsers may do with our pages and APIs: CORS for the widget's APIs from the allowed embedding origins,
 * and a strict Content-Security-Policy on everything we serve (no inline scripts or styles; only the allowed
 * origins may frame our pages).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class BrowserPolicyConfiguration {

    /** The APIs the embedded widget calls from other origins. */
    static final List<String> WIDGET_API = List.of("/api/v1/chat/**", "/api/v1/search", "/api/v1/knowledge-bases/*");

    @Bean
    CorsConfigurationSource corsConfigurationSource(WebProperties web) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOriginPatterns(web.allowedOrigins().stream()
                .map(o -> o.endsWith(":*") ? o.substring(0, o.length() - 1) + "[*]" : o).toList());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Content-Type", "Accept", "Last-Event-ID"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofMinutes(30));
        // Registered even with no allowed origins, so that a foreign origin is refused (403), not merely unread.
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        WIDGET_API.forEach(path -> source.registerCorsConfiguration(path, cors));
        return source;
    }

    @Bean
    Customizer<HeadersConfigurer<HttpSecurity>> browserHeaders(WebProperties web) {
        String csp = contentSecurityPolicy(web.allowedOrigins());
        return headers -> {
            headers.contentSecurityPolicy(policy -> policy.policyDirectives(csp));
            headers.referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN));
            if (web.allowedOrigins().isEmpty()) {
                headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::sameOrigin);
            } else {
                // frame-ancestors decides; X-Frame-Options cannot name other origins.
                headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::disable);
            }
        };
    }

    static String contentSecurityPolicy(List<String> allowedOrigins) {
        List<String> ancestors = new ArrayList<>();
        ancestors.add("'self'");
        for (String origin : allowedOrigins) {
            ancestors.add(origin.endsWith(":[*]") ? origin.substring(0, origin.length() - 3) + "*" : origin);
        }
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
                + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors " + String.join(" ", ancestors);
    }
}
