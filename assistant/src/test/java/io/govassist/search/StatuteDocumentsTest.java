package io.govassist.search;

import io.govassist.ingestion.PolicyMetadata;
import io.govassist.store.DocumentRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class StatuteDocumentsTest {

    private static SearchQualityProperties.Statute settings(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("govassist.search", SearchQualityProperties.class).statute();
    }

    private static PolicyMetadata meta(String title, String issuer) {
        return new PolicyMetadata(title, null, issuer, null, null);
    }

    private static DocumentRecord doc(String id, String title, String issuer) {
        return new DocumentRecord(id, id + ".md", "hash", meta(title, issuer), 1, Instant.EPOCH);
    }

    @Test
    void laws_of_the_national_peoples_congress_are_statutes_by_issuer_or_by_title() {
        StatuteDocuments statutes = new StatuteDocuments(List::of, settings(Map.of()), Clock.systemUTC());
        assertThat(statutes.isStatute(meta("任意标题的决定", "全国人民代表大会常务委员会"))).isTrue();
        assertThat(statutes.isStatute(meta("中华人民共和国宪法", "全国人民代表大会"))).isTrue();
        // the issuer of a law is not always recognised: its title still says what it is
        assertThat(statutes.isStatute(meta("中华人民共和国刑法", null))).isTrue();
        assertThat(statutes.isStatute(meta("中华人民共和国民法典", null))).isTrue();
        assertThat(statutes.isStatute(meta("中华人民共和国个人所得税法（2018年修正）", null))).isTrue();
    }

    @Test
    void regulations_interpretations_rules_and_amendments_are_not_statutes() {
        StatuteDocuments statutes = new StatuteDocuments(List::of, settings(Map.of()), Clock.systemUTC());
        assertThat(statutes.isStatute(meta("中华人民共和国政府信息公开条例", "国务院"))).isFalse();
        assertThat(statutes.isStatute(meta("最高人民法院关于审理民间借贷案件适用法律若干问题的规定", "最高人民法院"))).isFalse();
        assertThat(statutes.isStatute(meta("最高人民法院关于适用《中华人民共和国民法典》有关担保制度的解释", null))).isFalse();
        assertThat(statutes.isStatute(meta("四川省实施《中华人民共和国土地管理法》办法", null))).isFalse();
        assertThat(statutes.isStatute(meta("住房公积金管理办法", null))).isFalse();
        assertThat(statutes.isStatute(meta("中华人民共和国刑法修正案（十一）", null))).isFalse();
        assertThat(statutes.isStatute(meta("中华人民共和国行政执法方法", null))).isFalse();
        assertThat(statutes.isStatute(meta("冒泡排序算法", null))).as("general text whose title ends in 法").isFalse();
        assertThat(statutes.isStatute(meta("罗马法", null))).isFalse();
    }

    @Test
    void issuers_and_title_pattern_are_configurable_and_an_empty_pattern_turns_titles_off() {
        StatuteDocuments byIssuer = new StatuteDocuments(List::of, settings(Map.of(
                "govassist.search.statute.issuers", "国务院", "govassist.search.statute.title-pattern", "")),
                Clock.systemUTC());
        assertThat(byIssuer.isStatute(meta("中华人民共和国政府信息公开条例", "国务院"))).isTrue();
        assertThat(byIssuer.isStatute(meta("中华人民共和国刑法", null))).isFalse();
        assertThat(byIssuer.isStatute(meta("中华人民共和国刑法", "全国人民代表大会"))).isFalse();
    }

    /** A clock that moves only when told. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-11-28T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void the_statute_ids_are_read_from_the_store_at_most_once_per_ttl() {
        List<DocumentRecord> stored = new ArrayList<>(List.of(doc("law", "中华人民共和国刑法", null),
                doc("regulation", "中华人民共和国政府信息公开条例", "国务院")));
        AtomicInteger reads = new AtomicInteger();
        ManualClock clock = new ManualClock();
        StatuteDocuments statutes = new StatuteDocuments(() -> {
            reads.incrementAndGet();
            return List.copyOf(stored);
        }, settings(Map.of()), clock);

        assertThat(statutes.ids()).containsExactly("law");
        stored.add(doc("civil", "中华人民共和国民法典", "全国人民代表大会"));
        clock.now = clock.now.plus(StatuteDocuments.TTL.minusSeconds(1));
        assertThat(statutes.ids()).containsExactly("law");
        assertThat(reads).hasValue(1);

        clock.now = clock.now.plus(Duration.ofSeconds(2));
        assertThat(statutes.ids()).containsExactlyInAnyOrder("law", "civil");
        assertThat(reads).hasValue(2);
    }
}
