package io.govassist.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server speaking the OpenAI chat-completions protocol ({@code POST /v1/chat/completions}): a JSON
 * completion for {@code stream: false}, and for {@code stream: true} server-sent {@code chat.completion.chunk}
 * events ending with {@code data: [DONE]}. What it answers is scripted per test; every exchange is recorded.
 */
final class FakeOpenAiServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** How to answer one request. */
    sealed interface Script {
    }

    /** Stream these pieces; the first after {@code firstDelay} (response headers are sent at once), then one per {@code pause}. */
    record Stream(List<String> pieces, Duration firstDelay, Duration pause) implements Script {
    }

    /** Answer with an HTTP error. */
    record Fail(int status) implements Script {
    }

    /** A non-streaming completion. */
    record Complete(String content) implements Script {
    }

    /** What happened in one exchange. */
    static final class Exchange {
        final JsonNode request;
        volatile String authorization;
        final long receivedNanos = System.nanoTime();
        volatile int piecesSent;
        volatile long firstPieceNanos;
        volatile boolean clientGone;
        volatile boolean finished;
        final CountDownLatch ended = new CountDownLatch(1);

        Exchange(JsonNode request) {
            this.request = request;
        }

        boolean streaming() {
            return request.path("stream").asBoolean(false);
        }

        /** The text of the last user message. */
        String lastUserMessage() {
            JsonNode messages = request.get("messages");
            for (int i = messages.size() - 1; i >= 0; i--) {
                if ("user".equals(messages.get(i).get("role").asText())) {
                    return content(messages.get(i));
                }
            }
            return "";
        }

        String systemMessage() {
            JsonNode first = request.get("messages").get(0);
            return "system".equals(first.get("role").asText()) ? content(first) : "";
        }

        private static String content(JsonNode message) {
            JsonNode content = message.get("content");
            if (content.isTextual()) {
                return content.asText();
            }
            StringBuilder b = new StringBuilder();
            content.forEach(part -> b.append(part.path("text").asText()));
            return b.toString();
        }

        boolean awaitEnd(Duration timeout) throws InterruptedException {
            return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private volatile Script streamScript = new Stream(List.of("好的[1]。"), Duration.ZERO, Duration.ZERO);
    private volatile Script completeScript = new Complete("好的");

    FakeOpenAiServer() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v1/chat/completions", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Scripts the next streaming requests. */
    void streaming(Script script) {
        streamScript = script;
    }

    /** Scripts the next non-streaming requests (follow-up condensing). */
    void completing(Script script) {
        completeScript = script;
    }

    List<Exchange> exchanges() {
        return exchanges;
    }

    void reset() {
        exchanges.clear();
    }

    private void handle(HttpExchange http) throws IOException {
        JsonNode request = JSON.readTree(http.getRequestBody());
        Exchange exchange = new Exchange(request);
        exchange.authorization = http.getRequestHeaders().getFirst("Authorization");
        exchanges.add(exchange);
        try {
            Script script = exchange.streaming() ? streamScript : completeScript;
            switch (script) {
                case Fail fail -> {
                    byte[] body = "{\"error\":{\"message\":\"scripted failure\",\"type\":\"server_error\"}}"
                            .getBytes(StandardCharsets.UTF_8);
                    http.getResponseHeaders().set("Content-Type", "application/json");
                    http.sendResponseHeaders(fail.status(), body.length);
                    http.getResponseBody().write(body);
                }
                case Complete complete -> {
                    byte[] body = JSON.writeValueAsBytes(completion(complete.content()));
                    http.getResponseHeaders().set("Content-Type", "application/json");
                    http.sendResponseHeaders(200, body.length);
                    http.getResponseBody().write(body);
                }
                case Stream stream -> stream(http, exchange, stream);
            }
            exchange.finished = true;
        } catch (IOException e) {
            exchange.clientGone = true;
        } finally {
            exchange.ended.countDown();
            http.close();
        }
    }

    private static void stream(HttpExchange http, Exchange exchange, Stream stream) throws IOException {
        http.getResponseHeaders().set("Content-Type", "text/event-stream");
        http.sendResponseHeaders(200, 0);
        OutputStream out = http.getResponseBody();
        event(out, chunk(JSON.createObjectNode().put("role", "assistant").put("content", ""), null));
        sleep(stream.firstDelay());
        for (int i = 0; i < stream.pieces().size(); i++) {
            if (i > 0) {
                sleep(stream.pause());
            }
            event(out, chunk(JSON.createObjectNode().put("content", stream.pieces().get(i)), null));
            if (exchange.piecesSent++ == 0) {
                exchange.firstPieceNanos = System.nanoTime();
            }
        }
        event(out, chunk(JSON.createObjectNode(), "stop"));
        ObjectNode usage = JSON.createObjectNode();
        usage.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1).put("model", "fake");
        usage.putArray("choices");
        usage.putObject("usage").put("prompt_tokens", 100).put("completion_tokens", stream.pieces().size())
                .put("total_tokens", 100 + stream.pieces().size());
        event(out, JSON.writeValueAsString(usage));
        event(out, "[DONE]");
    }

    private static String chunk(ObjectNode delta, String finishReason) throws IOException {
        ObjectNode chunk = JSON.createObjectNode();
        chunk.put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("created", 1).put("model", "fake");
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return JSON.writeValueAsString(chunk);
    }

    private static ObjectNode completion(String content) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1).put("model", "fake");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        body.putObject("usage").put("prompt_tokens", 50).put("completion_tokens", 10).put("total_tokens", 60);
        return body;
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
