package io.govassist.chat;

import java.util.regex.Pattern;

/**
 * Recognises questions asking how to do something unlawful or harmful ("如何设立非法赌博业务", "教我怎么洗钱"): they
 * are never put to the LLM. The answer quotes the relevant clauses (typically the prohibition and its penalty) with
 * a notice, or is the refusal when nothing relevant is loaded. Questions about preventing, reporting or the legal
 * consequences of such acts ("被诈骗了怎么办", "洗钱要承担什么责任") are ordinary questions. Judged clause by clause
 * (split at sentence ends and commas), so that a role-play preamble ("不会避免争议……") cannot make the harmful
 * clause look legitimate.
 */
final class HarmfulIntent {

    private static final String HOW = "如何|怎么|怎样|怎麼|咋|教我|教教我|有什么办法|有哪些办法|什么办法|什么方法|哪些方法|哪些手段|什么手段|方法|步骤|技巧|"
            + "窍门|诀窍|秘诀|攻略|手法|策略|指南|教程|配方|帮我|给我写|写一[篇份段个]|设计一[个套份]|列出|提供一些|制造|制作|合成|提炼|"
            + "哪里(能|可以)?买|购买渠道|在哪买|说服|诱导|怂恿";
    private static final String HARM = "非法|违法|犯罪|诈骗|骗取|骗钱|骗局|行骗|洗钱|走私|贩毒|制毒|运毒|吸毒|毒品|冰毒|大麻|赌博|赌场|"
            + "博彩|偷税|逃税|漏税|骗税|骗保|套现|行贿|受贿|贿赂|回扣|伪造|变造|造假|假证|假币|假冒|仿冒|盗版|盗窃|偷窃|偷东西|抢劫|"
            + "抢夺|敲诈|勒索|绑架|拐卖|杀人|杀害|谋杀|伤害他人|投毒|炸弹|炸药|爆炸物|枪支|弹药|管制刀具|黑客|入侵|破解|木马|病毒|"
            + "窃取|盗取|盗号|窃听|监听|跟踪|偷拍|人肉|泄露|倒卖|隐藏|隐瞒|瞒报|未经授权|未经同意|未经许可|歧视|侮辱|诽谤|造谣|谣言|煽动|暴力|恐怖|极端|邪教|"
            + "色情|淫秽|卖淫|嫖娼|传销|非法集资|高利贷|套路贷|垄断|操纵|内幕交易|欺诈|虚假|欺骗|误导|"
            + "(规避|逃避|躲避|绕过|避开|应付)(监管|检查|审查|调查|执法|处罚|税|责任|追查)|钻空子|不被发现|不被查|作弊|代考|替考|霸凌|虐待|报复|自杀|自残|酒后开车|酒驾|醉驾|escape|hack";
    private static final Pattern ASKS_HOW_TO_HARM = Pattern.compile(
            "(" + HOW + ")[^。？！?!]{0,30}(" + HARM + ")|(" + HARM + ")[^。？！?!]{0,12}(的|有什么|有哪些)?(方法|手段|技巧|步骤|教程|攻略|窍门)",
            Pattern.CASE_INSENSITIVE);
    /** Words that make a question about an unlawful act a legitimate one: prevention, reporting, consequences. */
    private static final Pattern LEGITIMATE = Pattern.compile(
            "(?<!逃避|规避|躲避|避开|应付|绕过|不被|不受|没有|无视|不用|不必|不需要)(举报|防范|预防|防止|避免|(如何|怎么|怎样|怎么样)(识别|辨别|鉴别|分辨)|提防|警惕|打击|整治|治理|查处|惩处|处罚|罚款|判刑|判几年|量刑|刑期|坐牢|"
                    + "法律责任|承担什么|后果|违法吗|犯法吗|合法吗|是否违法|是否合法|算不算|构成|认定|定罪|罪名|投诉|维权|报案|报警|被骗|"
                    + "受骗|被盗|被抢|被侵犯|被泄露|被歧视|被侮辱|被诽谤|被敲诈|被勒索|被拐|受害|追回|赔偿|救济|起诉|申诉|保护|监管部门|"
                    + "哪个部门|由谁|谁负责|制止|消除|禁止|反对|反歧视|反垄断|反诈|应对|求助|有哪些规定|什么规定|法律规定|相关规定|哪些法律)");

    private HarmfulIntent() {
    }

    private static final Pattern SENTENCE_END = Pattern.compile("[。？！?!；;，,：:\\n]+");

    /** Whether a clause of the question asks how to do harm and that clause is not about prevention etc. */
    static boolean asksHowToDoHarm(String question) {
        for (String sentence : SENTENCE_END.split(question)) {
            if (ASKS_HOW_TO_HARM.matcher(sentence).find() && !LEGITIMATE.matcher(sentence).find()) {
                return true;
            }
        }
        return false;
    }
}
