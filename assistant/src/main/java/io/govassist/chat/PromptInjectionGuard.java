package io.govassist.chat;

import java.util.regex.Pattern;

/**
 * Recognises attempts to make the assistant leave its role — overriding its instructions, revealing its system
 * prompt, role-play framings — so that they get the refusal instead of an answer. Everything else that is not about
 * the loaded policies is refused by the relevance threshold.
 */
public final class PromptInjectionGuard {

    private static final Pattern INJECTION = Pattern.compile(String.join("|",
            "(忽略|无视|忘记|忘掉|绕过|不要理会|不用理会|别管)[^。？！?!]{0,12}(指令|指示|提示|规则|设定|命令|约束|prompt)",
            "(系统|初始|原始|隐藏|预设)提示词",
            "你的(系统)?(提示词|指令|设定|规则)",
            "提示词(是什么|的内容|发给我|告诉我|输出|打印|复述|泄露)",
            "(请你?|你来|你要|你现在|你)(扮演|假装|充当)",
            "(假设你是|你现在是|(从现在(开始|起)|现在开始)[，,]?\\s*你就?是)",
            "(开发者|越狱|无限制|上帝)模式",
            "(?-i:\\bDAN\\b)|jailbreak",
            "(ignore|disregard|forget)\\s+(all\\s+|any\\s+|the\\s+)?(previous|prior|above|earlier|your)\\s+(instructions|prompts?|rules)",
            "system\\s+prompt",
            "\\b(act|pretend|behave)\\s+as\\b"), Pattern.CASE_INSENSITIVE);

    private PromptInjectionGuard() {
    }

    public static boolean isInjection(String question) {
        return INJECTION.matcher(question).find();
    }
}
