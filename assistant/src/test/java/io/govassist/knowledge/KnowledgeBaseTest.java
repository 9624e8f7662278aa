package io.govassist.knowledge;

import io.govassist.knowledge.KnowledgeBase.Audience;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KnowledgeBaseTest {

    @Test
    void ids_are_lower_case_slugs_of_at_most_64_characters() {
        for (String ok : new String[]{"default", "ai-plan", "12345", "a", "x".repeat(64)}) {
            assertThat(new KnowledgeBase(ok, "名", Audience.PUBLIC, null, null, null).id()).isEqualTo(ok);
        }
        for (String bad : new String[]{"", "-a", "AI", "a b", "a_b", "知识库", "a/b", "x".repeat(65)}) {
            assertThatThrownBy(() -> new KnowledgeBase(bad, "名", Audience.PUBLIC, null, null, null))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void suggested_questions_are_copied_and_never_null() {
        assertThat(new KnowledgeBase("a", "名", Audience.STAFF, null, null, null).suggestedQuestions()).isEmpty();
        List<String> questions = new java.util.ArrayList<>(List.of("问一"));
        KnowledgeBase kb = new KnowledgeBase("a", "名", Audience.STAFF, null, questions, 0.5);
        questions.add("问二");
        assertThat(kb.suggestedQuestions()).containsExactly("问一");
    }
}
