package io.govassist.sync;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RobotsRulesTest {

    private static boolean allows(RobotsRules rules, String path) {
        return rules.allows(URI.create("http://portal.example" + path));
    }

    @Test
    void a_group_naming_our_token_replaces_the_star_group() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: *
                Disallow: /

                User-agent: govassistsync
                Disallow: /zhengce/blocked/  # not for us
                Allow: /zhengce/blocked/open.html
                """, "GovAssistSync");
        assertThat(allows(rules, "/zhengce/a.html")).isTrue();
        assertThat(allows(rules, "/zhengce/blocked/b.html")).isFalse();
        assertThat(allows(rules, "/zhengce/blocked/open.html")).isTrue();
    }

    @Test
    void without_our_group_the_star_group_applies_with_wildcards() {
        RobotsRules rules = RobotsRules.parse("""
                User-agent: SomeOtherBot
                Disallow: /

                User-agent: *
                Disallow: /*.pdf$
                Disallow: /search?
                """, "GovAssistSync");
        assertThat(allows(rules, "/files/a.pdf")).isFalse();
        assertThat(allows(rules, "/files/a.pdf.html")).isTrue();
        assertThat(allows(rules, "/search?q=1")).isFalse();
        assertThat(allows(rules, "/zhengce/")).isTrue();
    }

    @Test
    void an_empty_disallow_allows_everything() {
        RobotsRules rules = RobotsRules.parse("User-agent: *\nDisallow:\n", "GovAssistSync");
        assertThat(allows(rules, "/anything")).isTrue();
    }

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
}
