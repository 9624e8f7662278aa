package io.govassist.chat;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.injector.ContentInjector;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.store.SearchHit;

import java.util.List;

/**
 * Puts the relevant clauses into the user message for the LLM, numbered {@code [1]}, {@code [2]} … in the order of
 * the contents (the numbers the answer must cite), each with its source, label, responsible units and status, and
 * fenced as data. The question follows the clauses.
 */
class CitationContentInjector implements ContentInjector {

    static final String CLAUSE_START = "<<<条款原文开始>>>";
    static final String CLAUSE_END = "<<<条款原文结束>>>";

    @Override
    public ChatMessage inject(List<Content> contents, ChatMessage chatMessage) {
        String question = chatMessage instanceof UserMessage user ? user.singleText() : String.valueOf(chatMessage);
        if (contents.isEmpty()) {
            return UserMessage.from(question);
        }
        StringBuilder b = new StringBuilder("参考条款（只能依据这些条款回答，引用时使用方括号中的编号）：\n\n");
        int index = 1;
        for (Content content : contents) {
            if (content instanceof ClauseContent clause) {
                describe(b, index++, clause.hit());
            }
        }
        b.append("用户问题：").append(question).append('\n');
        b.append("请依据上述条款回答，每句事实陈述后用[编号]标注出处。");
        return UserMessage.from(b.toString());
    }

    private static void describe(StringBuilder b, int index, SearchHit hit) {
        b.append('[').append(index).append("] 《").append(hit.documentTitle()).append("》")
                .append(ClauseText.citedAs(hit));
        if (hit.docNumber() != null) {
            b.append("（").append(hit.docNumber()).append("）");
        }
        b.append('\n');
        ResponsibleUnits units = hit.responsibleUnits();
        if (!units.isEmpty()) {
            b.append("责任单位：牵头单位 ").append(String.join("、", units.lead()));
            if (!units.cooperating().isEmpty()) {
                b.append("；配合单位 ").append(String.join("、", units.cooperating()));
            }
            b.append('\n');
        }
        if (hit.status() == DocumentStatus.DRAFT) {
            b.append("文件状态：征求意见稿，尚未正式施行\n");
        } else if (hit.status() == DocumentStatus.REPEALED) {
            b.append("文件状态：已废止或失效\n");
        }
        b.append(CLAUSE_START).append('\n').append(hit.text()).append('\n').append(CLAUSE_END).append("\n\n");
    }
}
