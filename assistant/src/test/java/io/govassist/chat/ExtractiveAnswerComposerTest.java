package io.govassist.chat;

import io.govassist.ingestion.DocumentStatus;
import io.govassist.search.LexicalEvidence;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.govassist.chat.DemoClauses.OPEN_GOVERNMENT;
import static io.govassist.chat.DemoClauses.PLAN;
import static io.govassist.chat.DemoClauses.SHENZHEN_AI;
import static io.govassist.chat.DemoClauses.content;
import static org.assertj.core.api.Assertions.assertThat;

class ExtractiveAnswerComposerTest {

    private static final Pattern QUOTE = Pattern.compile("“([^”]*)”");
    private final ExtractiveAnswerComposer composer = new ExtractiveAnswerComposer(3);

    private static Resolution question(String q) {
        return Resolution.standalone(q);
    }

    /** Every marker refers to a citation and every citation is referred to; citations are numbered 1..n. */
    static void assertMarkersResolve(DraftAnswer answer) {
        Set<Integer> indices = answer.citations().stream().map(Citation::index).collect(Collectors.toSet());
        assertThat(CitationMarkers.used(answer.text())).as(answer.text()).containsExactlyInAnyOrderElementsOf(indices);
        assertThat(indices).containsExactlyInAnyOrderElementsOf(
                IntStream.rangeClosed(1, indices.size()).boxed().toList());
    }

    /** Every quotation is the stored clause text of the citation that follows it (pieces around ellipses). */
    static void assertQuotesAreVerbatim(DraftAnswer answer) {
        Matcher m = Pattern.compile("“([^”]*)”\\[(\\d+)]").matcher(answer.text());
        int quotes = 0;
        while (m.find()) {
            quotes++;
            Citation c = answer.citations().get(Integer.parseInt(m.group(2)) - 1);
            for (String piece : m.group(1).split("……")) {
                if (!piece.isEmpty()) {
                    assertThat(c.text().replace("\n", "")).as("quote from " + c.clauseLabel()).contains(piece);
                }
            }
        }
        assertThat(quotes).isEqualTo(QUOTE.matcher(answer.text()).results().count());
    }

    @Test
    void who_is_responsible_is_answered_from_the_units_with_lead_and_cooperating_named() {
        DraftAnswer answer = composer.compose(question("人工智能+医疗由哪些部门负责？"),
                List.of(content(PLAN, "二、（十）", 0.8), content(PLAN, "二、（十一）", 0.7)));

        assertThat(answer.text()).startsWith("根据《四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）》二、（十）人工智能+医疗")
                .contains("牵头单位为省卫生健康委").contains("配合单位为省药监局、省医保局").endsWith("[1]。");
        assertThat(answer.citations()).hasSize(1);
        Citation c = answer.citations().getFirst();
        assertThat(c.clauseLabel()).isEqualTo("二、（十）");
        assertThat(c.text()).isEqualTo(DemoClauses.hit(PLAN, "二、（十）", 0).text());
        assertThat(c.responsibleUnits().lead()).containsExactly("省卫生健康委");
        assertThat(answer.grounded()).isTrue();
        assertMarkersResolve(answer);
    }

    @Test
    void draft_documents_get_a_notice() {
        DraftAnswer answer = composer.compose(question("人工智能+医疗由哪些部门负责？"), List.of(content(PLAN, "二、（十）", 0.8)));
        assertThat(answer.citations().getFirst().documentStatus()).isEqualTo(DocumentStatus.DRAFT);
        assertThat(answer.notices()).singleElement().asString().contains("征求意见稿").contains("尚未正式施行");
    }

    @Test
    void a_single_lead_without_cooperating_units_is_named_as_lead_only() {
        DraftAnswer answer = composer.compose(question("人工智能+政务服务由谁牵头？"), List.of(content(PLAN, "二、（十五）", 0.8)));
        assertThat(answer.text()).contains("牵头单位为省政务服务和资源交易服务中心[1]").doesNotContain("配合单位");
    }

