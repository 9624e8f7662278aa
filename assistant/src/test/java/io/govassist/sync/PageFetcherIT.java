package io.govassist.sync;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The sync's HTTP client against a real local server: redirects followed on the same host only, a size limit, only
 * http(s), timeouts, and the stable error codes a run records per page.
 */
class PageFetcherIT {

    HttpServer server;
    String base;
    PageFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/page", e -> reply(e, 200, "<html><body>政策</body></html>"));
        server.createContext("/moved", e -> {
            e.getResponseHeaders().set("Location", "/page");
            reply(e, 301, "");
        });
        server.createContext("/away", e -> {
            e.getResponseHeaders().set("Location", "http://other.invalid/page");
            reply(e, 302, "");
        });
        server.createContext("/loop", e -> {
            e.getResponseHeaders().set("Location", "/loop");
            reply(e, 302, "");
        });
        server.createContext("/big", e -> reply(e, 200, "政".repeat(2000)));
        server.createContext("/slow", e -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            reply(e, 200, "late");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        fetcher = new PageFetcher(new Binder(new MapConfigurationPropertySource(Map.of(
                "govassist.sync.max-page-size", "4KB", "govassist.sync.request-timeout", "1s")))
                .bindOrCreate("govassist.sync", SyncProperties.class));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange e, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        e.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(bytes);
        }
    }

    private String code(String url) {
        try {
            fetcher.get(URI.create(url), null, null);
        } catch (PageFetcher.FetchException e) {
            return e.code();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no error for " + url);
    }

    @Test
    void a_redirect_on_the_same_host_is_followed_and_the_final_url_reported() throws Exception {
        PageFetcher.Response response = fetcher.get(URI.create(base + "/moved"), null, null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.uri().getPath()).isEqualTo("/page");
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("政策");
    }

    @Test
    void redirects_off_the_site_or_in_a_loop_are_refused() {
        assertThat(code(base + "/away")).isEqualTo("REDIRECT_OFF_SITE");
        assertThat(code(base + "/loop")).isEqualTo("TOO_MANY_REDIRECTS");
    }

    @Test
    void a_page_over_the_size_limit_is_refused() {
        assertThat(code(base + "/big")).isEqualTo("PAGE_TOO_LARGE");
    }

    @Test
    void only_http_and_https_are_fetched() {
        assertThat(code("file:///etc/passwd")).isEqualTo("UNSUPPORTED_SCHEME");
        assertThat(code("ftp://127.0.0.1/x")).isEqualTo("UNSUPPORTED_SCHEME");
    }

    @Test
    void a_slow_page_times_out_and_a_closed_port_is_unreachable() throws IOException {
        assertThat(code(base + "/slow")).isEqualTo("TIMEOUT");
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(code("http://127.0.0.1:" + closed + "/page")).isEqualTo("UNREACHABLE");
    }
}
