package io.govassist.web;

import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's 知识库 page in a real Chromium: an admin creates a knowledge base, assigns the AI plan to it, the
 * document list shows the membership, and 条款检索 scoped to it finds clauses of the plan only.
 */
class KnowledgeBaseConsoleBrowserIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    static final String KB = "console-plan";

    Browser browser;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(1366, 900);
    }

    @AfterEach
    void stop() {
        browser.close();
        server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/knowledge-bases/" + KB))
                .header("Authorization", ADMIN).DELETE());
    }

    @Test
    void an_admin_creates_a_knowledge_base_assigns_a_document_and_searches_inside_it() {
        String plan = documentId("四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt");
        browser.open(server.base() + "/console/login");
        browser.find("#username").sendKeys("admin");
        browser.find("#password").sendKeys(ServerTestSupport.ADMIN_PASSWORD);
        browser.find("#login-submit").click();
        browser.await(d -> d.getCurrentUrl().endsWith("/console/") ? Boolean.TRUE : null);

        browser.open(server.base() + "/console/knowledge.html");
        browser.await(d -> d.findElements(By.cssSelector("#kbs tr[data-kb-id=default]")).isEmpty() ? null : Boolean.TRUE);
        browser.find("#kb-id").sendKeys(KB);
        browser.find("#kb-name").sendKeys("控制台测试");
        browser.find("#kb-create").click();
        WebElement row = browser.await(d -> d.findElements(By.cssSelector("#kbs tr[data-kb-id=" + KB + "]")).stream()
                .findFirst().orElse(null));
        assertThat(row.findElement(By.cssSelector(".kb-count")).getText()).isEqualTo("0");
        assertThat(browser.find("#kb-status").getText()).contains("已新建知识库");

        row.findElement(By.cssSelector("button.assign")).click();
        WebElement box = browser.await(d -> d.findElements(By.cssSelector("#assign-documents input[value='" + plan + "']"))
                .stream().findFirst().orElse(null));
        box.click();
        browser.find("#assign-save").click();
        browser.await(d -> d.findElements(By.cssSelector("#kbs tr[data-kb-id=" + KB + "] .kb-count")).stream()
                .anyMatch(c -> c.getText().equals("1")) ? Boolean.TRUE : null);

        browser.open(server.base() + "/console/documents.html");
        browser.await(d -> d.findElements(By.cssSelector(".doc-kbs")).stream()
                .anyMatch(c -> c.getText().equals(KB)) ? Boolean.TRUE : null);

        browser.open(server.base() + "/console/search.html");
        browser.await(d -> d.findElements(By.cssSelector("#kb option[value=" + KB + "]")).isEmpty() ? null : Boolean.TRUE);
        new Select(browser.find("#kb")).selectByValue(KB);
        browser.find("#query").sendKeys("政府信息公开申请应当包括哪些内容");
        browser.find("#search-form button[type=submit]").click();
        List<WebElement> links = browser.await(Duration.ofSeconds(60), d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#results .cite"));
            return found.isEmpty() ? null : found;
        });
        assertThat(links).allMatch(a -> a.getAttribute("href").contains("id=" + plan));
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
