package io.govassist.security.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Per-IP budgets for anonymous chat and search: over budget → 429 with {@code Retry-After} (seconds) and a
 * Chinese JSON error. Runs inside the security chain after authentication, so signed-in staff (console) are not
 * counted.
 */
public final class ClientRateLimitFilter extends OncePerRequestFilter {

    static final String BODY = "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"请求过于频繁，请 %d 秒后再试\"}}";

    private final RateLimitProperties properties;
    private final ClientRateLimiter limiter;
    private final ClientAddressResolver addresses;

    public ClientRateLimitFilter(RateLimitProperties properties, ClientRateLimiter limiter, ClientAddressResolver addresses) {
        this.properties = properties;
        this.limiter = limiter;
        this.addresses = addresses;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String kind = kind(request);
        if (kind != null && properties.enabled() && anonymous()) {
            long perMinute = switch (kind) {
                case "chat" -> properties.chatPerMinute();
                case "handoff" -> properties.handoffPerMinute();
                default -> properties.searchPerMinute();
            };
            ClientRateLimiter.Decision decision = limiter.tryAcquire(kind, addresses.clientAddress(request), perMinute);
            if (!decision.allowed()) {
                long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
                response.setStatus(429);
                response.setHeader("Retry-After", Long.toString(seconds));
                response.setContentType("application/json;charset=UTF-8");
                response.getOutputStream().write(BODY.formatted(seconds).getBytes(StandardCharsets.UTF_8));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** Which budget a request draws on, or null. */
    static String kind(HttpServletRequest request) {
        if (!"POST".equals(request.getMethod())) {
            return null;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return switch (path) {
            case "/api/v1/chat", "/api/v1/chat/stream" -> "chat";
            case "/api/v1/search" -> "search";
            case "/api/v1/chat/handoff" -> "handoff";
            default -> null;
        };
    }

    private static boolean anonymous() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated();
    }
}