    @Test
    void responsibility_skips_a_better_ranked_clause_without_units_for_the_clause_the_question_names() {
        DraftAnswer answer = composer.compose(question("人工智能+就业的牵头部门是哪个？"),
                List.of(content(SHENZHEN_AI, "第六条", 0.76), content(SHENZHEN_AI, "第六十一条", 0.75),
                        content(PLAN, "二、（八）", 0.74)));
        assertThat(answer.citations()).singleElement().extracting(Citation::clauseLabel).isEqualTo("二、（八）");
        assertThat(answer.text()).contains("牵头单位为人力资源社会保障厅，配合单位为科技厅[1]");
    }

    @Test
    void responsibility_for_two_named_tasks_cites_both_but_not_an_unnamed_neighbour() {
        DraftAnswer answer = composer.compose(question("人工智能+医疗和人工智能+养老分别由谁负责？"),
                List.of(content(PLAN, "二、（十）", 0.8), content(PLAN, "二、（九）", 0.75),
                        content(PLAN, "二、（十一）", 0.74)));
        assertThat(answer.citations()).extracting(Citation::clauseLabel).containsExactly("二、（十）", "二、（十一）");
        assertThat(answer.text()).contains("省卫生健康委，配合单位为省药监局、省医保局[1]").contains("民政厅，配合单位为经济和信息化厅[2]");
        assertMarkersResolve(answer);
    }

    @Test
    void responsibility_without_any_unit_metadata_quotes_the_clause_instead() {
        DraftAnswer answer = composer.compose(question("全国政府信息公开工作的主管部门是哪个？"),
                List.of(content(OPEN_GOVERNMENT, "第三条", 0.8)));
        assertThat(answer.text()).startsWith("根据《中华人民共和国政府信息公开条例》第三条：“")
                .contains("国务院办公厅是全国政府信息公开工作的主管部门");
        assertQuotesAreVerbatim(answer);
        assertMarkersResolve(answer);
    }

    @Test
    void numbers_asked_for_are_quoted_exactly_from_the_clause() {
        DraftAnswer answer = composer.compose(question("到2027年智能终端和智能体的应用普及率目标是多少？"),
                List.of(content(PLAN, "一、", 0.8)));
        assertThat(answer.text()).startsWith("根据《四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）》一、发展目标：“")
                .contains("到2027年").contains("应用普及率超70%");
        assertQuotesAreVerbatim(answer);
    }

    @Test
    void a_question_for_a_time_limit_is_led_by_the_close_clause_that_states_one() {
        DraftAnswer answer = composer.compose(question("申请政府信息公开，行政机关多长时间内答复？"),
                List.of(content(OPEN_GOVERNMENT, "第三十六条", 0.85), content(OPEN_GOVERNMENT, "第三十三条", 0.84)));
        assertThat(answer.citations()).extracting(Citation::clauseLabel).containsExactly("第三十三条", "第三十六条");
        assertThat(answer.text()).startsWith("根据《中华人民共和国政府信息公开条例》第三十三条：“")
                .contains("20个工作日");
        assertMarkersResolve(answer);
    }

    @Test
    void a_clause_far_below_the_best_does_not_lead_even_when_it_states_a_number() {
        DraftAnswer answer = composer.compose(question("申请政府信息公开，行政机关多长时间内答复？"),
                List.of(content(OPEN_GOVERNMENT, "第三十六条", 0.85), content(OPEN_GOVERNMENT, "第三十三条", 0.60)));
        assertThat(answer.citations()).extracting(Citation::clauseLabel).first().isEqualTo("第三十六条");
    }

    @Test
    void deadlines_in_a_long_article_are_quoted_verbatim_within_the_budget() {
        DraftAnswer answer = composer.compose(question("申请政府信息公开，行政机关多长时间内答复？"),
                List.of(content(OPEN_GOVERNMENT, "第三十三条", 0.85)));
        assertThat(answer.text()).contains("应当自收到申请之日起20个工作日内予以答复");
        Matcher quote = QUOTE.matcher(answer.text());
        assertThat(quote.find()).isTrue();
        assertThat(quote.group(1).length()).isLessThanOrEqualTo(ExtractiveAnswerComposer.QUOTE_BUDGET + 10);
        assertQuotesAreVerbatim(answer);
    }

