package io.govassist.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.ServerTestSupport;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Measures the citizen widget against a running server, in headless Chromium: widget size, time until the widget
 * is ready on the demo page, and per question the time until the first answer text shows and until the answer is
 * complete — next to the same questions over the plain JSON API (baseline: no browser, no streaming) and the raw
 * stream (first {@code delta} event), measured in the same run.
 *
 * <p>Run it as shown in docs/benchmarks.md. Arguments: server base URL (default http://localhost:8080), rounds over
 * the question set (default 3).
 */
public final class WidgetBenchmark {

    static final List<String> QUESTIONS = List.of("人工智能+医疗由哪些部门负责？", "政府信息公开申请应当包括哪些内容？",
            "政务服务智能化要建设哪些系统？", "四川在人工智能加医疗方面准备做些什么？", "个人信息处理者应当履行哪些义务？",
            "周末去哪里钓鱼比较好？");

    private WidgetBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0].replaceAll("/+$", "") : "http://localhost:8080";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        HttpClient http = HttpClient.newHttpClient();
        byte[] widget = http.send(HttpRequest.newBuilder(URI.create(base + "/widget.js")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        System.out.printf("widget.js: %d bytes, %d bytes gzipped%n", widget.length, gzip(widget).length);

        List<Double> ready = new ArrayList<>();
        List<Double> apiTotal = new ArrayList<>();
        List<Double> streamFirst = new ArrayList<>();
        List<Double> widgetFirst = new ArrayList<>();
        List<Double> widgetDone = new ArrayList<>();
        try (Browser browser = Browser.start(1366, 900)) {
            for (int round = 0; round < rounds; round++) {
                browser.open(base + "/");
                SearchContext shadow = browser.widget();
                ready.add(((Number) browser.js("return performance.getEntriesByName('govassist:widget-ready')[0].startTime;"))
                        .doubleValue());
                shadow.findElement(By.cssSelector(".ga-launcher")).click();
                for (String question : QUESTIONS) {
                    apiTotal.add(apiMillis(http, base, question));
                    streamFirst.add(firstDeltaMillis(http, base, question));
                    double[] times = widgetMillis(browser, shadow, question);
                    widgetFirst.add(times[0]);
                    widgetDone.add(times[1]);
                    shadow.findElement(By.cssSelector(".ga-new")).click();
                }
            }
        }
        System.out.printf("widget ready after navigation start: median %.0f ms, p90 %.0f ms (%d page loads)%n",
                median(ready), p90(ready), ready.size());
        System.out.println("| path | median ms | p90 ms | n |");
        System.out.println("| --- | --- | --- | --- |");
        row("POST /api/v1/chat, whole answer (baseline)", apiTotal);
        row("POST /api/v1/chat/stream, first delta event", streamFirst);
        row("widget: Enter → first answer text on screen", widgetFirst);
        row("widget: Enter → answer complete with chips", widgetDone);
    }

    private static double apiMillis(HttpClient http, String base, String question) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/chat"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(question), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        JsonNode json = ServerTestSupport.JSON.readTree(r.body());
        if (r.statusCode() != 200 || !json.has("answer")) {
            throw new IllegalStateException("chat failed: " + r.body());
        }
        return ms;
    }

    private static double firstDeltaMillis(HttpClient http, String base, String question) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/chat/stream"))
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body(question), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        double first = -1;
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (first < 0 && line.equals("event:delta")) {
                    first = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return first;
    }

    /** {time to first answer text, time to complete answer} in the page's own clock, from the Enter key. */
    private static double[] widgetMillis(Browser browser, SearchContext shadow, String question) {
        browser.js("const r = document.querySelector('govassist-widget').shadowRoot; window.__t = {first: 0, done: 0};"
                + " window.__obs && window.__obs.disconnect();"
                + " window.__obs = new MutationObserver(() => { const bots = r.querySelectorAll('.ga-bot:not(.ga-welcome)');"
                + "  const b = bots[bots.length - 1]; if (!b) return; const a = b.querySelector('.ga-answer');"
                + "  if (!window.__t.first && a && a.textContent && !a.textContent.startsWith('正在查找'))"
                + "   window.__t.first = performance.now();"
                + "  const acts = b.querySelector('.ga-actions'); if (!window.__t.done && acts && !acts.hidden)"
                + "   window.__t.done = performance.now(); });"
                + " window.__obs.observe(r, {subtree: true, childList: true, characterData: true, attributes: true});");
        WebElement input = shadow.findElement(By.cssSelector("#ga-input"));
        input.sendKeys(question);
        browser.js("window.__t.start = performance.now();");
        input.sendKeys(Keys.ENTER);
        browser.await(Duration.ofSeconds(120), d -> ((Number) browser.js("return window.__t.done;")).doubleValue() > 0);
        double start = ((Number) browser.js("return window.__t.start;")).doubleValue();
        double first = ((Number) browser.js("return window.__t.first || window.__t.done;")).doubleValue();
        double done = ((Number) browser.js("return window.__t.done;")).doubleValue();
        return new double[]{first - start, done - start};
    }

    private static String body(String question) {
        return "{\"question\":\"" + question + "\"}";
    }

    private static void row(String name, List<Double> values) {
        System.out.printf("| %s | %.0f | %.0f | %d |%n", name, median(values), p90(values), values.size());
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static double p90(List<Double> values) {
        return percentile(values, 0.9);
    }

    private static double percentile(List<Double> values, double p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
