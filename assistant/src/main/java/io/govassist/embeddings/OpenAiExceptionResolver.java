package io.govassist.embeddings;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Renders every failure under {@code /v1/**} in OpenAI's error shape — including the ones Spring MVC raises itself
 * (unknown path, wrong method, unreadable body) — so OpenAI client libraries parse them. Runs before the
 * {@code @RestControllerAdvice} of the {@code /api/**} JSON API and leaves every other path to it.
 */
final class OpenAiExceptionResolver implements HandlerExceptionResolver, Ordered {

    private static final Logger log = LoggerFactory.getLogger(OpenAiExceptionResolver.class);
    static final String PATH_PREFIX = "/v1/";

    private final ObjectMapper json;
    private final EmbeddingApiMetrics metrics;

    OpenAiExceptionResolver(ObjectMapper json, EmbeddingApiMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PATH_PREFIX) || response.isCommitted()) {
            return null;
        }
        OpenAiApiException error = translate(ex);
        if (ex instanceof HttpRequestMethodNotSupportedException m && m.getSupportedHttpMethods() != null) {
            response.setHeader("Allow", String.join(", ", m.getSupportedHttpMethods().stream().map(Object::toString)
                    .toList()));
        }
        metrics.rejected(error.code() == null ? error.type() : error.code());
        try {
            write(response, error);
        } catch (IOException e) {
            log.debug("Could not write the error response", e);
        }
        return new ModelAndView();
    }

    void write(HttpServletResponse response, OpenAiApiException error) throws IOException {
        response.setStatus(error.status().value());
        if (error.retryAfter() != null) {
            response.setHeader("Retry-After", String.valueOf(Math.max(1, (error.retryAfter().toMillis() + 999) / 1000)));
        }
        response.setContentType("application/json;charset=UTF-8");
        ObjectNode root = json.createObjectNode();
        ObjectNode body = root.putObject("error");
        body.put("message", error.getMessage());
        body.put("type", error.type());
        body.put("param", error.param());
        body.put("code", error.code());
        response.getOutputStream().write(json.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
    }

    private static OpenAiApiException translate(Exception ex) {
        if (ex instanceof OpenAiApiException e) {
            return e;
        }
        if (ex instanceof NoResourceFoundException) {
            return new OpenAiApiException(HttpStatus.NOT_FOUND, OpenAiApiException.INVALID_REQUEST, null,
                    "unknown_url", "请求的地址不存在（OpenAI 兼容接口只有 POST /v1/embeddings 和 GET /v1/models）", null);
        }
        if (ex instanceof HttpRequestMethodNotSupportedException m) {
            return new OpenAiApiException(HttpStatus.METHOD_NOT_ALLOWED, OpenAiApiException.INVALID_REQUEST, null,
                    "method_not_allowed", "不支持的请求方法：" + m.getMethod(), null);
        }
        if (ex instanceof HttpMessageNotReadableException) {
            return OpenAiApiException.invalid(null, "invalid_json", "请求体不是有效的 JSON");
        }
        if (ex instanceof HttpMediaTypeException) {
            return OpenAiApiException.invalid(null, "invalid_content_type", "请求内容类型不正确，请使用 application/json");
        }
        log.error("Unexpected error in the OpenAI-compatible API", ex);
        return new OpenAiApiException(HttpStatus.INTERNAL_SERVER_ERROR, "server_error", null, "internal_error",
                "服务器内部错误，请稍后重试", null);
    }
}
