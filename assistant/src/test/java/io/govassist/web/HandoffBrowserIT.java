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
 * 转人工 end to end in real headless Chromium: a citizen asks about their own case in the widget and is redirected,
 * hands the question to staff, a staff member claims and replies on the console's 人工服务 page, and the reply
 * appears in the citizen's conversation labelled 人工回复 — also after a reload.
 */
class HandoffBrowserIT extends DemoServerIT {

    static final String QUESTION = "我在网上申请的残疾人补贴审核到哪一步了？";
    static final String REPLY = "您的残疾人补贴申请已于12月3日审核通过，补贴将于下月发放。";

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

    private WebElement lastAnswer(SearchContext widget) {
        List<WebElement> bots = widget.findElements(By.cssSelector(".ga-bot:not(.ga-welcome)"));
        return bots.isEmpty() ? null : bots.getLast();
    }

    @Test
    void a_redirected_citizen_hands_off_staff_reply_in_the_console_and_the_widget_shows_the_reply_after_a_reload() {
        citizen = Browser.start(1366, 900);
        citizen.open(server.base() + "/");
        SearchContext widget = citizen.widget();
        widget.findElement(By.cssSelector(".ga-launcher")).click();
        widget.findElement(By.cssSelector("#ga-input")).sendKeys(QUESTION, Keys.ENTER);
        WebElement answer = citizen.await(Duration.ofSeconds(90), d -> {
            WebElement last = lastAnswer(widget);
            return last != null && !last.findElements(By.cssSelector(".ga-handoff")).isEmpty() ? last : null;
        });
        assertThat(answer.findElement(By.cssSelector(".ga-answer")).getText()).contains("个人办件").contains("12345");
        assertThat(answer.findElement(By.cssSelector(".ga-warn")).getText()).isEqualTo("此类问题需通过办事渠道或人工办理");
        assertThat(answer.findElements(By.cssSelector(".ga-answer .ga-chip"))).as("no clause quoted").isEmpty();
        assertThat(answer.findElement(By.cssSelector(".ga-offer")).getText()).isEqualTo("需要工作人员为您解答吗？");

        answer.findElement(By.cssSelector(".ga-handoff")).click();
        answer.findElement(By.cssSelector(".ga-contact")).sendKeys("13812345678");
        answer.findElement(By.cssSelector(".ga-handoff-send")).click();
        citizen.await(d -> answer.findElements(By.cssSelector(".ga-handoff-status")).stream()
                .anyMatch(e -> e.getText().startsWith("已转人工")));
        citizen.screenshot("widget-handoff");

        staff = Browser.start(1366, 900);
        staff.open(server.base() + "/console/login");
        staff.find("#username").sendKeys("admin");
        staff.find("#password").sendKeys(ServerTestSupport.ADMIN_PASSWORD);
        staff.find("#login-submit").click();
        staff.await(d -> d.getCurrentUrl().endsWith("/console/"));
        staff.await(d -> Boolean.FALSE.equals(staff.js("return document.querySelector('[data-handoff-badge]').hidden")));
        assertThat(Integer.parseInt(staff.find("[data-handoff-badge]").getText())).isPositive();
        staff.find("a[data-page=handoff]").click();
        WebElement ticket = staff.await(d -> d.findElements(By.cssSelector(".handoff-item")).stream()
                .filter(t -> t.getText().contains(QUESTION)).findFirst().orElse(null));
        assertThat(ticket.getText()).contains("待认领").contains("138****5678").doesNotContain("13812345678");
        ticket.findElement(By.cssSelector("button.claim")).click();
        WebElement claimed = staff.await(d -> d.findElements(By.cssSelector(".handoff-item")).stream()
                .filter(t -> t.getText().contains(QUESTION) && t.getText().contains("处理中")).findFirst().orElse(null));
        assertThat(claimed.getText()).contains("认领：admin").contains("此前的对话");
        claimed.findElement(By.cssSelector("textarea.reply-text")).sendKeys(REPLY);
        claimed.findElement(By.cssSelector("button.reply")).click();
        staff.await(d -> staff.find("#ho-status-text").getText().equals("已回复"));
        staff.await(d -> d.findElements(By.cssSelector(".handoff-item .handoff-reply")).stream()
                .anyMatch(e -> e.getText().contains(REPLY)));
        staff.screenshot("console-handoff");
        WebElement curate = staff.await(d -> d.findElements(By.cssSelector(".handoff-item")).stream()
                .filter(t -> t.getText().contains(REPLY)).findFirst().orElse(null))
                .findElement(By.cssSelector("a.curate"));
        assertThat(curate.getText()).isEqualTo("存为常见问题");
        String curateHref = curate.getAttribute("href");
        assertThat(curateHref).contains("/console/curated.html?ticket=");

        WebElement human = citizen.await(Duration.ofSeconds(30), d -> answer.findElements(By.cssSelector(".ga-human"))
                .stream().findFirst().orElse(null));
        assertThat(human.findElement(By.cssSelector(".ga-human-label")).getText()).isEqualTo("人工回复");
        assertThat(human.getText()).contains(REPLY);
        assertThat(answer.findElement(By.cssSelector(".ga-meta .ga-ai")).getText()).as("the AI label stays on the AI text")
                .isEqualTo("AI生成");
        citizen.screenshot("widget-human-reply");

        citizen.driver().navigate().refresh();
        SearchContext reloaded = citizen.widget();
        reloaded.findElement(By.cssSelector(".ga-launcher")).click();
        WebElement again = citizen.await(d -> reloaded.findElements(By.cssSelector(".ga-human")).stream()
                .findFirst().orElse(null));
        assertThat(again.getText()).contains("人工回复").contains(REPLY);

        staff.open(curateHref);
        staff.await(d -> QUESTION.equals(staff.find("#cu-question").getDomProperty("value")));
        assertThat(staff.find("#cu-answer").getDomProperty("value")).as("prefilled from the reply").isEqualTo(REPLY);
        assertThat(staff.find("#cu-source").getText()).startsWith("来自人工服务工单");
    }
}
