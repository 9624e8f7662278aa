package io.govassist.web;

import com.sun.net.httpserver.HttpServer;
import io.govassist.DemoServerIT;
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
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new user's path: the snippet pasted into a plain HTML page served by another web server (another origin), the
 * widget loaded from GovAssist. {@code http://localhost:*} is an allowed embedding origin in the test server;
 * {@code http://127.0.0.1:*} (the same page under another host name) is not.
 */
class CrossOriginWidgetBrowserIT extends DemoServerIT {

    HttpServer portal;
    Browser browser;

    @BeforeEach
    void startPortal() throws IOException {
        portal = HttpServer.create(new InetSocketAddress(0), 0);
        portal.createContext("/", exchange -> {
            String page = """
                    <!DOCTYPE html>
                    <html lang="zh-CN"><head><meta charset="utf-8"><title>某市人民政府</title></head>
                    <body><h1>某市人民政府门户网站</h1><p>这是一个普通的网页。</p>
                    <script src="APP/widget.js" data-title="市政策咨询" data-color="#0d47a1" async></script>
                    </body></html>
                    """.replace("APP", server.base());
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
        browser.close();
        portal.stop(0);
    }

    @Test
    void an_allowed_origin_gets_a_streamed_cited_answer_and_the_clause() {
        browser.open("http://localhost:" + portal.getAddress().getPort() + "/");
        SearchContext widget = browser.widget();
        WebElement launcher = widget.findElement(By.cssSelector(".ga-launcher"));
        assertThat(launcher.getText()).isEqualTo("市政策咨询");
        assertThat(launcher.getCssValue("background-color")).isEqualTo("rgba(13, 71, 161, 1)");
        launcher.click();
        widget.findElement(By.cssSelector("#ga-input")).sendKeys("人工智能+医疗由哪些部门负责？", Keys.ENTER);

        WebElement chip = browser.await(Duration.ofSeconds(90), d -> widget.findElements(By.cssSelector(".ga-answer .ga-chip"))
                .stream().filter(c -> c.getText().equals("二、（十）")).findFirst().orElse(null));
        chip.click();
        WebElement link = widget.findElement(By.cssSelector(".ga-pop .ga-doc-link"));
        assertThat(link.getAttribute("href")).startsWith(server.base() + "/document.html?id=");
        assertThat(widget.findElement(By.cssSelector(".ga-pop-text")).getText()).contains("医疗");

        browser.open(link.getAttribute("href"));
        WebElement target = browser.await(d -> d.findElements(By.cssSelector(".clause.is-target")).stream().findFirst().orElse(null));
        assertThat(target.findElement(By.cssSelector(".clause-label")).getText()).isEqualTo("二、（十）");
    }

    @Test
    void an_origin_that_is_not_allowed_is_refused_by_cors() {
        browser.open("http://127.0.0.1:" + portal.getAddress().getPort() + "/");
        SearchContext widget = browser.widget();
        widget.findElement(By.cssSelector(".ga-launcher")).click();
        widget.findElement(By.cssSelector("#ga-input")).sendKeys("人工智能+医疗由哪些部门负责？", Keys.ENTER);
        WebElement error = browser.await(d -> widget.findElements(By.cssSelector(".ga-error")).stream().findFirst().orElse(null));
        assertThat(error.getText()).contains("未获授权嵌入");
        assertThat(widget.findElements(By.cssSelector(".ga-chip"))).isEmpty();
        assertThat(browser.consoleMessages()).anyMatch(m -> m.contains("CORS"));
    }
}
