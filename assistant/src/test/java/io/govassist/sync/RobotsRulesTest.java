package io.govassist.sync;

import org.junit.jupiter.api.Test;

import java.net.URI;

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
}