    @Test
    void a_sentence_introducing_a_list_brings_its_items() {
        DraftAnswer answer = composer.compose(question("政府信息公开申请应当包括哪些内容？"),
                List.of(content(OPEN_GOVERNMENT, "第二十九条", 0.85)));
        assertThat(answer.text()).contains("政府信息公开申请应当包括下列内容：").contains("（一）申请人的姓名或者名称")
                .contains("（二）").contains("（三）");
        assertQuotesAreVerbatim(answer);
    }

    @Test
    void a_nearly_as_relevant_clause_is_quoted_as_well_and_a_distant_one_is_not() {
        DraftAnswer answer = composer.compose(question("涉及商业秘密的政府信息能公开吗？"),
                List.of(content(OPEN_GOVERNMENT, "第十五条", 0.85), content(OPEN_GOVERNMENT, "第三十二条", 0.83),
                        content(OPEN_GOVERNMENT, "第十四条", 0.70)));
        assertThat(answer.citations()).extracting(Citation::clauseLabel).containsExactly("第十五条", "第三十二条");
        assertThat(answer.text()).contains("\n同一文件第三十二条：“");
        assertMarkersResolve(answer);
        assertQuotesAreVerbatim(answer);
    }

    @Test
    void a_carried_over_clause_answers_a_follow_up_first() {
        Citation previous = Citation.of(1, DemoClauses.hit(PLAN, "二、（十）", 0.7));
        Resolution followUp = new Resolution("人工智能+医疗有哪些任务 这项任务由哪个部门负责？", QuestionIntent.RESPONSIBILITY,
                true, List.of(previous));
        DraftAnswer answer = composer.compose(followUp, List.of(ClauseContent.carried(previous.toHit()),
                content(PLAN, "二、（十一）", 0.9)));
        assertThat(answer.citations()).singleElement().extracting(Citation::clauseLabel).isEqualTo("二、（十）");
        assertThat(answer.text()).contains("省卫生健康委");
    }

    @Test
    void refusal_has_no_citations_and_offers_examples() {
        DraftAnswer refusal = AnswerTexts.refusal(List.of("《政府信息公开条例》有哪些主要规定？"), false);
        assertThat(refusal.grounded()).isFalse();
        assertThat(refusal.citations()).isEmpty();
        assertThat(refusal.text()).contains("没有找到").contains("· 《政府信息公开条例》有哪些主要规定？");
        assertThat(CitationMarkers.used(refusal.text())).isEmpty();
    }

    @Test
    void the_ai_label_is_a_visible_line_of_its_own() {
        assertThat(AnswerTexts.labelled("答案[1]。\n")).isEqualTo("答案[1]。\n\n" + AnswerTexts.AI_LABEL);
        assertThat(AnswerTexts.AI_LABEL).contains("人工智能生成");
    }

    @Test
    void a_preamble_is_quoted_from_its_text_not_from_the_document_header_that_repeats_the_question() {
        String source = "国务院文件/国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见.txt";
        var hit = DemoClauses.hit(source, "前言", 0.8);
        assertThat(hit.text()).as("the stored preamble starts with the header").contains("发文机关");

        String quote = ExtractiveAnswerComposer.quote(hit,
                LexicalEvidence.terms("国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见为什么要出台？"),
                QuestionIntent.GENERAL, ExtractiveAnswerComposer.QUOTE_BUDGET).text();

        assertThat(quote).doesNotContain("发文机关").doesNotContain("来源").doesNotContain("国办发〔2018〕118号")
                .doesNotContain("重大执法决定法制审核制度的指导意见").contains("行政执法");
        assertThat(hit.text().replace("\n", "")).contains(quote.replace("……", "").substring(0, 20));
    }
}
