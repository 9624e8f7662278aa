package io.govassist.security;

import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix: every endpoint Spring MVC maps, every exposed actuator endpoint and every static page
 * is listed in {@link #MATRIX} with who may call it. An endpoint without a row fails
 * {@link #every_mapped_endpoint_has_a_row_in_the_matrix()}; each row is then tried with no credentials, a STAFF
 * user, an ADMIN and an API key over real HTTP. "Allowed" means the request got past security (any status but
 * 401/403/a redirect to the login page — a 400 for the empty test body is fine); "denied" means exactly that.
 */
class AuthorizationMatrixIT extends DemoServerIT {

    enum Caller { ANONYMOUS, STAFF, ADMIN, API_KEY }

    enum Access {
        PUBLIC(EnumSet.allOf(Caller.class)),
        STAFF(EnumSet.of(Caller.STAFF, Caller.ADMIN)),
        ADMIN(EnumSet.of(Caller.ADMIN)),
        API_KEY(EnumSet.of(Caller.API_KEY));

        final Set<Caller> allowed;

        Access(Set<Caller> allowed) {
            this.allowed = allowed;
        }
    }

    record Rule(String method, String pattern, Access access) {
        String key() {
            return method + " " + pattern;
        }
    }

    /** The one table of who may call what. Path variables are tried with ids that do not exist (no side effects). */
    static final List<Rule> MATRIX = List.of(
            // Citizens: the widget's APIs and reading documents
            new Rule("POST", "/api/v1/chat", Access.PUBLIC),
            new Rule("POST", "/api/v1/chat/stream", Access.PUBLIC),
            new Rule("POST", "/api/v1/chat/feedback", Access.PUBLIC),
            new Rule("POST", "/api/v1/chat/handoff", Access.PUBLIC),
            new Rule("GET", "/api/v1/chat/handoff/{ticketId}", Access.PUBLIC),
            new Rule("POST", "/api/v1/search", Access.PUBLIC),
            new Rule("GET", "/api/v1/documents", Access.PUBLIC),
            new Rule("GET", "/api/v1/documents/{id}", Access.PUBLIC),
            new Rule("GET", "/api/v1/knowledge-bases/{id}", Access.PUBLIC),
            // Staff: the console
            new Rule("GET", "/api/v1/console/session", Access.STAFF),
            new Rule("GET", "/api/v1/console/feedback", Access.STAFF),
            new Rule("GET", "/api/v1/console/handoff", Access.STAFF),
            new Rule("POST", "/api/v1/console/handoff/{ticketId}/claim", Access.STAFF),
            new Rule("POST", "/api/v1/console/handoff/{ticketId}/reply", Access.STAFF),
            new Rule("POST", "/api/v1/console/handoff/{ticketId}/close", Access.STAFF),
            new Rule("GET", "/api/v1/console/curated", Access.STAFF),
            new Rule("POST", "/api/v1/console/curated", Access.STAFF),
            new Rule("GET", "/api/v1/console/curated/{id}", Access.STAFF),
            new Rule("PUT", "/api/v1/console/curated/{id}", Access.STAFF),
            new Rule("POST", "/api/v1/console/curated/{id}/retire", Access.STAFF),
            new Rule("GET", "/api/v1/console/curated/draft/{ticketId}", Access.STAFF),
            new Rule("GET", "/api/v1/console/knowledge-bases", Access.STAFF),
            new Rule("GET", "/console/login", Access.PUBLIC),
            // Administrators: documents, users, API keys
            new Rule("POST", "/api/v1/documents", Access.ADMIN),
            new Rule("DELETE", "/api/v1/documents/{id}", Access.ADMIN),
            new Rule("POST", "/api/v1/documents/{id}/reingest", Access.ADMIN),
            new Rule("GET", "/api/v1/admin/users", Access.ADMIN),
            new Rule("POST", "/api/v1/admin/users", Access.ADMIN),
            new Rule("DELETE", "/api/v1/admin/users/{username}", Access.ADMIN),
            new Rule("PUT", "/api/v1/admin/users/{username}/password", Access.ADMIN),
            new Rule("GET", "/api/v1/admin/api-keys", Access.ADMIN),
            new Rule("POST", "/api/v1/admin/api-keys", Access.ADMIN),
            new Rule("DELETE", "/api/v1/admin/api-keys/{id}", Access.ADMIN),
            new Rule("GET", "/api/v1/admin/audit", Access.ADMIN),
            new Rule("GET", "/api/v1/admin/sensitive-words", Access.ADMIN),
            new Rule("POST", "/api/v1/admin/sensitive-words", Access.ADMIN),
            new Rule("DELETE", "/api/v1/admin/sensitive-words/{id}", Access.ADMIN),
            new Rule("GET", "/api/v1/admin/sync/sources", Access.ADMIN),
            new Rule("POST", "/api/v1/admin/sync/sources", Access.ADMIN),
            new Rule("GET", "/api/v1/admin/sync/sources/{id}", Access.ADMIN),
            new Rule("PUT", "/api/v1/admin/sync/sources/{id}", Access.ADMIN),
            new Rule("DELETE", "/api/v1/admin/sync/sources/{id}", Access.ADMIN),
            new Rule("POST", "/api/v1/admin/sync/sources/{id}/run", Access.ADMIN),
            new Rule("GET", "/api/v1/admin/sync/sources/{id}/runs", Access.ADMIN),
            new Rule("GET", "/api/v1/admin/sync/runs/{id}", Access.ADMIN),
            new Rule("GET", "/api/v1/admin/knowledge-bases", Access.ADMIN),
            new Rule("POST", "/api/v1/admin/knowledge-bases", Access.ADMIN),
            new Rule("PUT", "/api/v1/admin/knowledge-bases/{id}", Access.ADMIN),
            new Rule("DELETE", "/api/v1/admin/knowledge-bases/{id}", Access.ADMIN),
            new Rule("PUT", "/api/v1/admin/knowledge-bases/{id}/documents", Access.ADMIN),
            // API keys: the OpenAI-compatible embeddings API only
            new Rule("POST", "/v1/embeddings", Access.API_KEY),
            new Rule("GET", "/v1/models", Access.API_KEY),
            new Rule("GET", "/v1/models/{id}", Access.API_KEY),
            // The OpenAPI description and Swagger UI (springdoc): public, like the README that documents the same API
            new Rule("GET", "/v3/api-docs", Access.PUBLIC),
            new Rule("GET", "/v3/api-docs.yaml", Access.PUBLIC),
            new Rule("GET", "/v3/api-docs/swagger-config", Access.PUBLIC),
            new Rule("GET", "/swagger-ui.html", Access.PUBLIC),
            // Spring Boot's error page (any method)
            new Rule("ANY", "/error", Access.PUBLIC),
            // Actuator (health for probes, metrics for the scraper — documented as public in README)
            new Rule("GET", "/actuator/health", Access.PUBLIC),
            new Rule("GET", "/actuator/info", Access.PUBLIC),
            new Rule("GET", "/actuator/prometheus", Access.PUBLIC),
            // Static pages: the portal and widget are public; the console is for staff, some pages for admins
            new Rule("GET", "/index.html", Access.PUBLIC),
            new Rule("GET", "/widget.js", Access.PUBLIC),
            new Rule("GET", "/sse.js", Access.PUBLIC),
            new Rule("GET", "/portal.js", Access.PUBLIC),
            new Rule("GET", "/portal.css", Access.PUBLIC),
            new Rule("GET", "/document.html", Access.PUBLIC),
            new Rule("GET", "/document.js", Access.PUBLIC),
            new Rule("GET", "/document.css", Access.PUBLIC),
            new Rule("GET", "/clause-tree.js", Access.PUBLIC),
            new Rule("GET", "/console/forbidden.html", Access.PUBLIC),
            new Rule("GET", "/console/assets/console.css", Access.PUBLIC),
            new Rule("GET", "/console/assets/console.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/ask.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/search.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/feedback.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/documents.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/users.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/audit.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/words.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/handoff.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/curated.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/sync.js", Access.PUBLIC),
            new Rule("GET", "/console/assets/knowledge.js", Access.PUBLIC),
            new Rule("GET", "/console/index.html", Access.STAFF),
            new Rule("GET", "/console/search.html", Access.STAFF),
            new Rule("GET", "/console/feedback.html", Access.STAFF),
            new Rule("GET", "/console/handoff.html", Access.STAFF),
            new Rule("GET", "/console/curated.html", Access.STAFF),
            new Rule("GET", "/console/documents.html", Access.ADMIN),
            new Rule("GET", "/console/users.html", Access.ADMIN),
            new Rule("GET", "/console/audit.html", Access.ADMIN),
            new Rule("GET", "/console/words.html", Access.ADMIN),
            new Rule("GET", "/console/sync.html", Access.ADMIN),
            new Rule("GET", "/console/knowledge.html", Access.ADMIN));

    static final Map<String, String> EXAMPLE_IDS = Map.of(
            "{id}", "0000000000000000", "{username}", "nobody-matrix", "{ticketId}", "0".repeat(43));

    static final String STAFF_USER = "matrix-staff";
    static final String STAFF_PASSWORD = "matrix-staff-pass-1";
    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    PathMappedEndpoints actuator;

    String apiKey;
    String apiKeyId;

    @BeforeEach
    void callers() {
        ServerTestSupport.Reply user = adminPost("/api/v1/admin/users",
                "{\"username\":\"" + STAFF_USER + "\",\"password\":\"" + STAFF_PASSWORD + "\",\"role\":\"STAFF\"}");
        assertThat(user.status()).as(user.body()).isIn(201, 409);
        ServerTestSupport.Reply key = adminPost("/api/v1/admin/api-keys", "{\"name\":\"authorization matrix\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        apiKey = key.json().get("key").asText();
        apiKeyId = key.json().get("id").asText();
    }

    @AfterEach
    void removeCallers() {
        server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users/" + STAFF_USER))
                .header("Authorization", ADMIN).DELETE());
        server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/api-keys/" + apiKeyId))
                .header("Authorization", ADMIN).DELETE());
    }

    @Test
    void every_mapped_endpoint_has_a_row_in_the_matrix() throws IOException {
        Set<String> exposed = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    exposed.add("ANY " + pattern);
                }
                methods.forEach(m -> exposed.add(m.name() + " " + pattern));
            }
        });
        actuator.getAllPaths().forEach(path -> exposed.add("GET " + path));
        exposed.addAll(staticPages());

        Set<String> listed = MATRIX.stream().map(Rule::key).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).as("endpoints without a row in AuthorizationMatrixIT.MATRIX")
                .containsAll(exposed);
        assertThat(exposed).as("rows for endpoints that no longer exist").containsAll(listed);
        assertThat(exposed).as("sanity: the enumeration found the APIs")
                .contains("POST /api/v1/chat", "POST /v1/embeddings", "GET /actuator/health", "GET /console/users.html");
    }

    @Test
    void each_caller_reaches_exactly_the_endpoints_its_role_allows() {
        Browser staffBrowser = new Browser(STAFF_USER, STAFF_PASSWORD);
        Browser adminBrowser = new Browser("admin", ServerTestSupport.ADMIN_PASSWORD);
        List<String> wrong = new ArrayList<>();
        for (Rule rule : MATRIX) {
            String path = rule.pattern();
            for (var id : EXAMPLE_IDS.entrySet()) {
                path = path.replace(id.getKey(), id.getValue());
            }
            for (Caller caller : Caller.values()) {
                HttpResponse<String> response = call(rule.method(), path, caller, staffBrowser, adminBrowser);
                boolean allowed = passedSecurity(response);
                boolean expected = rule.access().allowed.contains(caller);
                if (allowed != expected) {
                    wrong.add(rule.key() + " as " + caller + ": expected " + (expected ? "allowed" : "denied")
                            + " but got " + response.statusCode() + " " + abbreviate(response.body()));
                }
                if (!allowed && path.startsWith("/api/")) {
                    assertThat(response.body()).as(rule.key() + " as " + caller + " explains the refusal")
                            .contains("\"error\"").doesNotContain("Exception");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    private HttpResponse<String> call(String method, String path, Caller caller, Browser staff, Browser admin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("X-Requested-With", "XMLHttpRequest");
        if (method.equals("ANY")) {
            request.GET();
        } else if (method.equals("GET") || method.equals("DELETE")) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString("{}"));
        }
        boolean consolePage = path.startsWith("/console/");
        return switch (caller) {
            case ANONYMOUS -> new Browser().send(request);
            case API_KEY -> new Browser().send(request.header("Authorization", "Bearer " + apiKey));
            case STAFF -> consolePage ? staff.send(request)
                    : new Browser().send(request.header("Authorization",
                    ServerTestSupport.basicAuth(STAFF_USER, STAFF_PASSWORD)));
            case ADMIN -> consolePage ? admin.send(request) : new Browser().send(request.header("Authorization", ADMIN));
        };
    }

    private static boolean passedSecurity(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            return false;
        }
        return !(status == 302 && response.headers().firstValue("Location").orElse("").contains("/console/login"));
    }

    /** The pages and assets of the frontend module (served from {@code META-INF/resources}). */
    private static Set<String> staticPages() throws IOException {
        Set<String> pages = new TreeSet<>();
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:META-INF/resources/**/*.*")) {
            String url = r.getURL().toString();
            int at = url.indexOf("META-INF/resources/");
            if (url.contains("frontend")) {
                pages.add("GET /" + url.substring(at + "META-INF/resources/".length()));
            }
        }
        assertThat(pages).as("frontend resources on the classpath").isNotEmpty();
        return pages;
    }

    private ServerTestSupport.Reply adminPost(String path, String json) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + path)).header("Authorization", ADMIN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }

    /** A client that keeps cookies and does not follow redirects; logged in through the console's form if named. */
    final class Browser {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        Browser() {
        }

        Browser(String user, String password) {
            String page = send(HttpRequest.newBuilder(URI.create(server.base() + "/console/login"))).body();
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
            assertThat(token.find()).isTrue();
            String form = "_csrf=" + enc(token.group(1)) + "&username=" + enc(user) + "&password=" + enc(password);
            HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(server.base() + "/console/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            assertThat(login.headers().firstValue("Location").orElse("")).as("login of " + user)
                    .doesNotContain("error");
        }

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

        private static String enc(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8);
        }
    }
}
