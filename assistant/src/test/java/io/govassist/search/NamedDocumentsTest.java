package io.govassist.search;

import io.govassist.ingestion.PolicyMetadata;
import io.govassist.store.DocumentRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NamedDocumentsTest {

    private static DocumentRecord doc(String id, String title, String issuer) {
        return new DocumentRecord(id, id + ".md", "hash", new PolicyMetadata(title, null, issuer, null, null), 1,
                Instant.EPOCH);
    }

    private static final List<DocumentRecord> DOCUMENTS = List.of(
            doc("plan", "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）", "四川省科学技术厅"),
            doc("notice", "国务院关于印发国家职业教育改革实施方案的通知", "国务院"),
            doc("opinion", "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见", "国务院办公厅"),
            doc("regulation", "政府信息公开条例", "国务院"),
            doc("law", "中华人民共和国个人信息保护法", "全国人民代表大会常务委员会"),
            doc("interpretation", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定", "最高人民法院"),
            doc("shanghai", "上海市数据条例", "上海市人民代表大会常务委员会"));

    private static NamedDocuments kinds() {
        SearchQualityProperties.Statute statute = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("govassist.search", SearchQualityProperties.class).statute();
        return new NamedDocuments(() -> DOCUMENTS, new StatuteDocuments(() -> DOCUMENTS, statute,
                Clock.systemUTC()), Clock.systemUTC());
    }

    @Test
    void a_question_names_the_kind_of_document_it_asks_about() {
        assertThat(NamedDocuments.named("这个方案对养老机器人有什么安排？")).containsExactly("方案");
        assertThat(NamedDocuments.named("条例规定政府信息要在多少个工作日内答复？")).containsExactly("条例");
        assertThat(NamedDocuments.named("征求意见稿的反馈邮箱是什么？")).containsExactly(NamedDocuments.DRAFT);
        assertThat(NamedDocuments.named("哪部法律规定了个人信息的删除权？")).containsExactly(NamedDocuments.LAW);
        assertThat(NamedDocuments.named("这份意见提出的工作目标是什么")).containsExactly("意见");
    }

    @Test
    void everyday_words_that_look_like_kinds_are_not_kinds() {
        assertThat(NamedDocuments.named("房东不退押金怎么办？")).isEmpty();
        assertThat(NamedDocuments.named("国家有什么规定吗？")).as("规定 as a verb or a generic noun").isEmpty();
        assertThat(NamedDocuments.named("政府决定征收我的房子要补偿吗")).isEmpty();
        assertThat(NamedDocuments.named("有哪些扶持措施？")).isEmpty();
        assertThat(NamedDocuments.named("执法人员要出示证件吗？")).isEmpty();
    }

    @Test
    void documents_of_a_kind_are_found_by_title_and_a_notice_issuing_a_plan_is_that_plan() {
        NamedDocuments kinds = kinds();
        assertThat(kinds.documentIds("这个方案怎么说")).containsExactly("notice", "plan");
        assertThat(kinds.documentIds("这份意见提出了什么")).containsExactly("opinion");
        assertThat(kinds.documentIds("条例怎么规定的")).containsExactly("regulation", "shanghai");
        assertThat(kinds.documentIds("征求意见稿的反馈邮箱")).containsExactly("plan");
        assertThat(kinds.documentIds("哪部法律规定了删除权")).containsExactly("law");
        assertThat(kinds.documentIds("房东不退押金怎么办")).isEmpty();
    }

    @Test
    void a_question_naming_a_place_names_the_documents_of_that_place() {
        NamedDocuments kinds = kinds();
        assertThat(NamedDocuments.place("四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）")).isEqualTo("四川");
        assertThat(NamedDocuments.place("深圳经济特区人工智能产业促进条例")).isEqualTo("深圳");
        assertThat(NamedDocuments.place("国务院办公厅关于城市管理的意见")).isNull();
        assertThat(NamedDocuments.place("城市供水条例")).isNull();
        assertThat(kinds.documentIds("四川种地的农机能配上北斗导航吗")).containsExactly("plan");
        assertThat(kinds.documentIds("上海的条例对公共数据开放怎么规定")).containsExactly("shanghai");
        assertThat(kinds.documentIds("上海有没有方案")).as("kind and place: both must hold").isEmpty();
    }

    @Test
    void only_a_question_naming_other_kinds_turns_the_statute_prior_off() {
        assertThat(NamedDocuments.namesOnlyNonStatutes(Set.of("方案"))).isTrue();
        assertThat(NamedDocuments.namesOnlyNonStatutes(Set.of("条例", NamedDocuments.LAW))).isFalse();
        assertThat(NamedDocuments.namesOnlyNonStatutes(Set.of())).isFalse();
    }
}
