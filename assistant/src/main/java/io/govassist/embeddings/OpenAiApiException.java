package io.govassist.embeddings;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/**
 * A failed request of the OpenAI-compatible API, rendered as OpenAI's error body
 * {@code {"error": {"message", "type", "param", "code"}}} by {@link OpenAiExceptionResolver}.
 */
final class OpenAiApiException extends RuntimeException {

    static final String INVALID_REQUEST = "invalid_request_error";

    private final HttpStatus status;
    private final String type;
    private final String param;
    private final String code;
    private final Duration retryAfter;

    OpenAiApiException(HttpStatus status, String type, String param, String code, String message,
                       Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    static OpenAiApiException invalid(String param, String code, String message) {
        return new OpenAiApiException(HttpStatus.BAD_REQUEST, INVALID_REQUEST, param, code, message, null);
    }

    static OpenAiApiException tooLarge(String param, String code, String message) {
        return new OpenAiApiException(HttpStatus.PAYLOAD_TOO_LARGE, INVALID_REQUEST, param, code, message, null);
    }

    static OpenAiApiException rateLimited(String type, String message, Duration retryAfter) {
        return new OpenAiApiException(HttpStatus.TOO_MANY_REQUESTS, type, null, "rate_limit_exceeded", message,
                retryAfter);
    }

    static OpenAiApiException overloaded(String message) {
        return new OpenAiApiException(HttpStatus.SERVICE_UNAVAILABLE, "server_error", null, "server_overloaded",
                message, Duration.ofSeconds(1));
    }

    HttpStatus status() {
        return status;
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }

    String code() {
        return code;
    }

    /** For 429/503: when the client may try again; {@code null} otherwise. */
    Duration retryAfter() {
        return retryAfter;
    }
}
