package io.govassist.search;

import dev.langchain4j.rag.query.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyVocabularyQueryTransformerTest {

    @TempDir
    Path tmp;

    private final PolicyVocabularyQueryTransformer bundled = PolicyVocabularyQueryTransformer.load(null);

    @Test
    void appends_the_official_terms_of_colloquial_words() {
        assertThat(bundled.expand("房东不退押金怎么办？")).startsWith("房东不退押金怎么办？ ")
                .contains("出租人", "租赁合同", "保证金");
        assertThat(bundled.expand("公司把我辞退了能拿补偿吗")).contains("解除劳动合同", "经济补偿");
        assertThat(bundled.expand("怎么办低保")).contains("最低生活保障");
    }

    @Test
    void leaves_questions_without_colloquial_words_unchanged() {
        String formal = "出租人应当在何时返还押金";
        assertThat(bundled.expand("政府信息公开申请应当包括哪些内容")).isEqualTo("政府信息公开申请应当包括哪些内容");
        assertThat(bundled.expand("人工智能产业的促进措施")).isEqualTo("人工智能产业的促进措施");
        assertThat(bundled.expand(formal)).doesNotContain("出租人 ");
    }

    @Test
    void does_not_repeat_terms_already_in_the_question_or_added_by_another_rule() {
        String expanded = bundled.expand("老公出轨，离婚时夫妻共同财产怎么分");
        assertThat(expanded).contains("配偶");
        assertThat(expanded.substring(expanded.indexOf(' '))).doesNotContain("夫妻共同财产");
        assertThat(expanded.split(" ")).doesNotHaveDuplicates();
    }

    @Test
    void full_width_forms_in_the_question_still_match() {
        PolicyVocabularyQueryTransformer t = new PolicyVocabularyQueryTransformer(List.of(
                new PolicyVocabularyQueryTransformer.Rule(List.of("12345"), List.of("政务服务便民热线"))));
        assertThat(t.expand("打１２３４５投诉")).endsWith(" 政务服务便民热线");
    }

    @Test
    void is_a_langchain4j_query_transformer_keeping_the_query_metadata_slot() {
        assertThat(bundled.transform(Query.from("房东不退押金"))).singleElement()
                .satisfies(q -> assertThat(q.text()).contains("出租人"));
    }

    @Test
    void bundled_table_parses_and_has_rules_for_each_area() {
        assertThat(bundled.size()).isGreaterThan(100);
    }

    @Test
    void a_deployment_file_adds_rules_and_bad_lines_are_reported_with_their_number() throws IOException {
        Path extra = tmp.resolve("extra.txt");
        Files.writeString(extra, "# 本地用语\n摇号买车 = 小客车指标 配置\n", StandardCharsets.UTF_8);
        PolicyVocabularyQueryTransformer t = PolicyVocabularyQueryTransformer.load(extra);
        assertThat(t.size()).isEqualTo(bundled.size() + 1);
        assertThat(t.expand("摇号买车需要什么条件")).contains("小客车指标");

        assertThatThrownBy(() -> PolicyVocabularyQueryTransformer.parse(new StringReader("好 = 坏\n只有一边\n"), "v.txt"))
                .hasMessageContaining("v.txt:2:");
        assertThatThrownBy(() -> PolicyVocabularyQueryTransformer.parse(new StringReader("左 = \n"), "v.txt"))
                .hasMessageContaining("v.txt:1:");
        assertThatThrownBy(() -> PolicyVocabularyQueryTransformer.load(tmp.resolve("missing.txt")))
                .hasMessageContaining("missing.txt");
    }
}
