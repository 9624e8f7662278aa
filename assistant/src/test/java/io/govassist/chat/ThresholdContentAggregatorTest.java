package io.govassist.chat;

import io.govassist.search.LexicalEvidence;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import io.govassist.store.ClauseFilter;
import io.govassist.store.SearchHit;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.govassist.chat.DemoClauses.OPEN_GOVERNMENT;
import static io.govassist.chat.DemoClauses.PLAN;
import static org.assertj.core.api.Assertions.assertThat;

class ThresholdContentAggregatorTest {

    private final ThresholdContentAggregator aggregator = new ThresholdContentAggregator(0.6, 0.2, 3);

    private static List<ClauseContent> aggregate(ThresholdContentAggregator aggregator, String query,
                                                 List<Content> contents) {
        return aggregator.aggregate(Map.of(Query.from(query), List.of(contents))).stream()
                .map(ClauseContent.class::cast).toList();
    }

    @Test
    void relevance_is_similarity_plus_weighted_lexical_coverage() {
        SearchHit hit = DemoClauses.hit(PLAN, "二、（十）", 0.55);
        ClauseContent scored = aggregator.scored(ClauseContent.retrieved(hit), LexicalEvidence.terms("人工智能+医疗"));
        assertThat(scored.relevance()).isCloseTo(0.55 + 0.2 * 1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void keeps_only_clauses_reaching_the_threshold_most_relevant_first() {
        List<ClauseContent> kept = aggregate(aggregator, "人工智能+医疗由哪些部门负责？", List.of(
                ClauseContent.retrieved(DemoClauses.hit(OPEN_GOVERNMENT, "第三条", 0.30)),
                ClauseContent.retrieved(DemoClauses.hit(PLAN, "二、（十一）", 0.58)),
                ClauseContent.retrieved(DemoClauses.hit(PLAN, "二、（十）", 0.62))));
        assertThat(kept).extracting(c -> c.hit().clauseLabel()).containsExactly("二、（十）", "二、（十一）");
        assertThat(kept.get(0).relevance()).isGreaterThan(kept.get(1).relevance());
        assertThat(kept).allSatisfy(c -> assertThat(c.relevance()).isGreaterThanOrEqualTo(0.6));
    }

    @Test
    void an_unrelated_question_keeps_nothing() {
        assertThat(aggregate(aggregator, "派西·卫斯理是哪个作家笔下的人物？", List.of(
                ClauseContent.retrieved(DemoClauses.hit(PLAN, "二、（十）", 0.33)),
                ClauseContent.retrieved(DemoClauses.hit(OPEN_GOVERNMENT, "第三条", 0.30))))).isEmpty();
    }

    @Test
    void carried_clauses_come_first_regardless_of_the_threshold_and_merge_with_their_fresh_hit() {
        SearchHit medical = DemoClauses.hit(PLAN, "二、（十）", 0.40);
        List<ClauseContent> kept = aggregate(aggregator, "这项任务由哪个部门负责？", List.of(
                ClauseContent.carried(Citation.of(1, medical).toHit()),
                ClauseContent.retrieved(DemoClauses.hit(PLAN, "二、（十一）", 0.75)),
                ClauseContent.retrieved(medical)));
        assertThat(kept).extracting(c -> c.hit().clauseLabel()).containsExactly("二、（十）", "二、（十一）");
        assertThat(kept.getFirst().carriedOver()).isTrue();
        assertThat(kept.getFirst().relevance()).as("the fresh hit's scores are kept").isNotNaN();
    }

    @Test
    void returns_at_most_max_clauses() {
        List<Content> many = List.of("二、（一）", "二、（二）", "二、（三）", "二、（四）", "二、（五）").stream()
                .map(l -> (Content) ClauseContent.retrieved(DemoClauses.hit(PLAN, l, 0.9))).toList();
        assertThat(aggregate(aggregator, "人工智能", many)).hasSize(3);
    }

    @Test
    void a_request_with_its_own_refusal_threshold_is_decided_with_it_and_one_without_with_the_configured_one() {
        // "派西·卫斯理" shares no term with the clauses: relevance = similarity
        List<Content> hits = List.of(
                ClauseContent.retrieved(DemoClauses.hit(PLAN, "二、（十）", 0.55)),
                ClauseContent.retrieved(DemoClauses.hit(OPEN_GOVERNMENT, "第三条", 0.45)));
        String question = "派西·卫斯理是哪个作家笔下的人物？";
        assertThat(aggregate(aggregator, question, hits)).as("configured 0.6").isEmpty();
        assertThat(scoped(question, 0.5, hits)).extracting(c -> c.hit().clauseLabel()).containsExactly("二、（十）");
        assertThat(scoped(question, 0.4, hits)).hasSize(2);
        assertThat(scoped(question, null, hits)).as("no threshold of its own: the configured one").isEmpty();
    }

    @Test
    void a_stricter_threshold_of_the_request_refuses_what_the_configured_one_would_answer() {
        List<Content> hits = List.of(ClauseContent.retrieved(DemoClauses.hit(PLAN, "二、（十）", 0.65)));
        assertThat(aggregate(aggregator, "派西·卫斯理", hits)).hasSize(1);
        assertThat(scoped("派西·卫斯理", 0.7, hits)).isEmpty();
    }

    private List<ClauseContent> scoped(String question, Double threshold, List<Content> contents) {
        ConversationContext context = new ConversationContext("c1", List.of(), ClauseFilter.NONE, threshold);
        Query query = Query.from(question, context.metadata(UserMessage.from(question)));
        return aggregator.aggregate(Map.of(query, List.of(contents))).stream().map(ClauseContent.class::cast).toList();
    }
}
