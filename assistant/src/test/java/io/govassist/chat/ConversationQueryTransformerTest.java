package io.govassist.chat;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.query.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.govassist.chat.DemoClauses.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

class ConversationQueryTransformerTest {

    private static PastTurn turn(String question, String searchQuery, boolean grounded, Citation... citations) {
        return new PastTurn(question, searchQuery, "答案", List.of(citations), grounded);
    }

    private static final Citation MEDICAL = Citation.of(1, DemoClauses.hit(PLAN, "二、（十）", 0.7));

    @ParameterizedTest
    @ValueSource(strings = {"这项任务由哪个部门负责？", "那牵头单位是谁？", "该项工作什么时候完成？", "谁负责？", "具体内容是什么？",
            "上述规定适用于企业吗？", "它的配合单位有哪些？", "还有呢？"})
    void recognises_questions_that_refer_back(String question) {
        assertThat(ConversationQueryTransformer.refersBack(question)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"人工智能+医疗由哪些部门负责？", "哪些政府信息是不予公开的？", "申请政府信息公开要交钱吗？",
            "12345热线是全天24小时有人接听吗？", "个人信息保护法什么时候开始施行？"})
    void standalone_questions_do_not_refer_back(String question) {
        assertThat(ConversationQueryTransformer.refersBack(question)).isFalse();
        assertThat(ConversationQueryTransformer.newTopic(question)).isNull();
    }

    @Test
    void a_question_without_history_is_searched_as_asked() {
        Resolution r = ConversationQueryTransformer.resolve("这项任务由哪个部门负责？", List.of());
        assertThat(r.searchQuery()).isEqualTo("这项任务由哪个部门负责？");
        assertThat(r.followUp()).isFalse();
        assertThat(r.carried()).isEmpty();
    }

    @Test
    void a_follow_up_carries_the_subject_and_the_cited_clauses_of_the_previous_turn() {
        List<PastTurn> history = List.of(turn("人工智能+医疗要做哪些工作？", "人工智能+医疗要做哪些工作？", true, MEDICAL));
        Resolution r = ConversationQueryTransformer.resolve("这项任务由哪个部门负责？", history);
        assertThat(r.searchQuery()).isEqualTo("人工智能+医疗要做哪些工作？ 这项任务由哪个部门负责？");
        assertThat(r.intent()).isEqualTo(QuestionIntent.RESPONSIBILITY);
        assertThat(r.followUp()).isTrue();
        assertThat(r.carried()).containsExactly(MEDICAL);
    }

    @Test
    void a_chain_of_follow_ups_keeps_the_original_subject() {
        List<PastTurn> history = List.of(
                turn("人工智能+医疗要做哪些工作？", "人工智能+医疗要做哪些工作？", true, MEDICAL),
                turn("这项任务由哪个部门负责？", "人工智能+医疗要做哪些工作？ 这项任务由哪个部门负责？", true, MEDICAL));
        Resolution r = ConversationQueryTransformer.resolve("那牵头单位是谁？", history);
        assertThat(r.searchQuery()).isEqualTo("人工智能+医疗要做哪些工作？ 那牵头单位是谁？");
        assertThat(r.intent()).isEqualTo(QuestionIntent.RESPONSIBILITY);
    }

    @Test
    void a_follow_up_without_a_kind_of_its_own_inherits_the_previous_one() {
        List<PastTurn> history = List.of(turn("人工智能+医疗由哪些部门负责？", "人工智能+医疗由哪些部门负责？", true, MEDICAL));
        assertThat(ConversationQueryTransformer.resolve("具体内容是什么？", history).intent())
                .isEqualTo(QuestionIntent.RESPONSIBILITY);
    }

    @Test
    void a_refused_previous_turn_carries_no_clauses() {
        List<PastTurn> history = List.of(turn("人工智能+医疗怎么样？", "人工智能+医疗怎么样？", false));
        assertThat(ConversationQueryTransformer.resolve("这项任务由谁负责？", history).carried()).isEmpty();
    }

    @Test
    void na_x_ne_switches_the_topic_and_keeps_the_kind_of_question() {
        List<PastTurn> history = List.of(turn("人工智能+医疗由哪些部门负责？", "人工智能+医疗由哪些部门负责？", true, MEDICAL));
        Resolution r = ConversationQueryTransformer.resolve("那养老呢？", history);
        assertThat(r.searchQuery()).isEqualTo("养老");
        assertThat(r.intent()).isEqualTo(QuestionIntent.RESPONSIBILITY);
        assertThat(r.carried()).isEmpty();
    }

    @Test
    void na_aspect_ne_is_a_follow_up_on_the_same_subject_not_a_new_topic() {
        assertThat(ConversationQueryTransformer.newTopic("那配合单位呢？")).isNull();
        List<PastTurn> history = List.of(turn("人工智能+医疗由哪些部门负责？", "人工智能+医疗由哪些部门负责？", true, MEDICAL));
        Resolution r = ConversationQueryTransformer.resolve("那配合单位呢？", history);
        assertThat(r.carried()).containsExactly(MEDICAL);
        assertThat(r.searchQuery()).startsWith("人工智能+医疗由哪些部门负责？");
    }

    @Test
    void a_new_standalone_question_in_a_conversation_starts_over() {
        List<PastTurn> history = List.of(turn("人工智能+医疗由哪些部门负责？", "人工智能+医疗由哪些部门负责？", true, MEDICAL));
        Resolution r = ConversationQueryTransformer.resolve("政府信息公开申请应当包括哪些内容？", history);
        assertThat(r.searchQuery()).isEqualTo("政府信息公开申请应当包括哪些内容？");
        assertThat(r.followUp()).isFalse();
        assertThat(r.carried()).isEmpty();
    }

    @Test
    void the_transformer_records_its_resolution_in_the_conversation_context() {
        ConversationContext context = new ConversationContext("c1",
                List.of(turn("人工智能+医疗要做哪些工作？", "人工智能+医疗要做哪些工作？", true, MEDICAL)));
        UserMessage message = UserMessage.from("这项任务由哪个部门负责？");
        List<Query> queries = List.copyOf(new ConversationQueryTransformer(null)
                .transform(Query.from(message.singleText(), context.metadata(message))));
        assertThat(queries).singleElement().extracting(Query::text)
                .isEqualTo("人工智能+医疗要做哪些工作？ 这项任务由哪个部门负责？");
        assertThat(context.resolution().carried()).containsExactly(MEDICAL);
        assertThat(ConversationContext.of(queries.getFirst().metadata())).isSameAs(context);
    }
}
