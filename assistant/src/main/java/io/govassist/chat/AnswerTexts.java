package io.govassist.chat;

import io.govassist.ingestion.DocumentStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fixed citizen-facing texts of answers: the AI label, document notices and refusals. */
public final class AnswerTexts {

    /** The visible label of AI-generated content (人工智能生成合成内容标识办法). */
    static final String AI_LABEL = "（本回答由人工智能生成，仅供参考，请以政策原文为准）";

    static final String LLM_FALLBACK = "智能问答服务暂时不可用，以下为直接摘录的政策原文。";
    static final String LLM_UNCITED = "智能问答的回答未标注出处，已改为直接摘录的政策原文。";

    static final String SENSITIVE_QUESTION = "您的问题中含有不文明或违规用语，无法回答。请修改后重新提问。";
    static final String HARMFUL_INTENT = "本助手不提供实施违法或有害行为的方法，以下为与您的问题相关的法律政策规定。";
    static final String ANSWER_WITHDRAWN = "生成的回答含有不适宜展示的内容，已撤回，以下为直接摘录的政策原文。";

    /** Start of the refusal of questions that try to make the assistant leave its role. */
    public static final String OFF_MANDATE = "抱歉，我只能依据已加载的政策文件回答政策问题，不能执行其他指令或回答与政策无关的问题。";

    private AnswerTexts() {
    }

    /** {@code text} followed by the AI label on its own line. */
    static String labelled(String text) {
        return text.strip() + "\n\n" + AI_LABEL;
    }

    /** One notice per cited document that is a draft or repealed, in citation order. */
    static List<String> notices(List<Citation> citations) {
        Map<String, String> notices = new LinkedHashMap<>();
        for (Citation c : citations) {
            if (c.documentStatus() == DocumentStatus.DRAFT) {
                notices.putIfAbsent(c.documentId(), "《" + c.documentTitle() + "》是征求意见稿，尚未正式施行，具体以正式印发的文件为准。");
            } else if (c.documentStatus() == DocumentStatus.REPEALED) {
                notices.putIfAbsent(c.documentId(), "《" + c.documentTitle() + "》已废止或失效，相关内容仅供参考。");
            }
        }
        return List.copyOf(notices.values());
    }

    /** The answer when even the quoted clauses contain a listed word: nothing of them is shown. */
    static DraftAnswer withheld() {
        return new DraftAnswer("抱歉，相关内容含有不适宜展示的用语，无法在此显示。请查阅政策原文或咨询相关部门。",
                List.of(), List.of(), false);
    }

    /** The honest "not covered" answer with examples of what can be asked. */
    static DraftAnswer refusal(List<String> exampleQuestions, boolean offMandate) {
        StringBuilder b = new StringBuilder(offMandate
                ? OFF_MANDATE
                : "抱歉，已加载的政策文件中没有找到与您的问题直接相关的规定，我无法据此作答，也不会凭空编造答案。");
        b.append("\n您可以询问已加载政策文件中的具体规定，例如：");
        for (String example : exampleQuestions) {
            b.append("\n· ").append(example);
        }
        b.append("\n也可以询问某项任务由哪个部门负责、某类申请的办理期限等具体问题。");
        return new DraftAnswer(b.toString(), List.of(), List.of(), false);
    }
}
