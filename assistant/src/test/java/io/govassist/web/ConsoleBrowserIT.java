package io.govassist.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The staff console in a real headless Chromium: login, documents, users, clause trees. */
class ConsoleBrowserIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    @TempDir
    Path tmp;

    Browser browser;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(1366, 900);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    void login(String user, String password) {
        browser.open(server.base() + "/console/login");
        browser.find("#username").sendKeys(user);
        browser.find("#password").sendKeys(password);
        browser.find("#login-submit").click();
    }

    /** The login page's message once the page after the form post has loaded (the click only starts navigation). */
    private String loginMessage() {
        return browser.await(d -> d.findElements(org.openqa.selenium.By.cssSelector("#login-message")).stream()
                .map(org.openqa.selenium.WebElement::getText).filter(t -> !t.isBlank()).findFirst().orElse(null));
    }

    @Test
    void login_page_is_chinese_refuses_a_wrong_password_and_logout_ends_the_session() {
        browser.open(server.base() + "/console/documents.html");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login");
        assertThat(browser.driver().getTitle()).contains("登录");

        login("admin", "wrong-password");
        assertThat(loginMessage()).isEqualTo("用户名或密码错误，或账号已停用。");

        login("admin", ServerTestSupport.ADMIN_PASSWORD);
        browser.await(d -> d.getCurrentUrl().contains("/console/documents.html"));
        browser.await(d -> browser.find("#console-user").getText().contains("admin"));
        assertThat(browser.find("#console-user").getText()).isEqualTo("admin（管理员）");
        assertThat(browser.find("a[data-page=documents]").isDisplayed()).isTrue();

        browser.find("#logout").click();
        browser.await(d -> d.getCurrentUrl().contains("/console/login?logout"));
        assertThat(loginMessage()).isEqualTo("您已安全退出。");
        browser.open(server.base() + "/console/");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/console/login");
    }

    @Test
    void admin_uploads_files_with_per_file_results_sees_the_clause_tree_reingests_and_deletes() throws IOException {
        Path docx = tmp.resolve("console-upload-policy.docx");
        try (InputStream in = getClass().getResourceAsStream("/fixtures/upload-policy.docx")) {
            Files.copy(in, docx);
        }
        Path broken = Files.writeString(tmp.resolve("console-broken.pdf"), "%PDF-1.7 not really a pdf");
        login("admin", ServerTestSupport.ADMIN_PASSWORD);
        browser.await(d -> d.getCurrentUrl().endsWith("/console/"));
        browser.open(server.base() + "/console/documents.html");
        browser.await(d -> !browser.findAll("#documents tbody tr").isEmpty());

        browser.find("#upload-files").sendKeys(docx + "\n" + broken);
        assertThat(browser.find("#upload-start").getText()).isEqualTo("开始上传（2 个文件）");
        browser.find("#upload-start").click();
        browser.await(d -> browser.find("#doc-status").getText().startsWith("上传完成"));
        List<WebElement> rows = browser.findAll("#upload-results tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).findElement(By.cssSelector(".file")).getText()).isEqualTo("console-upload-policy.docx");
        assertThat(rows.get(0).findElement(By.cssSelector(".result")).getText())
                .startsWith("已入库：《国务院办公厅关于推进政务新媒体健康有序发展的意见》").endsWith("个条款");
        assertThat(rows.get(0).findElement(By.cssSelector("progress")).getAttribute("value")).isEqualTo("100");
        assertThat(rows.get(1).findElement(By.cssSelector(".result")).getText()).startsWith("失败：");
        assertThat(browser.find("#doc-status").getText()).isEqualTo("上传完成：1 个成功，1 个失败");

        String id = documentId("console-upload-policy.docx");
        WebElement row = browser.await(d -> d.findElement(By.cssSelector("tr[data-document-id='" + id + "']")));
        browser.driver().manage().window().setSize(new Dimension(1440, 1000));
        browser.js("window.scrollTo(0, 0);");
        browser.screenshot("console-documents");
        assertThat(row.getText()).contains("国办发〔2018〕123号").contains("国务院办公厅").contains("2018-12-07").contains("现行");
        row.findElement(By.cssSelector("button.view")).click();
        browser.await(d -> browser.find("#tree-card").isDisplayed());
        assertThat(browser.find("#tree-heading").getText()).isEqualTo("《国务院办公厅关于推进政务新媒体健康有序发展的意见》条款结构");
        JsonNode tree = server.get("/api/v1/documents/" + id).json().get("tree");
        JsonNode firstClause = tree.get("children").get(0).get("children").get(0).get("clauses").get(0);
        WebElement rendered = browser.find("#tree-" + firstClause.get("clauseId").asText());
        assertThat(rendered.findElement(By.cssSelector(".clause-label")).getText()).isEqualTo("一、（一）");
        assertThat(rendered.findElement(By.cssSelector(".clause-text")).getText())
                .isEqualTo(firstClause.get("text").asText().strip());
        assertThat(browser.findAll("#doc-tree .clause")).hasSize(server.get("/api/v1/documents/" + id).json()
                .get("document").get("clauseCount").asInt());
        browser.screenshot("console-clause-tree");

        // Ask about the new policy, restricted to it.
        browser.open(server.base() + "/console/");
        browser.await(d -> d.findElements(By.cssSelector("#f-documents option[value='" + id + "']")).size() == 1);
        new Select(browser.find("#f-documents")).selectByValue(id);
        browser.find("#question").sendKeys("政务新媒体的主要职责是什么？");
        browser.find("#ask-submit").click();
        browser.await(Duration.ofSeconds(90), d -> browser.find("#ask-status").getText().startsWith("回答已生成"));
        assertThat(browser.findAll("#citations .citation")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.getAttribute("data-document-id")).isEqualTo(id));
        browser.open(server.base() + "/console/documents.html");
        browser.await(d -> !d.findElements(By.cssSelector("tr[data-document-id='" + id + "']")).isEmpty());

        browser.find("tr[data-document-id='" + id + "'] button.reingest").click();
        browser.await(d -> browser.find("#doc-status").getText().startsWith("已重新解析"));
        assertThat(browser.find("#doc-status").getText()).endsWith("20 个条款");

        browser.find("tr[data-document-id='" + id + "'] button.delete").click();
        browser.await(d -> browser.alertOpen());
        assertThat(browser.driver().switchTo().alert().getText()).contains("确定删除《国务院办公厅关于推进政务新媒体健康有序发展的意见》");
        browser.driver().switchTo().alert().accept();
        browser.await(d -> d.findElements(By.cssSelector("tr[data-document-id='" + id + "']")).isEmpty());
        assertThat(server.get("/api/v1/documents/" + id).status()).isEqualTo(404);
    }

    /**
     * The ingestion normalises ASCII parentheses to full-width ones, so {@code alert(1)} is stored as
     * {@code alert（1）}; the backtick variant {@code alert`1`} survives and would run if it were ever parsed as HTML.
     */
    static final String XSS_TEXT = "关于测试标记安全显示的通知\n一、总体要求\n（一）显示要求。请勿执行 <img src=x onerror=alert(1)> 、"
            + "<img src=x onerror=alert`1`> 与 <script>alert`2`</script> 标记，应原样显示。\n";

    @Test
    void markup_inside_an_uploaded_document_is_shown_as_text_in_the_document_view_and_the_console() {
        var upload = new ServerTestSupport.Multipart().file("xss-console-notice.txt", XSS_TEXT.getBytes(StandardCharsets.UTF_8))
                .post(server.base() + "/api/v1/documents").header("Authorization", ADMIN);
        assertThat(server.send(upload).status()).isEqualTo(200);
        String id = documentId("xss-console-notice.txt");
        String stored = server.get("/api/v1/documents/" + id).json().get("tree").get("children").get(0)
                .get("children").get(0).get("clauses").get(0).get("text").asText();
        assertThat(stored).contains("<img src=x onerror=alert`1`>").contains("<script>alert`2`</script>");
        try {
            browser.open(server.base() + "/document.html?id=" + id);
            browser.await(d -> !browser.findAll(".clause").isEmpty());
            assertThat(browser.find(".depth-2 .clause-text").getText()).isEqualTo(stored.strip());
            assertThat(browser.findAll("#tree img")).isEmpty();
            assertThat(browser.findAll("#tree script")).isEmpty();
            assertThat(browser.alertOpen()).as("no script ran").isFalse();

            login("admin", ServerTestSupport.ADMIN_PASSWORD);
            browser.await(d -> d.getCurrentUrl().endsWith("/console/"));
            browser.open(server.base() + "/console/documents.html");
            browser.await(d -> d.findElement(By.cssSelector("tr[data-document-id='" + id + "'] button.view"))).click();
            browser.await(d -> browser.find("#doc-tree").getText().contains("<img src=x onerror=alert`1`>"));
            assertThat(browser.findAll("#doc-tree img")).isEmpty();
            assertThat(browser.alertOpen()).isFalse();
        } finally {
            server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/" + id))
                    .header("Authorization", ADMIN).DELETE());
        }
    }

    @Test
    void admin_creates_a_staff_user_who_can_use_the_console_but_not_manage_documents() {
        login("admin", ServerTestSupport.ADMIN_PASSWORD);
        browser.await(d -> d.getCurrentUrl().endsWith("/console/"));
        browser.open(server.base() + "/console/users.html");
        browser.await(d -> !browser.findAll("#users tbody tr").isEmpty());
        browser.find("#u-name").sendKeys("liming");
        browser.find("#u-display").sendKeys("李明");
        browser.find("#u-password").sendKeys("staff-pass-1");
        browser.find("#u-create").click();
        browser.await(d -> browser.find("#user-status").getText().equals("已创建用户 liming"));
        WebElement row = browser.await(d -> d.findElement(By.cssSelector("tr[data-username=liming]")));
        assertThat(row.getText()).contains("李明").contains("工作人员").contains("admin");
        try {
            browser.find("#logout").click();
            browser.await(d -> d.getCurrentUrl().contains("/console/login"));
            login("liming", "staff-pass-1");
            browser.await(d -> browser.find("#console-user").getText().equals("liming（工作人员）"));
            assertThat(browser.find("a[data-page=documents]").isDisplayed()).isFalse();
            assertThat(browser.find("a[data-page=users]").isDisplayed()).isFalse();

            browser.open(server.base() + "/console/documents.html");
            assertThat(browser.find("#forbidden-message").getText()).contains("仅管理员");
            browser.open(server.base() + "/console/search.html");
            browser.find("#query").sendKeys("政府信息公开申请应当包括哪些内容");
            browser.find("#search-form button").click();
            browser.await(d -> !browser.findAll("#results li").isEmpty());
            assertThat(browser.find("#results li .cite").getText()).contains("政府信息公开条例");
        } finally {
            server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users/liming"))
                    .header("Authorization", ADMIN).DELETE());
        }
    }

    @Test
    void staff_ask_with_filters_and_see_the_citations_beside_the_cited_documents_clause_tree() {
        login("admin", ServerTestSupport.ADMIN_PASSWORD);
        browser.await(d -> d.getCurrentUrl().endsWith("/console/"));
        String plan = documentId("四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt");
        String openGov = documentId("行政法规/政府信息公开条例(2019-04-03).md");
        browser.await(d -> browser.findAll("#f-documents option").size() >= 10);
        new Select(browser.find("#f-documents")).selectByValue(plan);
        browser.find("#question").sendKeys("人工智能+医疗由哪些部门负责？");
        browser.find("#ask-submit").click();
        browser.await(Duration.ofSeconds(90), d -> browser.find("#ask-status").getText().startsWith("回答已生成"));
        List<WebElement> citations = browser.findAll("#citations .citation");
        assertThat(citations).isNotEmpty();
        assertThat(citations).allSatisfy(c -> assertThat(c.getText()).contains("四川省贯彻落实国务院人工智能+行动实施方案"));
        assertThat(browser.find(".turn .badge.ai").getText()).isEqualTo("AI生成");
        WebElement chip = browser.await(d -> d.findElements(By.cssSelector(".turn-a .chip")).stream()
                .filter(c -> c.getText().equals("二、（十）")).findFirst().orElse(null));
        chip.click();
        WebElement target = browser.await(d -> d.findElements(By.cssSelector("#side-tree .clause.is-target")).stream()
                .findFirst().orElse(null));
        assertThat(target.findElement(By.cssSelector(".clause-label")).getText()).isEqualTo("二、（十）");
        assertThat(browser.find("#tree-title").getText()).isEqualTo("《四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）》条款结构");
        assertThat(browser.js("const t = document.querySelector('#side-tree .clause.is-target').getBoundingClientRect();"
                + " const b = document.querySelector('#side-tree').getBoundingClientRect();"
                + " return t.top >= b.top && t.bottom <= b.bottom;")).as("the cited clause is scrolled into the panel's view").isEqualTo(true);
        browser.driver().manage().window().setSize(new Dimension(1440, 1100));
        browser.js("window.scrollTo(0, 0);");
        browser.screenshot("console-ask");
        browser.driver().manage().window().setSize(new Dimension(1366, 900));

        // Only 政府信息公开条例: nothing about AI in healthcare may be cited from anywhere else.
        browser.find("#ask-new").click();
        Select documents = new Select(browser.find("#f-documents"));
        documents.deselectAll();
        documents.selectByValue(openGov);
        browser.find("#question").sendKeys("人工智能+医疗由哪些部门负责？");
        browser.find("#ask-submit").click();
        browser.await(Duration.ofSeconds(90), d -> browser.find("#ask-status").getText().startsWith("回答已生成"));
        assertThat(browser.findAll("#citations .citation"))
                .allSatisfy(c -> assertThat(c.getText()).contains("政府信息公开条例"));

        // Drafts excluded: the plan (a 征求意见稿) is not cited.
        browser.find("#ask-new").click();
        documents.deselectAll();
        browser.find("#f-drafts").click();
        browser.find("#question").sendKeys("人工智能+医疗由哪些部门负责？");
        browser.find("#ask-submit").click();
        browser.await(Duration.ofSeconds(90), d -> browser.find("#ask-status").getText().startsWith("回答已生成"));
        assertThat(browser.findAll("#citations .citation"))
                .noneSatisfy(c -> assertThat(c.getText()).contains("四川省贯彻落实国务院人工智能+行动实施方案"));
    }

    @Test
    void feedback_page_lists_downvoted_answers_and_unanswered_questions_newest_first() {
        JsonNode unanswered = server.postJson("/api/v1/chat", "{\"question\":\"明天成都的天气怎么样？\"}").json();
        assertThat(unanswered.get("grounded").asBoolean()).as(unanswered.toString()).isFalse();
        JsonNode answered = server.postJson("/api/v1/chat", "{\"question\":\"政府信息公开申请应当包括哪些内容？\"}").json();
        Reply rated = server.postJson("/api/v1/chat/feedback", "{\"conversationId\":\"" + answered.get("conversationId").asText()
                + "\",\"turnId\":\"" + answered.get("turnId").asText() + "\",\"rating\":\"down\",\"comment\":\"<b>太笼统</b>\"}");
        assertThat(rated.status()).as(rated.body()).isEqualTo(204);

        login("admin", ServerTestSupport.ADMIN_PASSWORD);
        browser.await(d -> d.getCurrentUrl().endsWith("/console/"));
        browser.open(server.base() + "/console/feedback.html");
        browser.await(d -> browser.findAll("#feedback li").size() >= 2);
        List<WebElement> items = browser.findAll("#feedback li");
        assertThat(items.get(0).findElement(By.cssSelector(".badge")).getText()).isEqualTo("👎 差评回答");
        assertThat(items.get(0).findElement(By.cssSelector(".feedback-q")).getText()).isEqualTo("问：政府信息公开申请应当包括哪些内容？");
        assertThat(items.get(0).findElement(By.cssSelector(".feedback-comment")).getText()).isEqualTo("意见：<b>太笼统</b>");
        assertThat(items.get(1).findElement(By.cssSelector(".badge")).getText()).isEqualTo("未能回答");
        assertThat(items.get(1).findElement(By.cssSelector(".feedback-q")).getText()).isEqualTo("问：明天成都的天气怎么样？");

        new Select(browser.find("#fb-kind")).selectByValue("UNANSWERED");
        browser.await(d -> browser.findAll("#feedback li .badge").stream().allMatch(b -> b.getText().equals("未能回答")));
    }

    String documentId(String source) {
        for (JsonNode d : server.get("/api/v1/documents").json().get("documents")) {
            if (d.get("source").asText().equals(source)) {
                return d.get("id").asText();
            }
        }
        throw new AssertionError("no document " + source);
    }
}
