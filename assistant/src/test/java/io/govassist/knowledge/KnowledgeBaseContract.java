package io.govassist.knowledge;

import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The knowledge-base behaviour every deployment must show ({@link KnowledgeBaseScenario}), run by each store's IT:
 * the plan in a PUBLIC knowledge base, 政府信息公开条例 in a STAFF one, set up before and removed after each test.
 */
interface KnowledgeBaseContract {

    /** The running server of this deployment. */
    ServerTestSupport server();

    /** The current test's scenario and document ids (a field of the test instance). */
    State state();

    /** Set up before each test. */
    final class State {
        KnowledgeBaseScenario scenario;
        String plan;
        String law;
    }

    private KnowledgeBaseScenario current() {
        return state().scenario;
    }

    private String plan() {
        return state().plan;
    }

    private String law() {
        return state().law;
    }

    @BeforeEach
    default void knowledgeBases() {
        State state = state();
        state.scenario = new KnowledgeBaseScenario(server());
        String[] ids = state.scenario.setUp();
        state.plan = ids[0];
        state.law = ids[1];
    }

    @AfterEach
    default void removeKnowledgeBases() {
        current().tearDown();
    }

    @Test
    default void the_admin_api_validates_ids_and_counts_documents() {
        current().admin_api_validates_and_counts(plan(), law());
    }

    @Test
    default void a_public_knowledge_base_answers_from_its_documents_only() {
        current().a_public_knowledge_base_answers_from_its_documents_only(plan());
    }

    @Test
    default void a_staff_knowledge_base_gives_anonymous_callers_none_of_its_text() {
        current().a_staff_knowledge_base_gives_anonymous_callers_none_of_its_text(law());
    }

    @Test
    default void staff_search_and_chat_in_the_staff_knowledge_base_and_follow_ups_do_not_leak() {
        current().staff_search_and_chat_in_the_staff_knowledge_base(law());
    }

    @Test
    default void unknown_knowledge_bases_are_404_with_a_stable_code() {
        current().unknown_knowledge_bases_are_404_with_a_stable_code();
    }

    @Test
    default void deleting_a_knowledge_base_keeps_its_documents() {
        current().deleting_the_staff_knowledge_base_returns_its_document_to_default(law());
    }
}
