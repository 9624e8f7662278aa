package io.govassist.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The citizen widget on the demo portal page, in a real headless Chromium under our real CSP. */
class WidgetBrowserIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    static final String AI_MEDICAL = "人工智能+医疗由哪些部门负责？";

    @Autowired
    JdbcClient jdbc;

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

    /** Asks in the open widget and waits for the answer to finish; returns the finished answer's article. */
    WebElement ask(SearchContext widget, String question) {
        int before = widget.findElements(By.cssSelector(".ga-bot:not(.ga-welcome)")).size();
        WebElement input = widget.findElement(By.cssSelector("#ga-input"));
        input.sendKeys(question, Keys.ENTER);
        return browser.await(Duration.ofSeconds(90), d -> {
            List<WebElement> bots = widget.findElements(By.cssSelector(".ga-bot:not(.ga-welcome)"));
            if (bots.size() <= before) {
                return null;
            }
            WebElement last = bots.get(bots.size() - 1);
            return last.findElements(By.cssSelector(".ga-actions:not([hidden]), .ga-error")).isEmpty() ? null : last;
        });
    }

    static WebElement chip(WebElement answer, String label) {
        return answer.findElements(By.cssSelector(".ga-answer .ga-chip")).stream()
                .filter(c -> c.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no chip " + label + " in " + answer.getText()));
    }

    String sessionValue(String field) {
        return (String) browser.js("for (let i = 0; i < sessionStorage.length; i++) {"
                + " const k = sessionStorage.key(i); if (k.startsWith('govassist.widget:'))"
                + " return JSON.parse(sessionStorage.getItem(k))[arguments[0]]; } return null;", field);
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
        WebElement answer = ask(widget, AI_MEDICAL);
        assertThat(chip(answer, "二、（十）").getCssValue("font-size")).isEqualTo("17px");
        assertThat(answer.findElement(By.cssSelector(".ga-answer")).getCssValue("font-size")).isEqualTo("20px");
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
        chip(ask(widget, AI_MEDICAL), "二、（十）");
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

    @Test
    void asking_streams_a_cited_answer_whose_chip_opens_the_clause_and_the_highlighted_document_view() {
        SearchContext widget = openDemo(1366, 900);
        widget.findElement(By.cssSelector(".ga-launcher")).click();
        // The demo's extractive answer is written as line-sized events back to back, which the network may deliver in
        // one chunk; re-deliver the stream one event per task, as an LLM's tokens arrive, so rendering per event shows.
        browser.js("const real = window.fetch; window.fetch = (url, init) => real(url, init).then(res => {"
                + " if (!String(url).endsWith('/api/v1/chat/stream') || !res.body) return res;"
                + " const reader = res.body.getReader(); const dec = new TextDecoder(); const enc = new TextEncoder();"
                + " let buf = ''; const wait = () => new Promise(ok => setTimeout(ok, 30));"
                + " const body = new ReadableStream({ async pull(c) { for (;;) {"
                + "   const at = buf.indexOf('\\n\\n');"
                + "   if (at >= 0) { c.enqueue(enc.encode(buf.slice(0, at + 2))); buf = buf.slice(at + 2); await wait(); return; }"
                + "   const r = await reader.read();"
                + "   if (r.done) { if (buf) c.enqueue(enc.encode(buf)); c.close(); return; }"
                + "   buf += dec.decode(r.value, {stream: true}).replace(/\\r\\n?/g, '\\n'); } } });"
                + " return new Response(body, {status: res.status, headers: res.headers}); });");
        browser.js("window.__pieces = []; const r = document.querySelector('govassist-widget').shadowRoot;"
                + " new MutationObserver(() => { const a = r.querySelectorAll('.ga-answer');"
                + " const last = a[a.length - 1]; if (last && last.classList.contains('ga-streaming'))"
                + " window.__pieces.push(last.textContent); })"
                + ".observe(r, {subtree: true, childList: true, characterData: true, attributes: true});");
        widget.findElements(By.cssSelector(".ga-sug")).get(0).click();
        WebElement answer = browser.await(Duration.ofSeconds(90), d -> {
            List<WebElement> bots = widget.findElements(By.cssSelector(".ga-bot:not(.ga-welcome)"));
            return bots.isEmpty() || bots.get(0).findElements(By.cssSelector(".ga-actions:not([hidden])")).isEmpty()
                    ? null : bots.get(0);
        });
        @SuppressWarnings("unchecked")
        List<String> pieces = ((List<String>) browser.js("return window.__pieces;")).stream()
                .filter(p -> !p.isEmpty() && !p.startsWith("正在查找")).distinct().toList();
        assertThat(pieces).as("the answer grew piece by piece while streaming").hasSizeGreaterThanOrEqualTo(2);
        assertThat(answer.findElement(By.cssSelector(".ga-ai")).getText()).isEqualTo("AI生成");
        assertThat(widget.findElement(By.cssSelector(".ga-user")).getAttribute("textContent")).endsWith(AI_MEDICAL);

        WebElement chip = chip(answer, "二、（十）");
        assertThat(chip.getAttribute("aria-label")).contains("《四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）》二、（十）");
        browser.screenshot("widget-answer");
        chip.click();
        WebElement pop = widget.findElement(By.cssSelector(".ga-pop"));
        assertThat(pop.isDisplayed()).isTrue();
        assertThat(pop.findElement(By.cssSelector(".ga-pop-title")).getText())
                .isEqualTo("《四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）》");
        assertThat(pop.findElement(By.cssSelector(".ga-pop-label")).getText()).isEqualTo("二、（十）");
        assertThat(pop.findElement(By.cssSelector(".ga-pop-path")).getText()).startsWith("二、重点任务 › （十）");
        assertThat(pop.findElement(By.cssSelector(".ga-pop-text")).getText()).contains("医疗");
        browser.screenshot("widget-citation");
        assertThat(shadowJs("r.activeElement.className")).as("focus moves into the popover").isEqualTo("ga-x");
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        assertThat(pop.isDisplayed()).isFalse();
        assertThat(shadowJs("r.activeElement.className")).as("focus returns to the chip").isEqualTo("ga-chip");

        chip.click();
        String href = widget.findElement(By.cssSelector(".ga-pop .ga-doc-link")).getAttribute("href");
        assertThat(widget.findElement(By.cssSelector(".ga-pop .ga-doc-link")).getAttribute("target")).isEqualTo("_blank");
        browser.open(href);
        WebElement target = browser.await(d -> d.findElements(By.cssSelector(".clause.is-target")).stream().findFirst().orElse(null));
        assertThat(target.findElement(By.cssSelector(".clause-label")).getText()).isEqualTo("二、（十）");
        assertThat(browser.find("#target-note").getText()).isEqualTo("已定位到被引用的条款：二、（十）");
        assertThat(browser.js("return document.activeElement === document.querySelector('.clause.is-target');")).isEqualTo(true);
        assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
    }

    @Test
    void ratings_are_stored_with_the_turn_and_a_downvote_with_comment_reaches_the_console() {
        SearchContext widget = openDemo(1366, 900);
        widget.findElement(By.cssSelector(".ga-launcher")).click();
        WebElement answer = ask(widget, "政府信息公开申请应当包括哪些内容？");
        String turnId = sessionTurn("turnId");
        assertThat(turnId).isNotBlank();
        answer.findElement(By.cssSelector(".ga-answer .ga-chip")).click();
        assertThat(widget.findElement(By.cssSelector(".ga-pop-title")).getText()).isEqualTo("《中华人民共和国政府信息公开条例》");
        assertThat(widget.findElement(By.cssSelector(".ga-pop-docno")).getText()).as("文号").isEqualTo("中华人民共和国国务院令第711号");
        widget.findElement(By.cssSelector(".ga-pop .ga-x")).click();

        answer.findElement(By.cssSelector(".ga-up")).click();
        browser.await(d -> answer.findElement(By.cssSelector(".ga-fb-note")).getText().equals("感谢您的反馈！"));
        assertThat(answer.findElement(By.cssSelector(".ga-up")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(feedbackOf(turnId)).isEqualTo(1);

        answer.findElement(By.cssSelector(".ga-down")).click();
        browser.await(d -> answer.findElement(By.cssSelector(".ga-fb-note")).getText().startsWith("感谢反馈"));
        assertThat(feedbackOf(turnId)).isEqualTo(-1);
        answer.findElement(By.cssSelector(".ga-fb input")).sendKeys("没有说明办理时限");
        answer.findElement(By.cssSelector(".ga-fb-send")).click();
        browser.await(d -> answer.findElement(By.cssSelector(".ga-fb-note")).getText().equals("感谢您的意见！"));

        JsonNode first = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/console/feedback?kind=DOWNVOTED"))
                .header("Authorization", ADMIN).GET()).json().get("items").get(0);
        assertThat(first.get("turnId").asText()).isEqualTo(turnId);
        assertThat(first.get("comment").asText()).isEqualTo("没有说明办理时限");
        assertThat(first.get("question").asText()).isEqualTo("政府信息公开申请应当包括哪些内容？");
    }

    @Test
    void the_conversation_survives_a_reload_and_continues_with_the_same_id() {
        SearchContext widget = openDemo(1366, 900);
        widget.findElement(By.cssSelector(".ga-launcher")).click();
        WebElement answer = ask(widget, AI_MEDICAL);
        String conversationId = sessionValue("conversationId");
        assertThat(conversationId).isNotBlank();
        String answerText = answer.findElement(By.cssSelector(".ga-answer")).getText();

        browser.driver().navigate().refresh();
        SearchContext again = browser.widget();
        again.findElement(By.cssSelector(".ga-launcher")).click();
        WebElement restored = again.findElement(By.cssSelector(".ga-bot:not(.ga-welcome)"));
        assertThat(restored.findElement(By.cssSelector(".ga-answer")).getText()).isEqualTo(answerText);
        assertThat(chip(restored, "二、（十）").isDisplayed()).isTrue();

        ask(again, "其中牵头单位是谁？");
        assertThat(sessionValue("conversationId")).isEqualTo(conversationId);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM chat_turn WHERE conversation_id = ?").param(conversationId)
                .query(Integer.class).single()).isEqualTo(2);

        again.findElement(By.cssSelector(".ga-new")).click();
        assertThat(again.findElements(By.cssSelector(".ga-bot:not(.ga-welcome)"))).isEmpty();
        assertThat(sessionValue("conversationId")).isNull();
    }

    @Test
    void copy_and_read_aloud_use_the_answer_without_markers() {
        SearchContext widget = openDemo(1366, 900);
        widget.findElement(By.cssSelector(".ga-launcher")).click();
        WebElement answer = ask(widget, AI_MEDICAL);
        // The browser's own speech engine is replaced by a recorder: headless Chromium has no voices.
        browser.js("window.__spoken = []; speechSynthesis.speak = u => { window.__spoken.push({text: u.text, lang: u.lang}); };"
                + " speechSynthesis.cancel = () => {};");
        WebElement speak = answer.findElement(By.cssSelector(".ga-speak"));
        speak.click();
        assertThat(speak.getAttribute("aria-pressed")).isEqualTo("true");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> spoken = (List<Map<String, Object>>) browser.js("return window.__spoken;");
        assertThat(spoken).hasSize(1);
        assertThat(spoken.get(0).get("lang")).isEqualTo("zh-CN");
        assertThat((String) spoken.get(0).get("text")).isNotBlank().doesNotContainPattern("\\[\\d+\\]");

        browser.js("window.__copied = null; navigator.clipboard.writeText = t => { window.__copied = t; return Promise.resolve(); };");
        answer.findElement(By.cssSelector(".ga-copy")).click();
        browser.await(d -> answer.findElement(By.cssSelector(".ga-copy")).getText().equals("已复制"));
        String copied = (String) browser.js("return window.__copied;");
        assertThat(copied).contains("引用条款：")
                .containsPattern("\\[\\d+] 《四川省贯彻落实国务院人工智能\\+行动实施方案（征求意见稿）》二、（十）");
    }

    @Test
    void markup_in_a_cited_document_is_shown_as_text_in_the_answer_and_the_clause_popover() {
        String text = "关于测试标记安全显示的通知\n一、总体要求\n（一）显示要求。窗口显示 <img src=x onerror=alert`1`> "
                + "和 <script>alert`2`</script> 时应原样显示为文字。\n";
        var upload = new ServerTestSupport.Multipart().file("xss-widget-notice.txt", text.getBytes(StandardCharsets.UTF_8))
                .post(server.base() + "/api/v1/documents").header("Authorization", ADMIN);
        String id = server.send(upload).json().get("results").get(0).get("documentId").asText();
        try {
            SearchContext widget = openDemo(1366, 900);
            widget.findElement(By.cssSelector(".ga-launcher")).click();
            WebElement answer = ask(widget, "测试标记安全显示的通知对窗口显示有什么要求？");
            List<WebElement> chips = answer.findElements(By.cssSelector(".ga-answer .ga-chip"));
            assertThat(chips).as(answer.getText()).isNotEmpty();
            WebElement xssChip = chips.stream().filter(c -> c.getAttribute("aria-label").contains("关于测试标记安全显示的通知"))
                    .findFirst().orElseThrow(() -> new AssertionError("the test notice is not cited: " + answer.getText()));
            xssChip.click();
            assertThat(widget.findElement(By.cssSelector(".ga-pop-text")).getText()).contains("<img src=x onerror=alert`1`>")
                    .contains("<script>alert`2`</script>");
            assertThat(widget.findElements(By.cssSelector(".ga-panel img, .ga-panel script"))).isEmpty();
            assertThat(browser.alertOpen()).isFalse();
        } finally {
            server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/documents/" + id))
                    .header("Authorization", ADMIN).DELETE());
        }
    }

    String sessionTurn(String field) {
        return (String) browser.js("for (let i = 0; i < sessionStorage.length; i++) {"
                + " const k = sessionStorage.key(i); if (k.startsWith('govassist.widget:')) {"
                + " const t = JSON.parse(sessionStorage.getItem(k)).turns; return t[t.length - 1][arguments[0]]; } }"
                + " return null;", field);
    }

    Integer feedbackOf(String turnId) {
        return jdbc.sql("SELECT feedback FROM chat_turn WHERE id = ?").param(turnId).query(Integer.class).single();
    }
}
