package io.govassist.web;

import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 常见问题 end to end in real headless Chromium: staff write a curated answer on the console page, find its clause
 * and save it; a citizen asking that question in the widget gets it labelled 人工审核 (not AI生成) with the clause
 * cited; staff retire it.
 */
class CuratedBrowserIT extends DemoServerIT {

    static final String QUESTION = "四川人工智能+文旅这项任务是哪个部门牵头？";
    static final String ANSWER = "这项任务由省文化和旅游厅牵头，详见所引条款[1]。";

    Browser citizen;
    Browser staff;

    @AfterEach
    void stopBrowsers() {
        if (citizen != null) {
            citizen.close();
        }
        if (staff != null) {
            staff.close();
        }
    }

    @Test
    void staff_save_a_curated_answer_and_the_widget_shows_it_labelled_as_reviewed_until_it_is_retired() {
        staff = Browser.start(1366, 900);
        staff.open(server.base() + "/console/login");
        staff.find("#username").sendKeys("admin");
        staff.find("#password").sendKeys(ServerTestSupport.ADMIN_PASSWORD);
        staff.find("#login-submit").click();
        staff.await(d -> d.getCurrentUrl().endsWith("/console/"));
        staff.find("a[data-page=curated]").click();
        staff.await(d -> d.getCurrentUrl().endsWith("/console/curated.html"));
        staff.find("#cu-question").sendKeys(QUESTION);
        staff.find("#cu-answer").sendKeys(ANSWER);
        staff.find("#cu-search").sendKeys("人工智能+文旅 牵头", Keys.ENTER);
        staff.await(d -> d.findElements(By.cssSelector("#cu-hits button.add-clause")).stream().findFirst()
                .orElse(null)).click();
        assertThat(staff.find("#cu-clauses").getText()).startsWith("[1] 《");
        staff.find("#cu-save").click();
        staff.await(d -> staff.find("#cu-status-text").getText().equals("已新建常见问题"));
        WebElement saved = staff.await(d -> d.findElements(By.cssSelector(".curated-item")).stream()
                .filter(i -> i.getText().contains(QUESTION)).findFirst().orElse(null));
        assertThat(saved.getText()).contains("使用中").contains(ANSWER).contains("依据：[1] 《");
        staff.screenshot("console-curated");

        try {
            citizen = Browser.start(1366, 900);
            citizen.open(server.base() + "/");
            SearchContext widget = citizen.widget();
            widget.findElement(By.cssSelector(".ga-launcher")).click();
            widget.findElement(By.cssSelector("#ga-input")).sendKeys(QUESTION, Keys.ENTER);
            WebElement answer = citizen.await(Duration.ofSeconds(90), d -> {
                List<WebElement> bots = widget.findElements(By.cssSelector(".ga-bot:not(.ga-welcome)"));
                WebElement last = bots.isEmpty() ? null : bots.getLast();
                return last != null && !last.findElements(By.cssSelector(".ga-reviewed")).isEmpty() ? last : null;
            });
            assertThat(answer.findElement(By.cssSelector(".ga-reviewed")).getText()).isEqualTo("人工审核");
            assertThat(answer.findElement(By.cssSelector(".ga-answer")).getText()).contains("省文化和旅游厅牵头");
            assertThat(answer.findElement(By.cssSelector(".ga-ai")).isDisplayed()).as("not AI-generated").isFalse();
            assertThat(answer.findElements(By.cssSelector(".ga-answer .ga-chip"))).as("the clause is cited").isNotEmpty();
            citizen.screenshot("widget-curated");
        } finally {
            saved.findElement(By.cssSelector("button.retire")).click();
            staff.await(d -> staff.find("#cu-status-text").getText().equals("已停用"));
        }
    }
}
