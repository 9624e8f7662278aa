package io.govassist.sync;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ListLinksTest {

    @Test
    void list_links_are_resolved_matched_deduplicated_and_kept_on_the_site() {
        String html = """
                <ul><li><a href="/zhengce/content_1.htm#top">一</a></li>
                <li><a class="x" href='content_2.htm?a=1&amp;b=2'>二</a></li>
                <li><a href=/zhengce/content_1.htm>一again</a></li>
                <li><a href="https://other.invalid/zhengce/content_3.htm">off site</a></li>
                <li><a href="javascript:void(0)">js</a><a href="/about.html">关于</a></li></ul>""";
        List<URI> links = ListLinks.extract(html.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                URI.create("http://portal.example/zhengce/index.htm"), Pattern.compile("/zhengce/content_\\d+\\.htm"));
        assertThat(links).extracting(URI::toString).containsExactly("http://portal.example/zhengce/content_1.htm",
                "http://portal.example/zhengce/content_2.htm?a=1&b=2");
    }

    @Test
    void the_next_list_page_is_the_link_marked_next_or_reading_xia_yi_ye_on_the_same_host() {
        URI page = URI.create("http://portal.example/zhengce/index.htm");
        assertThat(ListLinks.nextPage(bytes("<a href=\"index_1.htm\">2</a> <a href=\"index_1.htm\"><span>下一页</span>&gt;</a>"),
                page)).hasToString("http://portal.example/zhengce/index_1.htm");
        assertThat(ListLinks.nextPage(bytes("<a rel=\"next\" href=\"/zhengce/p/2\">›</a>"), page))
                .hasToString("http://portal.example/zhengce/p/2");
        assertThat(ListLinks.nextPage(bytes("<a href=\"index_3.htm\">尾页</a><a href=\"javascript:next()\">下一页</a>"),
                page)).as("none, or made by script").isNull();
        assertThat(ListLinks.nextPage(bytes("<a href=\"http://other.invalid/index_1.htm\">下一页</a>"), page)).isNull();
    }

    @Test
    void a_hostile_list_page_of_unclosed_tags_is_scanned_in_linear_time() {
        URI page = URI.create("http://portal.example/zhengce/index.htm");
        byte[] hostile = bytes("<a href=\"x" + "<a ".repeat(2_000_000));
        long start = System.nanoTime();
        assertThat(ListLinks.nextPage(hostile, page)).isNull();
        assertThat(ListLinks.extract(hostile, page, Pattern.compile("x"))).isEmpty();
        byte[] manyOpen = bytes("<a href=\"/zhengce/content_1.htm\">一".repeat(200_000));
        assertThat(ListLinks.extract(manyOpen, page, Pattern.compile("content_"))).hasSize(1);
        assertThat(ListLinks.nextPage(manyOpen, page)).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("linear, not quadratic").isLessThan(Duration.ofSeconds(20));
    }

    private static byte[] bytes(String html) {
        return html.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
