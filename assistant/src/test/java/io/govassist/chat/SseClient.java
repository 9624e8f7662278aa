package io.govassist.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.ServerTestSupport;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A minimal server-sent-events client over a raw socket, so that a test can read events one by one and hang up. */
final class SseClient implements AutoCloseable {

    record Event(String name, String data) {
        JsonNode json() {
            try {
                return ServerTestSupport.JSON.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("event data is not JSON: " + data, e);
            }
        }
    }

    private final Socket socket;
    private final BufferedReader in;
    private final int status;
    private final String contentType;
    private final List<String> comments = new ArrayList<>();

    private SseClient(Socket socket, BufferedReader in, int status, String contentType) {
        this.socket = socket;
        this.in = in;
        this.status = status;
        this.contentType = contentType;
    }

    /** POSTs {@code json} to {@code path} on localhost and reads the status line and headers. */
    static SseClient post(int port, String path, String json) {
        return post(port, path, json, "");
    }

    /** As {@link #post(int, String, String)} with extra header lines, e.g. {@code "X-Forwarded-For: 192.0.2.1\r\n"}. */
    static SseClient post(int port, String path, String json, String extraHeaders) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(60_000);
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                    + "Content-Type: application/json\r\nAccept: text/event-stream\r\n"
                    + extraHeaders + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream raw = new BufferedInputStream(socket.getInputStream());
            int status = Integer.parseInt(asciiLine(raw).split(" ")[1]);
            String contentType = null;
            boolean chunked = false;
            for (String line = asciiLine(raw); line != null && !line.isEmpty(); line = asciiLine(raw)) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-type:")) {
                    contentType = line.substring(13).strip();
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            InputStream bodyStream = chunked ? new ChunkedInputStream(raw) : raw;
            return new SseClient(socket, new BufferedReader(new InputStreamReader(bodyStream, StandardCharsets.UTF_8)),
                    status, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String asciiLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                return b.toString();
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    int status() {
        return status;
    }

    String contentType() {
        return contentType;
    }

    /** Comment lines (heartbeats) seen so far, without the leading colon. */
    List<String> comments() {
        return comments;
    }

    /** The next event, or {@code null} at the end of the stream. */
    Event next() {
        try {
            String name = null;
            StringBuilder data = new StringBuilder();
            boolean any = false;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (any) {
                        return new Event(name == null ? "message" : name, data.toString());
                    }
                    continue;
                }
                if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                    any = true;
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) {
                        data.append('\n');
                    }
                    data.append(line.substring(5));
                    any = true;
                }
            }
            return any ? new Event(name == null ? "message" : name, data.toString()) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All remaining events. */
    List<Event> rest() {
        List<Event> events = new ArrayList<>();
        for (Event e = next(); e != null; e = next()) {
            events.add(e);
        }
        return events;
    }

    /** The remaining body as text (for non-stream responses). */
    String body() {
        StringBuilder b = new StringBuilder();
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                b.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toString();
    }

    /** Hangs up. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes an HTTP/1.1 chunked body. */
    private static final class ChunkedInputStream extends InputStream {
        private final InputStream in;
        private int remaining;
        private boolean done;

        ChunkedInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (remaining == 0) {
                String size = asciiLine(in);
                if (size != null && size.isEmpty()) {
                    size = asciiLine(in);
                }
                if (size == null || (remaining = Integer.parseInt(size.split(";")[0].strip(), 16)) == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buf, off, Math.min(len, remaining));
            if (n < 0) {
                done = true;
                return -1;
            }
            remaining -= n;
            return n;
        }
    }
}
