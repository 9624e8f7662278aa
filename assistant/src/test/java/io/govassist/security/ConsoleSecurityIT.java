package io.govassist.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Form login, sessions and CSRF for the console; HTTP Basic for API clients; user management; CORS and CSP. */
class ConsoleSecurityIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    @AfterEach
    void removeTestUsers() {
        for (String user : new String[]{"wangfang", "chenjing"}) {
            server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users/" + user))
                    .header("Authorization", ADMIN).DELETE());
        }
    }

    /** A browser-like client: keeps cookies, does not follow redirects. */
    final class Session {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("X-Requested-With", "XMLHttpRequest"));
        }

        HttpResponse<String> login(String user, String password) {
            String page = get("/console/login").body();
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            assertThat(token.find()).as("login form carries a CSRF token").isTrue();
            String form = "_csrf=" + enc(token.group(1)) + "&username=" + enc(user) + "&password=" + enc(password);
            return send(HttpRequest.newBuilder(URI.create(server.base() + "/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
        }

        JsonNode session() {
            return json(get("/api/v1/console/session").body());
        }

        HttpResponse<String> postJson(String path, String body, String csrf) {
            var request = HttpRequest.newBuilder(URI.create(server.base() + path))
                    .header("Content-Type", "application/json").header("X-Requested-With", "XMLHttpRequest")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            if (csrf != null) {
                request.header("X-CSRF-TOKEN", csrf);
            }
            return send(request);
        }
    }

    @Test
    void form_login_gives_a_session_whose_state_changing_api_calls_need_the_csrf_token() {
        Session browser = new Session();
        HttpResponse<String> anonymous = browser.get("/console/");
        assertThat(anonymous.statusCode()).isEqualTo(302);
        assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");

        HttpResponse<String> wrong = browser.login("admin", "nope");
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error");

        HttpResponse<String> ok = browser.login("admin", ServerTestSupport.ADMIN_PASSWORD);
        assertThat(ok.statusCode()).isEqualTo(302);
        assertThat(ok.headers().firstValue("Location").orElseThrow()).contains("/console/");
        assertThat(browser.get("/console/").statusCode()).isEqualTo(200);
        JsonNode session = browser.session();
        assertThat(session.get("username").asText()).isEqualTo("admin");
        assertThat(session.get("roles").toString()).isEqualTo("[\"ADMIN\",\"STAFF\"]");
        String token = session.get("csrf").get("token").asText();

        String user = "{\"username\":\"wangfang\",\"password\":\"staff-pass-2\",\"displayName\":\"王芳\"}";
        HttpResponse<String> forged = browser.postJson("/api/v1/admin/users", user, null);
        assertThat(forged.statusCode()).as("a session request without the token is refused").isEqualTo(403);
        assertThat(json(forged.body()).get("error").get("code").asText()).isEqualTo("CSRF_TOKEN_INVALID");
        assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users"))
                .header("Authorization", ADMIN).GET()).body()).doesNotContain("wangfang");

        HttpResponse<String> created = browser.postJson("/api/v1/admin/users", user, token);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created.body()).get("createdBy").asText()).isEqualTo("admin");
        assertThat(json(created.body()).has("passwordHash")).isFalse();

        HttpResponse<String> loggedOut = browser.send(HttpRequest.newBuilder(URI.create(server.base() + "/console/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(token))));
        assertThat(loggedOut.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?logout");
        assertThat(browser.get("/api/v1/console/session").statusCode()).isEqualTo(401);
    }

    @Test
    void api_clients_with_http_basic_need_no_csrf_token_and_scripts_get_no_password_dialog() {
        Reply created = createUser("{\"username\":\"ChenJing\",\"password\":\"staff-pass-3\",\"role\":\"staff\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("username").asText()).as("user names are case-insensitive").isEqualTo("chenjing");
        assertThat(created.json().get("role").asText()).isEqualTo("STAFF");

        Reply browserLike = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/console/session"))
                .header("X-Requested-With", "XMLHttpRequest").GET());
        assertThat(browserLike.status()).isEqualTo(401);
        assertThat(browserLike.raw().headers().firstValue("WWW-Authenticate")).isEmpty();
        Reply plain = server.get("/api/v1/console/session");
        assertThat(plain.raw().headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");
        assertThat(plain.json().get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void staff_may_use_the_console_but_not_manage_users_or_documents() {
        assertThat(createUser("{\"username\":\"wangfang\",\"password\":\"staff-pass-2\"}").status()).isEqualTo(201);
        String staff = ServerTestSupport.basicAuth("wangfang", "staff-pass-2");
        Reply session = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/console/session"))
                .header("Authorization", staff).GET());
        assertThat(session.status()).isEqualTo(200);
        assertThat(session.json().get("roles").toString()).isEqualTo("[\"STAFF\"]");

        Reply users = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users"))
                .header("Authorization", staff).GET());
        assertThat(users.status()).isEqualTo(403);
        assertThat(users.json().get("error").get("code").asText()).isEqualTo("FORBIDDEN");
        Reply delete = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/0123456789abcdef"))
                .header("Authorization", staff).DELETE());
        assertThat(delete.status()).isEqualTo(403);

        Session browser = new Session();
        browser.login("wangfang", "staff-pass-2");
        assertThat(browser.get("/console/").statusCode()).isEqualTo(200);
        HttpResponse<String> adminPage = browser.get("/console/documents.html");
        assertThat(adminPage.statusCode()).isEqualTo(403);
        assertThat(adminPage.body()).contains("没有权限");
    }

    @Test
    void user_management_refuses_bad_input_with_chinese_messages_and_keeps_an_admin() {
        assertError(createUser("{\"username\":\"a\",\"password\":\"long-enough\"}"), 400, "INVALID_USERNAME");
        assertError(createUser("{\"username\":\"bad name!\",\"password\":\"long-enough\"}"), 400, "INVALID_USERNAME");
        assertError(createUser("{\"username\":\"wangfang\",\"password\":\"short\"}"), 400, "WEAK_PASSWORD");
        assertError(createUser("{\"username\":\"wangfang\",\"password\":\"" + "密".repeat(30) + "\"}"), 400, "PASSWORD_TOO_LONG");
        assertError(createUser("{\"username\":\"wangfang\",\"password\":\"long-enough\",\"role\":\"ROOT\"}"), 400, "INVALID_ROLE");
        assertError(createUser("not json"), 400, "MALFORMED_JSON");
        assertThat(createUser("{\"username\":\"wangfang\",\"password\":\"long-enough\"}").status()).isEqualTo(201);
        assertError(createUser("{\"username\":\"WangFang\",\"password\":\"long-enough\"}"), 409, "USER_EXISTS");

        Reply self = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users/admin"))
                .header("Authorization", ADMIN).DELETE());
        assertError(self, 409, "CANNOT_DELETE_SELF");
        Reply missing = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users/nobody"))
                .header("Authorization", ADMIN).DELETE());
        assertError(missing, 404, "USER_NOT_FOUND");

        Reply reset = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users/wangfang/password"))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"new-password-9\"}")));
        assertThat(reset.status()).isEqualTo(204);
        assertThat(sessionStatus("wangfang", "new-password-9")).isEqualTo(200);
        assertThat(sessionStatus("wangfang", "long-enough")).isEqualTo(401);
    }

    @Test
    void cors_lets_allowed_origins_call_the_widget_apis_and_refuses_other_origins() {
        Reply allowed = preflight("/api/v1/chat/stream", "http://localhost:4321");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:4321");
        assertThat(allowed.raw().headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        Reply refused = preflight("/api/v1/chat/stream", "http://evil.example");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.raw().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        Reply refusedSearch = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/search"))
                .header("Origin", "http://127.0.0.1:1").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"政务服务\"}")));
        assertThat(refusedSearch.status()).as("a foreign origin's request is not served").isEqualTo(403);

        Reply search = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/search"))
                .header("Origin", "http://localhost:4321").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"政务服务\",\"topK\":1}")));
        assertThat(search.status()).isEqualTo(200);
        assertThat(search.raw().headers().firstValue("Access-Control-Allow-Origin")).contains("http://localhost:4321");

        Reply documents = preflight("/api/v1/documents", "http://localhost:4321");
        assertThat(documents.raw().headers().firstValue("Access-Control-Allow-Origin"))
                .as("only the widget's APIs are open to other origins").isEmpty();
    }

    @Test
    void every_page_has_a_strict_content_security_policy_naming_the_allowed_frame_ancestors() {
        for (String path : new String[]{"/", "/document.html", "/console/login", "/widget.js"}) {
            Reply page = server.get(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            String csp = page.raw().headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).as(path).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                    "object-src 'none'", "frame-ancestors 'self' http://localhost:*").doesNotContain("unsafe");
            assertThat(page.raw().headers().firstValue("X-Frame-Options")).as("frame-ancestors decides").isEmpty();
        }
    }

    private int sessionStatus(String user, String password) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/console/session"))
                .header("Authorization", ServerTestSupport.basicAuth(user, password)).GET()).status();
    }

    private Reply preflight(String path, String origin) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
    }

    private Reply createUser(String json) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users"))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    private static void assertError(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json().get("error").get("code").asText()).isEqualTo(code);
        assertThat(reply.json().get("error").get("message").asText()).containsPattern("\\p{IsHan}");
    }

    private static JsonNode json(String body) {
        try {
            return ServerTestSupport.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
