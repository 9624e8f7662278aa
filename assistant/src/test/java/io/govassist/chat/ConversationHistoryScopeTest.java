package io.govassist.chat;

import io.govassist.store.ClauseFilter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationHistoryScopeTest {

    private static PastTurn turn(String answer, String... citedDocuments) {
        List<Citation> citations = new java.util.ArrayList<>();
        for (int i = 0; i < citedDocuments.length; i++) {
            citations.add(new Citation(i + 1, citedDocuments[i] + "#1", citedDocuments[i], "标题", null, "s.md", "第一条",
                    List.of(), List.of(), "条文", null, null));
        }
        return new PastTurn("问题", "问题", answer, citations, citedDocuments.length > 0);
    }

    @Test
    void turns_citing_a_document_the_request_excludes_are_not_carried_into_it() {
        List<PastTurn> history = List.of(turn("公开答复", "public-law"), turn("内部答复", "staff-doc", "public-law"),
                turn("无法回答"));
        ClauseFilter anonymous = ClauseFilter.NONE.excluding(List.of("staff-doc"));

        assertThat(ChatResponder.inScope(history, anonymous)).extracting(PastTurn::answer)
                .containsExactly("公开答复", "无法回答");
        assertThat(ChatResponder.inScope(history, ClauseFilter.NONE)).hasSize(3);
    }

    @Test
    void a_knowledge_base_scope_keeps_only_turns_on_its_own_documents() {
        List<PastTurn> history = List.of(turn("方案答复", "plan"), turn("法律答复", "law"));

        assertThat(ChatResponder.inScope(history, ClauseFilter.documents(List.of("plan"))))
                .extracting(PastTurn::answer).containsExactly("方案答复");
    }
}
