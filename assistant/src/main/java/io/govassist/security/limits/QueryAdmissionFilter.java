package io.govassist.security.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the searches and (non-streamed) chat questions in progress on this replica, from all clients together:
 * each needs the embedding model, whose inference slots are few, and waiting requests would otherwise pile up
 * without bound (virtual threads make waiting cheap, not free). Over the cap → 503 {@code SERVER_BUSY} with
 * {@code Retry-After} at once. Streams have their own cap ({@link StreamCapFilter}).
 */
public final class QueryAdmissionFilter extends OncePerRequestFilter {

    private final int max;
    private final AtomicInteger inProgress = new AtomicInteger();

    public QueryAdmissionFilter(int max) {
        this.max = max;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"POST".equals(request.getMethod()) || !isQuery(request)) {
            chain.doFilter(request, response);
            return;
        }
        if (inProgress.incrementAndGet() > max) {
            inProgress.decrementAndGet();
            response.setStatus(503);
            response.setHeader("Retry-After", "1");
            response.setContentType("application/json;charset=UTF-8");
            response.getOutputStream().write(StreamCapFilter.GLOBAL_BODY.getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            inProgress.decrementAndGet();
        }
    }

    int inProgress() {
        return inProgress.get();
    }

    private static boolean isQuery(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/v1/search") || path.equals("/api/v1/chat");
    }
}
