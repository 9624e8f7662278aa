package io.govassist.system;

import java.io.IOException;

/**
 * A request body grew past its limit while it was being read (no {@code Content-Length}, or a false one). Thrown
 * from the body's input stream, so that the JSON reader stops there; answered with 413 {@code REQUEST_TOO_LARGE}.
 */
public class RequestBodyTooLargeException extends IOException {

    private final long limit;

    public RequestBodyTooLargeException(long limit) {
        super("request body larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
