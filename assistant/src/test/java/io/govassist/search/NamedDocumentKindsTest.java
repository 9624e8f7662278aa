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

class NamedDocumentKindsTest {

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
            doc("interpretation", "最高人民法院关于审理民间借贷案件适用法律若干问题的规定", "最高人民法院"));

    private static NamedDocumentKinds kinds() {
        SearchQualityProperties.Statute statute = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("govassist.search", SearchQualityProperties.class).statute();
        return new NamedDocumentKinds(() -> DOCUMENTS, new StatuteDocuments(() -> DOCUMENTS, statute,
                Clock.systemUTC()), Clock.systemUTC());
    }

    @Test
    void a_question_names_the_kind_of_document_it_asks_about() {
        assertThat(NamedDocumentKinds.named("这个方案对养老机器人有什么安排？")).containsExactly("方案");
        assertThat(NamedDocumentKinds.named("条例规定政府信息要在多少个工作日内答复？")).containsExactly("条例");
        assertThat(NamedDocumentKinds.named("征求意见稿的反馈邮箱是什么？")).containsExactly(NamedDocumentKinds.DRAFT);
        assertThat(NamedDocumentKinds.named("哪部法律规定了个人信息的删除权？")).containsExactly(NamedDocumentKinds.LAW);
        assertThat(NamedDocumentKinds.named("这份意见提出的工作目标是什么")).containsExactly("意见");
    }

    @Test
    void everyday_words_that_look_like_kinds_are_not_kinds() {
        assertThat(NamedDocumentKinds.named("房东不退押金怎么办？")).isEmpty();
        assertThat(NamedDocumentKinds.named("国家有什么规定吗？")).as("规定 as a verb or a generic noun").isEmpty();
        assertThat(NamedDocumentKinds.named("政府决定征收我的房子要补偿吗")).isEmpty();
        assertThat(NamedDocumentKinds.named("有哪些扶持措施？")).isEmpty();
        assertThat(NamedDocumentKinds.named("执法人员要出示证件吗？")).isEmpty();
    }

    @Test
    void documents_of_a_kind_are_found_by_title_and_a_notice_issuing_a_plan_is_that_plan() {
        NamedDocumentKinds kinds = kinds();
        assertThat(kinds.documentIds(Set.of("方案"))).containsExactly("notice", "plan");
        assertThat(kinds.documentIds(Set.of("意见"))).containsExactly("opinion");
        assertThat(kinds.documentIds(Set.of("条例"))).containsExactly("regulation");
        assertThat(kinds.documentIds(Set.of(NamedDocumentKinds.DRAFT))).containsExactly("plan");
        assertThat(kinds.documentIds(Set.of(NamedDocumentKinds.LAW))).containsExactly("law");
        assertThat(kinds.documentIds(Set.of())).isEmpty();
    }

    @Test
    void only_a_question_naming_other_kinds_turns_the_statute_prior_off() {
        assertThat(NamedDocumentKinds.namesOnlyNonStatutes(Set.of("方案"))).isTrue();
        assertThat(NamedDocumentKinds.namesOnlyNonStatutes(Set.of("条例", NamedDocumentKinds.LAW))).isFalse();
        assertThat(NamedDocumentKinds.namesOnlyNonStatutes(Set.of())).isFalse();
    }
}
