package io.govassist.security.apikeys;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Authenticates the OpenAI-compatible API ({@code /v1/**}) by {@code Authorization: Bearer <key>}. Requests without a
 * valid key stay anonymous; the chain's entry point ({@link #reject}) then answers 401 in OpenAI's error shape.
 * Deliberately not a bean: Spring Boot would register a Filter bean for every URL.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private static final String OUTCOME = ApiKeyAuthenticationFilter.class.getName() + ".outcome";
    private static final String MISSING_BODY = "{\"error\":{\"message\":\"缺少 API 密钥：请在请求头中提供 "
            + "Authorization: Bearer <key>\",\"type\":\"invalid_request_error\",\"param\":null,"
            + "\"code\":\"missing_api_key\"}}";
    private static final String INVALID_BODY = "{\"error\":{\"message\":\"API 密钥无效或已被吊销\","
            + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";

    private final ApiKeyStore store;
    private final MeterRegistry meters;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public ApiKeyAuthenticationFilter(ApiKeyStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            request.setAttribute(OUTCOME, "missing");
        } else {
            Optional<ApiKey> key = store.authenticate(header.substring(7).strip());
            if (key.isPresent()) {
                SecurityContext context = contexts.createEmptyContext();
                context.setAuthentication(new ApiKeyAuthentication(key.get()));
                contexts.setContext(context);
                store.recordUse(key.get());
            } else {
                request.setAttribute(OUTCOME, "invalid");
            }
        }
        chain.doFilter(request, response);
    }

    /** Entry point of the {@code /v1/**} chain: 401 in OpenAI's error shape. */
    public void reject(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean invalid = "invalid".equals(request.getAttribute(OUTCOME));
        meters.counter("govassist.embeddings.rejections", "code", invalid ? "invalid_api_key" : "missing_api_key")
                .increment();
        response.setStatus(401);
        response.setContentType("application/json;charset=UTF-8");
        String body = invalid ? INVALID_BODY : MISSING_BODY;
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
