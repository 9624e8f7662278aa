package io.govassist.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.beans.factory.annotation.Autowired;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import io.govassist.web.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Website sync end to end: a JDK {@link HttpServer} on a random local port serves the 60 real gov.cn policy pages of
 * {@code ../shared/corpus/govcn_html} as a portal's policy column (a generated list page, robots.txt, ETag on some
 * pages, Last-Modified on others, neither on a few); the sync runs over real HTTP through the admin API. First run:
 * all 60 ingested with their URL as source; then one page changes and only it is re-ingested while the others answer
 * 304 or hash-equal; a page dropped from the list and a page answering 404 are flagged MISSING and their documents
 * kept; a page robots.txt forbids is never requested.
 */
class SiteSyncIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    static final int LIST_PAGE_SIZE = 25;

    /** The mock portal's pages by name, with their validators; mutable between runs. */
    record Page(byte[] body, String etag, Instant lastModified) {
    }

    final Map<String, Page> pages = new ConcurrentHashMap<>();
    final Map<String, Boolean> listed = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    @Autowired
    SyncRuns syncRuns;

    HttpServer portal;
    String portalBase;
    String sourceId;

    static Path corpus() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("corpus/govcn_html");
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("assistant"))
                    && Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    @BeforeEach
    void startPortal() throws IOException {
        Path corpus = corpus();
        if (corpus == null) {
            Assumptions.abort("site sync IT skipped: ../shared/corpus/govcn_html (beside the project) not found");
        }
        try (Stream<Path> files = Files.list(corpus)) {
            int i = 0;
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                put(f.getFileName().toString(), Files.readAllBytes(f), i++);
                listed.put(f.getFileName().toString(), true);
            }
        }
        assertThat(pages).as("the mock column").hasSize(60);
        portal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        portal.setExecutor(Executors.newFixedThreadPool(4));
        portal.createContext("/", this::serve);
        portal.start();
        portalBase = "http://127.0.0.1:" + portal.getAddress().getPort();
    }

    @AfterEach
    void stopPortalAndCleanUp() {
        if (sourceId != null) {
            JsonNode detail = admin("GET", "/api/v1/admin/sync/sources/" + sourceId, null).json();
            for (JsonNode p : detail.get("pages")) {
                if (p.hasNonNull("documentId")) {
                    admin("DELETE", "/api/v1/documents/" + p.get("documentId").asText(), null);
                }
            }
            admin("DELETE", "/api/v1/admin/sync/sources/" + sourceId, null);
        }
        if (portal != null) {
            portal.stop(0);
        }
    }

    /** Pages 0, 3, 6 … send an ETag; 1, 4, 7 … Last-Modified; 2, 5, 8 … no validator (the content hash decides). */
    private void put(String name, byte[] body, int index) {
        String etag = index % 3 == 0 ? "\"" + sha256(body).substring(0, 16) + "\"" : null;
        Instant modified = index % 3 == 1 ? Instant.parse("2026-01-01T00:00:00Z").plusSeconds(index) : null;
        pages.put(name, new Page(body, etag, modified));
    }

    private void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String conditional = exchange.getRequestHeaders().containsKey("If-None-Match") ? " If-None-Match"
                : exchange.getRequestHeaders().containsKey("If-Modified-Since") ? " If-Modified-Since" : "";
        requests.add(path + conditional + " UA=" + exchange.getRequestHeaders().getFirst("User-Agent"));
        try (exchange) {
            if (path.equals("/robots.txt")) {
                send(exchange, 200, """
                        User-agent: *
                        Disallow: /

                        User-agent: GovAssistSync
                        Disallow: /zhengce/blocked/
                        """.getBytes(StandardCharsets.UTF_8), "text/plain");
            } else if (path.matches("/column/index(_\\d+)?\\.html")) {
                send(exchange, 200, listPage(path).getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
            } else if (path.startsWith("/zhengce/") && pages.containsKey(path.substring(9))) {
                Page page = pages.get(path.substring(9));
                String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
                String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
                if (page.etag() != null) {
                    exchange.getResponseHeaders().set("ETag", page.etag());
                }
                if (page.lastModified() != null) {
                    exchange.getResponseHeaders().set("Last-Modified",
                            HTTP_DATE.format(ZonedDateTime.ofInstant(page.lastModified(), ZoneOffset.UTC)));
                }
                boolean notModified = ifNoneMatch != null ? page.etag() != null && page.etag().equals(ifNoneMatch)
                        : ifModifiedSince != null && page.lastModified() != null && !page.lastModified()
                        .isAfter(ZonedDateTime.parse(ifModifiedSince, HTTP_DATE).toInstant());
                if (notModified) {
                    exchange.sendResponseHeaders(304, -1);
                } else {
                    send(exchange, 200, page.body(), "text/html; charset=utf-8");
                }
            } else {
                send(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8), "text/plain");
            }
        }
    }

    /** The column's list, 25 links a page, numbered pages and a 下一页 link like a portal's; extras on the last page. */
    private String listPage(String path) {
        List<String> names = new TreeMap<>(listed).entrySet().stream().filter(Map.Entry::getValue)
                .map(Map.Entry::getKey).toList();
        int pageCount = (names.size() + LIST_PAGE_SIZE - 1) / LIST_PAGE_SIZE;
        int n = path.contains("_") ? Integer.parseInt(path.replaceAll("\\D", "")) : 0;
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<title>政策文件</title></head><body><h1>政策文件</h1><ul>");
        for (String name : names.subList(n * LIST_PAGE_SIZE, Math.min(names.size(), (n + 1) * LIST_PAGE_SIZE))) {
            html.append("<li><a href=\"/zhengce/").append(name).append("\">").append(name).append("</a></li>\n");
        }
        if (n == pageCount - 1) {
            html.append("<li><a href=\"/zhengce/blocked/govcn_internal.html\">内部</a></li>")
                    .append("<li><a href=\"http://other.invalid/zhengce/govcn_00_1.html\">外站</a></li>")
                    .append("<li><a href=\"/about.html\">关于我们</a></li>");
        }
        html.append("</ul><div class=\"pages\">");
        for (int i = 0; i < pageCount; i++) {
            html.append("<a href=\"").append(i == 0 ? "index.html" : "index_" + i + ".html").append("\">")
                    .append(i + 1).append("</a> ");
        }
        if (n < pageCount - 1) {
            html.append("<a href=\"index_").append(n + 1).append(".html\"><span>下一页</span></a>");
        }
        return html.append("</div></body></html>").toString();
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Reply admin(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .header("Authorization", ADMIN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return server.send(request);
    }

    private JsonNode runToEnd() throws InterruptedException {
        Reply started = admin("POST", "/api/v1/admin/sync/sources/" + sourceId + "/run", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String runId = started.json().get("id").asText();
        long deadline = System.nanoTime() + Duration.ofMinutes(8).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode run = admin("GET", "/api/v1/admin/sync/runs/" + runId, null).json();
            if (!"RUNNING".equals(run.get("run").get("status").asText())) {
                return run;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + runId + " did not finish");
    }

    private static Map<String, List<String>> byOutcome(JsonNode run) {
        Map<String, List<String>> outcomes = new TreeMap<>();
        for (JsonNode p : run.get("pages")) {
            outcomes.computeIfAbsent(p.get("outcome").asText(), k -> new ArrayList<>()).add(p.get("url").asText());
        }
        return outcomes;
    }

    private String url(String name) {
        return portalBase + "/zhengce/" + name;
    }

    @Test
    void follows_the_column_ingesting_all_pages_then_only_the_changed_one_and_flags_removed_pages()
            throws Exception {
        Reply created = admin("POST", "/api/v1/admin/sync/sources", """
                {"name": "国务院政策文件（模拟栏目）", "listUrl": "%s/column/index.html",
                 "linkPattern": "/zhengce/(blocked/)?govcn_\\\\w+\\\\.html$", "listPages": 5, "delayMs": 0}"""
                .formatted(portalBase));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        sourceId = created.json().get("id").asText();
        assertThat(created.json().get("schedule").isNull()).as("off by default").isTrue();
        // a stopped and restarted context (Spring's test context cache pauses unused contexts so) still fetches
        syncRuns.stop();
        syncRuns.start();

        // First run: all 60 pages ingested, the robots.txt-forbidden one never requested, the off-site one ignored.
        long started = System.nanoTime();
        JsonNode first = runToEnd();
        double firstSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("site sync, first run of 60 pages: %.1f s%n", firstSeconds);
        assertThat(first.get("run").get("status").asText()).as(first.toString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("run").get("linksFound").asInt()).isEqualTo(61);
        assertThat(first.get("run").get("listPages").asInt()).as("three list pages, by 下一页").isEqualTo(3);
        assertThat(first.get("run").get("listComplete").asBoolean()).isTrue();
        Map<String, List<String>> outcomes = byOutcome(first);
        assertThat(outcomes.get("INGESTED")).as(outcomes.toString()).hasSize(60);
        assertThat(outcomes.get("BLOCKED")).containsExactly(portalBase + "/zhengce/blocked/govcn_internal.html");
        assertThat(outcomes.keySet()).containsOnly("INGESTED", "BLOCKED");
        assertThat(requests).noneMatch(r -> r.startsWith("/zhengce/blocked/"));
        assertThat(requests).allMatch(r -> r.contains("UA=GovAssistSync/1.0"));
        assertThat(requests).noneMatch(r -> r.contains("If-"));

        String changedName = "govcn_07_5359620.html";
        JsonNode firstPage = null;
        for (JsonNode p : first.get("pages")) {
            if (p.get("url").asText().equals(url(changedName))) {
                firstPage = p;
            }
        }
        assertThat(firstPage).isNotNull();
        String changedId = firstPage.get("documentId").asText();
        JsonNode document = admin("GET", "/api/v1/documents/" + changedId, null).json();
        assertThat(document.get("document").get("source").asText()).isEqualTo(url(changedName));
        assertThat(document.get("document").get("clauseCount").asInt()).isGreaterThan(3);

        // One page changes on the server (new text, new validators): only it is re-ingested.
        String html = new String(pages.get(changedName).body(), StandardCharsets.UTF_8);
        int bodyStart = html.indexOf("</table>");
        int sentenceEnd = html.indexOf('。', bodyStart);
        String revised = html.substring(0, sentenceEnd) + "，并同步测试修订条款内容" + html.substring(sentenceEnd);
        Page old = pages.get(changedName);
        pages.put(changedName, new Page(revised.getBytes(StandardCharsets.UTF_8),
                old.etag() == null ? null : "\"revised\"",
                old.lastModified() == null ? null : old.lastModified().plusSeconds(3600)));
        requests.clear();
        JsonNode second = runToEnd();
        outcomes = byOutcome(second);
        assertThat(outcomes.get("UPDATED")).as(outcomes.toString()).containsExactly(url(changedName));
        assertThat(outcomes.get("NOT_MODIFIED")).as("pages with an ETag or Last-Modified").hasSize(39);
        assertThat(outcomes.get("UNCHANGED")).as("pages without validators: equal hash").hasSize(20);
        assertThat(requests.stream().filter(r -> r.contains("If-None-Match")).count()).isEqualTo(20);
        assertThat(requests.stream().filter(r -> r.contains("If-Modified-Since")).count()).isEqualTo(20);
        assertThat(admin("GET", "/api/v1/documents/" + changedId, null).body()).contains("同步测试修订");

        // A page leaves the list, another still listed answers 404: both flagged, documents kept.
        String droppedName = "govcn_12_5354526.html";
        String goneName = "govcn_20_5351713.html";
        assertThat(pages).containsKeys(droppedName, goneName);
        listed.put(droppedName, false);
        pages.remove(goneName);
        JsonNode third = runToEnd();
        outcomes = byOutcome(third);
        assertThat(outcomes.get("MISSING")).as(outcomes.toString())
                .containsExactlyInAnyOrder(url(droppedName), url(goneName));
        assertThat(outcomes).doesNotContainKeys("UPDATED", "INGESTED", "FAILED");
        JsonNode detail = admin("GET", "/api/v1/admin/sync/sources/" + sourceId, null).json();
        assertThat(detail.get("source").get("pages").get("missing").asInt()).isEqualTo(2);
        for (JsonNode p : detail.get("pages")) {
            if (p.get("status").asText().equals("MISSING")) {
                assertThat(p.get("missingSince").isNull()).isFalse();
                assertThat(admin("GET", "/api/v1/documents/" + p.get("documentId").asText(), null).status())
                        .as("a missing page's document is kept").isEqualTo(200);
            }
        }
        assertThat(admin("GET", "/api/v1/admin/audit?action=SYNC_PAGE_MISSING", null).body())
                .contains("govcn_12_5354526");

        // The console shows the source with its two missing pages flagged, the last run's results and the pages.
        try (Browser browser = Browser.start(1366, 900)) {
            browser.open(server.base() + "/console/login");
            browser.find("#username").sendKeys("admin");
            browser.find("#password").sendKeys(ServerTestSupport.ADMIN_PASSWORD);
            browser.find("#login-submit").click();
            browser.await(d -> d.getCurrentUrl().endsWith("/console/"));
            browser.find("a[data-page=sync]").click();
            browser.await(d -> d.getCurrentUrl().endsWith("/console/sync.html"));
            WebElement row = browser.await(d -> d.findElements(By.cssSelector("tr[data-source-id='" + sourceId + "']"))
                    .stream().findFirst().orElse(null));
            assertThat(row.findElement(By.cssSelector(".page-counts")).getText()).contains("共 61 页").contains("已消失 2");
            assertThat(row.findElement(By.cssSelector(".knowledge-base")).getText()).isEqualTo("知识库：不指定（默认 default）");
            assertThat(row.findElement(By.cssSelector(".last-run")).getText()).contains("已完成").contains("已消失 2");
            row.findElement(By.cssSelector("button.show-run")).click();
            browser.await(d -> d.findElements(By.cssSelector("#run-pages tr[data-outcome=MISSING]")).size() == 2);
            assertThat(browser.find("#run-pages tr[data-outcome=MISSING]").getText()).contains("请工作人员确认是否删除");
            // The finished run's view reloads the table: find the row again.
            browser.await(d -> {
                try {
                    d.findElement(By.cssSelector("tr[data-source-id='" + sourceId + "'] button.show-pages")).click();
                    return true;
                } catch (org.openqa.selenium.StaleElementReferenceException
                         | org.openqa.selenium.NoSuchElementException e) {
                    return null;
                }
            });
            browser.await(d -> d.findElements(By.cssSelector("#pages tr[data-page-status=MISSING]")).size() == 2);
            assertThat(browser.findAll("#pages tr[data-page-status=MISSING]")).extracting(WebElement::getText)
                    .anySatisfy(t -> assertThat(t).contains(droppedName).contains("已消失").contains("已不在列表页中"))
                    .anySatisfy(t -> assertThat(t).contains(goneName).contains("HTTP 404"));
            browser.js("document.getElementById('sources').scrollIntoView({block: 'start'})");
            browser.screenshot("console-sync");

            // The synced document links the page it was published on.
            browser.open(server.base() + "/document.html?id=" + changedId);
            WebElement original = browser.await(d -> d.findElements(By.cssSelector("#doc-meta a")).stream()
                    .findFirst().orElse(null));
            assertThat(original.getAttribute("href")).isEqualTo(url(changedName));
            assertThat(browser.consoleMessages()).as("no CSP violations")
                    .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused"));
        }

        // Reading only the first list page: the list is not complete, so pages not seen there are not flagged.
        assertThat(admin("PUT", "/api/v1/admin/sync/sources/" + sourceId, "{\"listPages\": 1}").status()).isEqualTo(200);
        JsonNode partial = runToEnd();
        assertThat(partial.get("run").get("listComplete").asBoolean()).isFalse();
        assertThat(partial.get("run").get("linksFound").asInt()).isEqualTo(LIST_PAGE_SIZE);
        outcomes = byOutcome(partial);
        assertThat(outcomes.get("MISSING")).as("only the listed page answering 404").containsExactly(url(goneName));
        assertThat(admin("GET", "/api/v1/admin/sync/sources/" + sourceId, null).json().get("source").get("pages")
                .get("missing").asInt()).isEqualTo(2);
    }

    @Test
    void a_source_naming_a_knowledge_base_adds_its_pages_to_it_and_an_unknown_knowledge_base_is_404()
            throws Exception {
        String kb = "synced-policies";
        Reply kbCreated = admin("POST", "/api/v1/admin/knowledge-bases",
                "{\"id\": \"" + kb + "\", \"name\": \"同步的政策文件\", \"audience\": \"PUBLIC\"}");
        assertThat(kbCreated.status()).as(kbCreated.body()).isEqualTo(201);
        try {
            String source = """
                    {"name": "三个页面", "listUrl": "%s/column/index.html",
                     "linkPattern": "/zhengce/govcn_0[1-3]_\\\\d+\\\\.html$", "delayMs": 0, "knowledgeBase": "%s"}""";
            Reply unknown = admin("POST", "/api/v1/admin/sync/sources", source.formatted(portalBase, "no-such-kb"));
            assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
            assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("KNOWLEDGE_BASE_NOT_FOUND");
            assertThat(admin("GET", "/api/v1/admin/sync/sources", null).body()).doesNotContain("三个页面");

            Reply created = admin("POST", "/api/v1/admin/sync/sources", source.formatted(portalBase, kb));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            sourceId = created.json().get("id").asText();
            assertThat(created.json().get("knowledgeBase").asText()).isEqualTo(kb);
            Reply badUpdate = admin("PUT", "/api/v1/admin/sync/sources/" + sourceId, "{\"knowledgeBase\": \"nope\"}");
            assertThat(badUpdate.status()).as(badUpdate.body()).isEqualTo(404);
            assertThat(badUpdate.json().get("error").get("code").asText()).isEqualTo("KNOWLEDGE_BASE_NOT_FOUND");
            syncRuns.stop();
            syncRuns.start();

            JsonNode run = runToEnd();
            assertThat(run.get("run").get("status").asText()).as(run.toString()).isEqualTo("SUCCEEDED");
            assertThat(byOutcome(run).get("INGESTED")).as(run.toString()).hasSize(3);
            List<String> documentIds = new ArrayList<>();
            for (JsonNode p : run.get("pages")) {
                String documentId = p.get("documentId").asText();
                documentIds.add(documentId);
                assertThat(admin("GET", "/api/v1/documents/" + documentId, null).json().get("document")
                        .get("knowledgeBases").toString()).as(p.get("url").asText()).isEqualTo("[\"" + kb + "\"]");
            }
            Reply scoped = server.postJson("/api/v1/search",
                    "{\"query\": \"国务院\", \"knowledgeBase\": \"" + kb + "\", \"topK\": 20}");
            assertThat(scoped.status()).as(scoped.body()).isEqualTo(200);
            assertThat(scoped.json().get("hits").findValuesAsText("documentId")).as("only its pages")
                    .isNotEmpty().isSubsetOf(documentIds);
            assertThat(admin("GET", "/api/v1/admin/sync/sources", null).json().get("sources")
                    .findValues("knowledgeBase")).extracting(JsonNode::asText).contains(kb);

            // Deleting the knowledge base clears the source's setting; the source stays and keeps syncing.
            assertThat(admin("DELETE", "/api/v1/admin/knowledge-bases/" + kb, null).status()).isEqualTo(204);
            assertThat(admin("GET", "/api/v1/admin/sync/sources/" + sourceId, null).json().get("source")
                    .get("knowledgeBase").isNull()).isTrue();
            assertThat(runToEnd().get("run").get("status").asText()).isEqualTo("SUCCEEDED");
        } finally {
            admin("DELETE", "/api/v1/admin/knowledge-bases/" + kb, null);
        }
    }

    @Test
    void bad_sources_are_refused_with_precise_codes_and_unknown_ones_are_404() {
        assertThat(admin("POST", "/api/v1/admin/sync/sources",
                "{\"name\": \"x\", \"listUrl\": \"file:///etc/passwd\", \"linkPattern\": \".*\"}").json()
                .get("error").get("code").asText()).isEqualTo("INVALID_URL");
        assertThat(admin("POST", "/api/v1/admin/sync/sources",
                "{\"name\": \"x\", \"listUrl\": \"http://127.0.0.1/\", \"linkPattern\": \"([\"}").json()
                .get("error").get("code").asText()).isEqualTo("INVALID_PATTERN");
        assertThat(admin("POST", "/api/v1/admin/sync/sources",
                "{\"name\": \"x\", \"listUrl\": \"http://127.0.0.1/\", \"linkPattern\": \".*\", \"schedule\": \"1m\"}")
                .json().get("error").get("code").asText()).isEqualTo("INVALID_SCHEDULE");
        Reply created = admin("POST", "/api/v1/admin/sync/sources", """
                {"name": "计划测试", "listUrl": "%s/column/index.html", "linkPattern": "govcn_"}"""
                .formatted(portalBase));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asText();
        try {
            assertThat(created.json().get("delayMs").asInt()).as("polite by default").isEqualTo(1000);
            Reply scheduled = admin("PUT", "/api/v1/admin/sync/sources/" + id, "{\"schedule\": \"0 0 3 * * *\"}");
            assertThat(scheduled.json().get("schedule").asText()).isEqualTo("0 0 3 * * *");
            assertThat(scheduled.json().get("linkPattern").asText()).as("left out: unchanged").isEqualTo("govcn_");
            Reply disabled = admin("PUT", "/api/v1/admin/sync/sources/" + id, "{\"schedule\": \"\", \"enabled\": false}");
            assertThat(disabled.json().get("schedule").isNull()).isTrue();
            Reply refused = admin("POST", "/api/v1/admin/sync/sources/" + id + "/run", null);
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().get("error").get("code").asText()).isEqualTo("SYNC_SOURCE_DISABLED");
            assertThat(requests).as("nothing fetched").isEmpty();
        } finally {
            assertThat(admin("DELETE", "/api/v1/admin/sync/sources/" + id, null).status()).isEqualTo(204);
        }
        Reply unknown = admin("POST", "/api/v1/admin/sync/sources/00000000-0000-0000-0000-000000000000/run", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("SYNC_SOURCE_NOT_FOUND");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
