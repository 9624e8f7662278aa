package io.govassist.chat;

import io.govassist.ingestion.DocumentStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LocalCoverageTest {

    private static Citation citation(String title, String text) {
        return new Citation(1, "c1", "d1", title, null, "s.md", "第一条", List.of(), List.of("第一条"), text, null,
                DocumentStatus.NORMAL);
    }

    @Test
    void places_are_read_from_the_gazetteer_and_from_county_and_city_suffixes() {
        assertThat(LocalCoverage.places("成都市2025年的最低工资标准是多少？")).containsExactly("成都", "2025年");
        assertThat(LocalCoverage.places("我在江油市上班，社保怎么交")).containsExactly("江油");
        assertThat(LocalCoverage.places("大邑县今年的低保标准每月多少钱")).containsExactly("大邑");
    }

    @Test
    void generic_words_ending_like_places_are_not_places() {
        assertThat(LocalCoverage.places("设区的市可以制定地方性法规吗？本市居民和小区物业、社区、城市管理、市场监管"))
                .isEmpty();
        assertThat(LocalCoverage.places("县级以上人民政府应当履行什么职责")).isEmpty();
        assertThat(LocalCoverage.places("自由贸易试验区、自贸区和粮食销区有什么要求")).isEmpty();
    }

    @Test
    void a_place_no_citation_names_is_reported_and_a_covered_one_is_not() {
        List<Citation> national = List.of(citation("最低工资规定", "最低工资标准由省、自治区、直辖市人民政府规定。"));
        assertThat(LocalCoverage.uncoveredPlace("成都市2025年最低工资标准是多少？", national)).contains("成都");
        List<Citation> local = List.of(citation("四川省最低工资标准的通知", "成都市2025年……"));
        assertThat(LocalCoverage.uncoveredPlace("成都市2025年最低工资标准是多少？", local)).isEmpty();
        assertThat(LocalCoverage.uncoveredPlace("四川的人工智能方案有哪些任务", List.of(
                citation("四川省贯彻落实国务院人工智能+行动实施方案", "……")))).isEmpty();
        assertThat(LocalCoverage.uncoveredPlace("最低工资标准是多少？", national)).isEmpty();
        assertThat(LocalCoverage.uncoveredPlace("2025年的最低工资标准是多少？", national)).contains("2025年");
        assertThat(LocalCoverage.uncoveredPlace("到2027年普及率要达到多少？", List.of(
                citation("实施方案", "到2027年，新一代智能终端普及率超过70%")))).isEmpty();
    }
}
