package io.govassist.web;

import com.sun.net.httpserver.HttpServer;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget on another site's page with {@code data-knowledge-base}: it shows that knowledge base's welcome text and
 * suggested questions (read cross-origin from {@code /api/v1/knowledge-bases/{id}}) and answers from its documents
 * only — a question about 政府信息公开条例, which is outside it, cites nothing of the law. Real Chromium, real CSP/CORS.
 */
class KnowledgeBaseWidgetBrowserIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    static final String KB = "widget-plan";
    static final String WELCOME = "您好！本窗口只解答《人工智能+行动实施方案》的问题。";
    static final String SUGGESTION = "人工智能+医疗由哪些部门负责？";

    HttpServer portal;
    Browser browser;
    String plan;
    String law;

    @BeforeEach
    void knowledgeBaseAndPortal() throws IOException {
        plan = documentId("四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt");
        law = documentId("行政法规/政府信息公开条例(2019-04-03).md");
        assertThat(admin("POST", "/api/v1/admin/knowledge-bases", "{\"id\":\"" + KB + "\",\"name\":\"人工智能+行动\","
                + "\"audience\":\"PUBLIC\",\"welcome\":\"" + WELCOME + "\",\"suggestedQuestions\":[\"" + SUGGESTION
                + "\"]}").status()).isEqualTo(201);
        assertThat(admin("PUT", "/api/v1/admin/knowledge-bases/" + KB + "/documents",
                "{\"documentIds\":[\"" + plan + "\"]}").status()).isEqualTo(200);
        portal = HttpServer.create(new InetSocketAddress(0), 0);
        portal.createContext("/", exchange -> {
            String page = """
                    <!DOCTYPE html>
                    <html lang="zh-CN"><head><meta charset="utf-8"><title>四川省科学技术厅</title></head>
                    <body><h1>人工智能+行动实施方案解读</h1>
                    <script src="APP/widget.js" data-title="方案问答" data-knowledge-base="KB" async></script>
                    </body></html>
                    """.replace("APP", server.base()).replace("KB", KB);
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        portal.start();
        browser = Browser.start(1280, 900);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (portal != null) {
            portal.stop(0);
        }
        admin("DELETE", "/api/v1/admin/knowledge-bases/" + KB, null);
    }

    @Test
    void the_widget_shows_the_knowledge_bases_welcome_and_answers_from_it_only() {
        browser.open("http://localhost:" + portal.getAddress().getPort() + "/");
        SearchContext widget = browser.widget();
        widget.findElement(By.cssSelector(".ga-launcher")).click();
        WebElement welcome = browser.await(d -> widget.findElements(By.cssSelector(".ga-welcome")).stream()
                .filter(w -> w.getText().contains(WELCOME)).findFirst().orElse(null));
        List<String> suggestions = welcome.findElements(By.cssSelector(".ga-sug")).stream().map(WebElement::getText)
                .toList();
        assertThat(suggestions).containsExactly(SUGGESTION);

        welcome.findElement(By.cssSelector(".ga-sug")).click();
        browser.await(Duration.ofSeconds(90), d -> widget.findElements(By.cssSelector(".ga-answer .ga-chip"))
                .stream().filter(c -> c.getText().equals("二、（十）")).findFirst().orElse(null));
        awaitIdle(widget);

        widget.findElement(By.cssSelector("#ga-input")).sendKeys("政府信息公开申请应当包括哪些内容？", Keys.ENTER);
        browser.await(Duration.ofSeconds(90), d -> turns() >= 2 ? Boolean.TRUE : null);
        String stored = (String) browser.js("for (let i = 0; i < sessionStorage.length; i++) {"
                + " const k = sessionStorage.key(i); if (k.startsWith('govassist.widget:')) return sessionStorage.getItem(k); }"
                + " return null;");
        assertThat(stored).contains(plan).doesNotContain(law).doesNotContain("申请人的姓名或者名称、身份证明、联系方式");
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("CORS"));
    }

    private long turns() {
        Object n = browser.js("for (let i = 0; i < sessionStorage.length; i++) {"
                + " const k = sessionStorage.key(i); if (k.startsWith('govassist.widget:'))"
                + " return JSON.parse(sessionStorage.getItem(k)).turns.length; } return 0;");
        return ((Number) n).longValue();
    }

    private void awaitIdle(SearchContext widget) {
        browser.await(Duration.ofSeconds(90), d -> turns() >= 1 ? Boolean.TRUE : null);
    }

    private ServerTestSupport.Reply admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", ADMIN);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        return server.send(request);
    }

    private String documentId(String source) {
        for (var d : server.get("/api/v1/documents").json().get("documents")) {
            if (d.get("source").asText().equals(source)) {
                return d.get("id").asText();
            }
        }
        throw new AssertionError("no document " + source);
    }
}
