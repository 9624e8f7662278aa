package io.govassist.chat;

import java.util.regex.Pattern;

/** What kind of answer a question asks for, as far as its wording tells. */
enum QuestionIntent {
    /** 谁负责 / 哪个部门 / 牵头单位 …: answered from the clause's responsible units. */
    RESPONSIBILITY,
    /** 多少 / 几 / 期限 / 什么时候 …: sentences with numbers and dates are preferred, quoted exactly. */
    QUANTITY,
    GENERAL;

    private static final Pattern RESPONSIBILITY_WORDS = Pattern.compile(
            "谁负责|由谁|归谁|谁管|谁来|谁牵头|哪个部门|哪些部门|什么部门|哪个单位|哪些单位|什么单位|哪家|哪个厅|哪个机构|哪些机构"
                    + "|哪个机关|牵头|责任单位|配合单位|负责部门|负责单位|主管部门|主管单位|职责分工");
    private static final Pattern QUANTITY_WORDS = Pattern.compile(
            "多少|几个|几家|几天|几年|几日|几项|多久|多长|哪年|哪天|何时|什么时候|期限|时限|日内|截止|比例|金额|数量|目标值|普及率");

    static QuestionIntent of(String question) {
        if (RESPONSIBILITY_WORDS.matcher(question).find()) {
            return RESPONSIBILITY;
        }
        if (QUANTITY_WORDS.matcher(question).find()) {
            return QUANTITY;
        }
        return GENERAL;
    }
}
