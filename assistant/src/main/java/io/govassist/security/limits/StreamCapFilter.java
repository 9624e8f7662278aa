package io.govassist.security.limits;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
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
 * Caps the answer streams ({@code POST /api/v1/chat/stream}) open at once: per anonymous client IP (when the per-IP
 * limits are on) → 429 {@code TOO_MANY_STREAMS}; on this replica in all → 503 {@code SERVER_BUSY}. The slot is
 * taken before the answer starts and freed when the asynchronous request ends, however it ends: completed, failed,
 * timed out or abandoned by the client (the servlet container completes the async request in every case). Runs
 * before the per-IP budget, so a refused stream does not use up a chat.
 */
public final class StreamCapFilter extends OncePerRequestFilter {

    static final String PATH = "/api/v1/chat/stream";
    static final String CLIENT_BODY = "{\"error\":{\"code\":\"TOO_MANY_STREAMS\","
            + "\"message\":\"同时进行的回答过多（每个客户端最多 %d 个），请等当前回答结束后再提问\"}}";
    static final String GLOBAL_BODY = "{\"error\":{\"code\":\"SERVER_BUSY\","
            + "\"message\":\"当前提问人数过多，请稍后再试\"}}";
    private static final int RETRY_AFTER_SECONDS = 5;

    private final RateLimitProperties properties;
    private final ClientAddressResolver addresses;
    private final StreamSlots slots;

    public StreamCapFilter(RateLimitProperties properties, ClientAddressResolver addresses, StreamSlots slots) {
        this.properties = properties;
        this.addresses = addresses;
        this.slots = slots;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!"POST".equals(request.getMethod()) || !PATH.equals(path)) {
            chain.doFilter(request, response);
            return;
        }
        String client = properties.enabled() && anonymous() ? addresses.clientAddress(request) : null;
        StreamSlots.Attempt attempt = slots.tryOpen(client, properties.maxStreamsPerClient(), properties.maxStreams());
        if (attempt.slot() == null) {
            boolean perClient = attempt.refusal() == StreamSlots.Refusal.CLIENT_CAP;
            response.setStatus(perClient ? 429 : 503);
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            response.setContentType("application/json;charset=UTF-8");
            String body = perClient ? CLIENT_BODY.formatted(properties.maxStreamsPerClient()) : GLOBAL_BODY;
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            return;
        }
        StreamSlots.Slot slot = attempt.slot();
        boolean handedOver = false;
        try {
            chain.doFilter(request, response);
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Release(slot));
                handedOver = true;
            }
        } finally {
            if (!handedOver) {
                slot.close();
            }
        }
    }

    private static boolean anonymous() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated();
    }

    /** Frees the slot at the end of the asynchronous request, whichever event comes first. */
    private record Release(StreamSlots.Slot slot) implements AsyncListener {
        @Override
        public void onComplete(AsyncEvent event) {
            slot.close();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            slot.close();
        }

        @Override
        public void onError(AsyncEvent event) {
            slot.close();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // a new async cycle of the same request keeps the slot until that one ends
            event.getAsyncContext().addListener(this);
        }
    }
}
