package io.govassist.sync;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;

/**
 * GET over {@link HttpClient} for the sync: connect and request timeouts, a size limit on the body, only http(s),
 * redirects followed by hand and only on the same host (a portal's column never needs to leave its site), optional
 * conditional headers. Errors come back as {@link FetchException} with a stable code and a Chinese message.
 */
final class PageFetcher implements AutoCloseable {

    /** A response: the final URL after redirects, the validators, the body (empty unless 200). */
    record Response(int status, URI uri, String etag, String lastModified, byte[] body) {
    }

    static final class FetchException extends Exception {
        private final String code;

        FetchException(String code, String message) {
            super(message);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private final HttpClient client;
    private static final Logger log = LoggerFactory.getLogger(PageFetcher.class);

    private final SyncProperties settings;

    PageFetcher(SyncProperties settings) {
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Sends a GET, once more when the connection failed before any response (a kept-alive connection the server had
     * closed, or a reset): a GET is safe to repeat, and one such failure should not fail a whole run's robots.txt or
     * list page. Timeouts and refused connections are not repeated.
     */
    private HttpResponse<InputStream> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException | ConnectException e) {
            throw e;
        } catch (IOException e) {
            log.info("Repeating GET {} after {}", request.uri(), e.toString());
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        }
    }

    static boolean webScheme(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    /** GET with {@code If-None-Match} / {@code If-Modified-Since} when given. */
    Response get(URI uri, String etag, String lastModified) throws FetchException, InterruptedException {
        if (!webScheme(uri)) {
            throw new FetchException("UNSUPPORTED_SCHEME", "只能访问 http 或 https 地址：" + uri);
        }
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET()
                    .timeout(settings.requestTimeout())
                    .header("User-Agent", settings.userAgent())
                    .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");
            if (etag != null) {
                request.header("If-None-Match", etag);
            }
            if (lastModified != null) {
                request.header("If-Modified-Since", lastModified);
            }
            HttpResponse<InputStream> response;
            try {
                response = send(request.build());
            } catch (HttpConnectTimeoutException e) {
                throw new FetchException("CONNECT_TIMEOUT", "连接网站超时：" + current.getHost());
            } catch (HttpTimeoutException e) {
                throw new FetchException("TIMEOUT", "网站响应超时：" + current);
            } catch (ConnectException e) {
                throw new FetchException("UNREACHABLE", "无法连接网站：" + current.getHost());
            } catch (IOException e) {
                log.warn("Fetching {} failed: {}", current, e.toString());
                throw new FetchException("FETCH_FAILED", "访问网站出错：" + e.getClass().getSimpleName());
            } catch (IllegalArgumentException e) {
                throw new FetchException("INVALID_URL", "地址无效：" + current);
            }
            int status = response.statusCode();
            if (isRedirect(status)) {
                close(response);
                String location = response.headers().firstValue("Location").orElse(null);
                if (location == null) {
                    throw new FetchException("BAD_REDIRECT", "网站返回跳转但没有目标地址（HTTP " + status + "）");
                }
                if (redirects >= settings.maxRedirects()) {
                    throw new FetchException("TOO_MANY_REDIRECTS", "跳转次数过多：" + uri);
                }
                URI next;
                try {
                    next = current.resolve(location.strip());
                } catch (IllegalArgumentException e) {
                    throw new FetchException("BAD_REDIRECT", "跳转目标地址无效：" + location);
                }
                if (!webScheme(next) || !next.getHost().equalsIgnoreCase(uri.getHost())) {
                    throw new FetchException("REDIRECT_OFF_SITE", "跳转到了其他网站，未跟随：" + next);
                }
                current = next;
                continue;
            }
            byte[] body = status == 200 ? read(response) : skip(response);
            return new Response(status, current, response.headers().firstValue("ETag").orElse(null),
                    response.headers().firstValue("Last-Modified").orElse(null), body);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private byte[] read(HttpResponse<InputStream> response) throws FetchException {
        long max = settings.maxPageSize().toBytes();
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > max) {
            close(response);
            throw tooLarge(max);
        }
        try (InputStream in = response.body()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > max) {
                    throw tooLarge(max);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (HttpTimeoutException e) {
            throw new FetchException("TIMEOUT", "网站响应超时：" + response.uri());
        } catch (IOException e) {
            throw new FetchException("FETCH_FAILED", "读取网页出错：" + e.getClass().getSimpleName());
        }
    }

    private static FetchException tooLarge(long max) {
        return new FetchException("PAGE_TOO_LARGE", "网页过大，上限为 " + max / 1024 + " KB");
    }

    private static byte[] skip(HttpResponse<InputStream> response) {
        close(response);
        return new byte[0];
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // the connection is dropped instead of reused
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
