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
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's audit log page (ADMIN) in a real headless Chromium: newest first, filters, paging. */
class AuditPageBrowserIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    Browser browser;

    @BeforeEach
    void startBrowser() {
        browser = Browser.start(1366, 900);
    }

    @AfterEach
    void stopBrowser() {
        browser.close();
    }

    private void failedLogin(String user) {
        assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/console/session"))
                .header("Authorization", ServerTestSupport.basicAuth(user, "wrong-password")).GET()).status())
                .isEqualTo(401);
    }

    private List<WebElement> rows() {
        return browser.findAll("#audit tbody tr");
    }

    private String cell(WebElement row, String css) {
        return row.findElement(By.cssSelector(css)).getText();
    }

    /** Submits the filters and waits until the page has shown the answer. */
    private void search() {
        browser.js("document.getElementById('audit-status').textContent = ''");
        browser.find("#a-search").click();
        browser.await(d -> {
            String status = browser.find("#audit-status").getText();
            return !status.isBlank() && !status.equals("加载中…");
        });
    }

    @Test
    void admin_sees_the_audit_log_newest_first_and_filters_and_pages_it() {
        String probe = "pager-probe-" + System.nanoTime();
        for (int i = 0; i < 51; i++) {
            failedLogin(probe);
        }
        assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users"))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"audit-page-user\",\"password\":\"audit-pass-1\"}"))
        ).status()).isEqualTo(201);
        assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users/audit-page-user"))
                .header("Authorization", ADMIN).DELETE()).status()).isEqualTo(204);

        browser.open(server.base() + "/console/login");
        browser.find("#username").sendKeys("admin");
        browser.find("#password").sendKeys(ServerTestSupport.ADMIN_PASSWORD);
        browser.find("#login-submit").click();
        browser.await(d -> d.getCurrentUrl().endsWith("/console/"));
        WebElement link = browser.await(d -> browser.find("a[data-page=audit]").isDisplayed()
                ? browser.find("a[data-page=audit]") : null);
        assertThat(link.getText()).isEqualTo("审计日志");
        link.click();

        // newest first: the admin's own console login, then the user deletion and creation
        browser.await(d -> rows().size() == 50);
        assertThat(browser.find("a[data-page=audit]").getAttribute("aria-current")).isEqualTo("page");
        List<WebElement> rows = rows();
        assertThat(cell(rows.get(0), ".actor")).isEqualTo("admin");
        assertThat(cell(rows.get(0), ".action")).isEqualTo("登录");
        assertThat(cell(rows.get(0), ".outcome")).isEqualTo("成功");
        assertThat(cell(rows.get(1), ".action")).isEqualTo("删除用户");
        assertThat(cell(rows.get(1), ".target")).isEqualTo("audit-page-user");
        assertThat(cell(rows.get(2), ".action")).isEqualTo("创建用户");
        assertThat(cell(rows.get(2), ".ip")).isEqualTo("127.0.0.1");
        long newest = Long.parseLong(rows.get(0).getAttribute("data-id"));
        assertThat(Long.parseLong(rows.get(1).getAttribute("data-id"))).isLessThan(newest);

        // filters: actor, action and outcome; then paging within the filtered list (51 failed logins)
        browser.find("#a-actor").sendKeys(probe);
        new Select(browser.find("#a-action")).selectByValue("LOGIN");
        new Select(browser.find("#a-outcome")).selectByValue("FAILURE");
        search();
        assertThat(rows()).hasSize(50).allSatisfy(r -> {
            assertThat(cell(r, ".actor")).isEqualTo(probe);
            assertThat(cell(r, ".action")).isEqualTo("登录");
            assertThat(cell(r, ".outcome")).isEqualTo("失败");
            assertThat(cell(r, ".detail")).isEqualTo("BadCredentials");
        });
        String lastOfFirstPage = rows().get(49).getAttribute("data-id");
        assertThat(browser.find("#a-prev").isEnabled()).isFalse();
        browser.find("#a-next").click();
        browser.await(d -> rows().size() == 1);
        assertThat(browser.find("#a-page").getText()).isEqualTo("第 2 页");
        assertThat(Long.parseLong(rows().get(0).getAttribute("data-id"))).isLessThan(Long.parseLong(lastOfFirstPage));
        assertThat(browser.find("#a-next").isEnabled()).isFalse();
        browser.find("#a-prev").click();
        browser.await(d -> rows().size() == 50);
        assertThat(browser.find("#a-page").getText()).isEqualTo("第 1 页");

        // a date range without events
        String tomorrow = LocalDate.now().plusDays(2).toString();
        browser.js("document.getElementById('a-from').value = arguments[0]", tomorrow);
        search();
        assertThat(rows()).isEmpty();
        assertThat(browser.find("#audit-status").getText()).isEqualTo("没有符合条件的记录");
        // today (in the browser's time zone) has them again
        browser.js("document.getElementById('a-from').value = arguments[0]; document.getElementById('a-to').value = arguments[1]",
                LocalDate.now().minusDays(1).toString(), LocalDate.now().plusDays(1).toString());
        search();
        assertThat(rows()).hasSize(50);

        browser.find("#a-reset").click();
        browser.await(d -> rows().size() == 50 && cell(rows().get(0), ".actor").equals("admin"));
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused"));
    }
}
