package io.govassist.web;

import io.govassist.DemoServerIT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The citizen widget on the demo portal page, in a real headless Chromium under our real CSP. */
class WidgetBrowserIT extends DemoServerIT {

    Browser browser;

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    SearchContext openDemo(int width, int height) {
        browser = Browser.start(width, height);
        browser.open(server.base() + "/");
        return browser.widget();
    }

    Object shadowJs(String expression) {
        return browser.js("const r = document.querySelector('govassist-widget').shadowRoot; return " + expression + ";");
    }

    @Test
    void demo_page_embeds_the_widget_in_a_shadow_root_styled_under_the_strict_csp_and_untouched_by_the_page_css() {
        var headers = server.get("/").raw().headers();
        assertThat(headers.firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe-inline");
        SearchContext widget = openDemo(1366, 900);
        WebElement launcher = widget.findElement(By.cssSelector(".ga-launcher"));
        assertThat(launcher.getText()).isEqualTo("政策咨询");
        assertThat(launcher.getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(launcher.getCssValue("background-color")).isEqualTo("rgba(183, 28, 28, 1)");
        // The portal sets html{font-size:18px}, a serif body font, wide letter spacing and grey buttons.
        assertThat(launcher.getCssValue("font-size")).isEqualTo("16px");
        assertThat(launcher.getCssValue("letter-spacing")).isEqualTo("normal");
        assertThat(widget.findElement(By.cssSelector(".ga")).getCssValue("font-family")).startsWith("\"PingFang SC\"");
        assertThat(browser.find(".services button").getCssValue("background-color")).isEqualTo("rgba(238, 238, 238, 1)");

        launcher.click();
        WebElement panel = widget.findElement(By.cssSelector(".ga-panel"));
        assertThat(panel.isDisplayed()).isTrue();
        assertThat(panel.getAttribute("role")).isEqualTo("dialog");
        assertThat(widget.findElement(By.cssSelector(".ga-send")).getCssValue("background-color")).isEqualTo("rgba(183, 28, 28, 1)");
        assertThat(widget.findElements(By.cssSelector(".ga-sug"))).extracting(WebElement::getText)
                .containsExactly("人工智能+医疗由哪些部门负责？", "政府信息公开申请应当包括哪些内容？", "政务服务智能化要建设哪些系统？");
        assertThat(widget.findElement(By.cssSelector(".ga-foot")).getText()).contains("人工智能").contains("仅供参考");

        assertThat(browser.find("#snippet").getText())
                .isEqualTo("<script src=\"" + server.base() + "/widget.js\" data-title=\"政策咨询\" async></script>");
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused"));
        assertThat(server.get("/widget.js").body().getBytes(StandardCharsets.UTF_8).length)
                .as("a few tens of KB").isLessThan(60_000);
    }

    @Test
    void keyboard_alone_opens_the_panel_reaches_the_input_and_escape_closes_it() {
        openDemo(1366, 900);
        Actions keys = new Actions(browser.driver());
        for (int i = 0; i < 40 && !"ga-launcher".equals(shadowJs("r.activeElement && r.activeElement.className")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(shadowJs("r.activeElement && r.activeElement.className")).as("launcher reachable with Tab")
                .isEqualTo("ga-launcher");
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(shadowJs("r.querySelector('.ga-panel').hidden")).isEqualTo(false);
        assertThat(shadowJs("r.activeElement.id")).as("focus moves into the question box").isEqualTo("ga-input");
        assertThat(shadowJs("r.querySelector('.ga-launcher').getAttribute('aria-expanded')")).isEqualTo("true");

        keys.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertThat(shadowJs("r.activeElement.className")).as("Shift+Tab reaches the suggested questions").isEqualTo("ga-sug");
        assertThat(shadowJs("r.activeElement.textContent")).isEqualTo("政务服务智能化要建设哪些系统？");
        keys.sendKeys(Keys.ESCAPE).perform();
        assertThat(shadowJs("r.querySelector('.ga-panel').hidden")).isEqualTo(true);
        assertThat(shadowJs("r.activeElement && r.activeElement.className")).as("focus returns to the launcher")
                .isEqualTo("ga-launcher");
        assertThat(shadowJs("r.querySelector('.ga-launcher').getAttribute('aria-expanded')")).isEqualTo("false");
    }

    @Test
    void large_text_mode_enlarges_the_text_raises_the_contrast_and_is_remembered() {
        SearchContext widget = openDemo(1366, 900);
        widget.findElement(By.cssSelector(".ga-launcher")).click();
        WebElement welcome = widget.findElement(By.cssSelector(".ga-welcome p"));
        assertThat(welcome.getCssValue("font-size")).isEqualTo("15px");
        browser.screenshot("widget-normal");

        WebElement toggle = widget.findElement(By.cssSelector(".ga-large-toggle"));
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
        toggle.click();
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(welcome.getCssValue("font-size")).isEqualTo("20px");
        assertThat(widget.findElement(By.cssSelector(".ga-welcome")).getCssValue("background-color")).isEqualTo("rgba(0, 0, 0, 1)");
        assertThat(welcome.getCssValue("color")).isEqualTo("rgba(255, 255, 255, 1)");
        browser.screenshot("widget-large-text");

        browser.driver().navigate().refresh();
        SearchContext again = browser.widget();
        assertThat(again.findElement(By.cssSelector(".ga-large-toggle")).getAttribute("aria-pressed")).isEqualTo("true");
        again.findElement(By.cssSelector(".ga-launcher")).click();
        assertThat(again.findElement(By.cssSelector(".ga-welcome p")).getCssValue("font-size")).isEqualTo("20px");
    }

    @Test
    void on_a_narrow_screen_the_panel_is_full_screen() {
        SearchContext widget = openDemo(390, 844);
        WebElement launcher = widget.findElement(By.cssSelector(".ga-launcher"));
        launcher.click();
        @SuppressWarnings("unchecked")
        Map<String, Object> rect = (Map<String, Object>) shadowJs(
                "(() => { const b = r.querySelector('.ga-panel').getBoundingClientRect();"
                        + " const v = document.documentElement;"
                        + " return {x: b.x, y: b.y, w: b.width, h: b.height, vw: v.clientWidth, vh: v.clientHeight}; })()");
        assertThat(((Number) rect.get("x")).intValue()).isZero();
        assertThat(((Number) rect.get("y")).intValue()).isZero();
        assertThat(((Number) rect.get("w")).intValue()).isEqualTo(((Number) rect.get("vw")).intValue());
        assertThat(((Number) rect.get("h")).intValue()).isEqualTo(((Number) rect.get("vh")).intValue());
        assertThat(launcher.isDisplayed()).isFalse();
        browser.screenshot("widget-mobile");
        widget.findElement(By.cssSelector(".ga-close")).click();
        assertThat(launcher.isDisplayed()).isTrue();
    }

    @Test
    void a_question_with_markup_is_shown_as_text_and_never_run() {
        SearchContext widget = openDemo(1366, 900);
        widget.findElement(By.cssSelector(".ga-launcher")).click();
        String question = "<script>alert(1)</script><img src=x onerror=alert(2)>政府信息公开申请应当包括哪些内容？";
        widget.findElement(By.cssSelector("#ga-input")).sendKeys(question, Keys.ENTER);
        WebElement bubble = browser.await(d -> widget.findElements(By.cssSelector(".ga-user")).stream().findFirst().orElse(null));
        assertThat(bubble.getAttribute("textContent")).isEqualTo("您的问题：" + question);
        assertThat(widget.findElements(By.cssSelector(".ga-log script, .ga-log img"))).isEmpty();
        browser.await(d -> !widget.findElements(By.cssSelector(".ga-actions:not([hidden]), .ga-error")).isEmpty());
        assertThat(browser.alertOpen()).isFalse();
        assertThat(widget.findElements(By.cssSelector(".ga-log script, .ga-log img"))).isEmpty();
    }
}
