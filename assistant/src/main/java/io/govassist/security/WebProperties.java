package io.govassist.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Browser-facing settings (prefix {@code govassist.web}).
 *
 * @param allowedOrigins origins of the sites that may embed the chat widget, e.g. {@code https://www.sc.gov.cn};
 *                       patterns such as {@code https://*.gov.cn} or {@code http://localhost:[*]} are allowed.
 *                       They get CORS access to the chat and search APIs and may frame our pages (CSP
 *                       {@code frame-ancestors}). Empty: only our own pages.
 */
@ConfigurationProperties("govassist.web")
record WebProperties(@DefaultValue List<String> allowedOrigins) {

    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9*.\\-]+(:(\\d+|\\[\\*]|\\*))?|\\*");

    WebProperties {
        allowedOrigins = allowedOrigins.stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).toList();
        for (String origin : allowedOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("govassist.web.allowed-origins: not an origin (scheme://host[:port]): "
                        + origin);
            }
        }
    }
}
