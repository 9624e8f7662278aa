package io.govassist.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Questions no policy text can answer, recognised before retrieval by their wording: the asker's own case or
 * account, real-time information, or a request that the assistant act. They get guidance (where to check, the
 * hotline, a person) instead of clause quotes — a statute quoted in reply to "我的申请批下来没有" is confidently
 * wrong. Questions about the rules behind such things ("提取公积金需要什么条件", "多少天内必须答复") are ordinary
 * questions and are not matched. Measured on {@code eval/service/}, see {@code docs/quality.md}.
 */
enum ServiceIntent {
    /** The status or result of the asker's own application, case, ticket or complaint. */
    CASE_STATUS,
    /** The asker's own account data: balances, contribution records, whether a payment arrived. */
    PERSONAL_ACCOUNT,
    /** Information that changes by the hour: weather, exchange rates, queues, traffic, outages. */
    REAL_TIME,
    /** A request that the assistant do something for the asker: book, file, issue, submit, forward. */
    ACT_FOR_ME;

    /** The asker, their family or their organisation: what makes a case or an account theirs. */
    private static final String OWN = "我|俺|咱|本人|孩子|儿子|女儿|老公|老婆|爱人|丈夫|妻子|爸|妈|父亲|母亲|老人|家里|家人|"
            + "我们|公司的|单位的|该市民|这位市民|群众|来电人|当事人|他的|她的";
    /** A case reference such as 工单 GD20240001, 编号XF2025-0312 or 受理号 2024-0012. */
    private static final String CASE_NUMBER = "(工单|件|单|受理|申请|业务|流水|编)号?[：: ]?[A-Za-z]{0,4}[-\\dA-Za-z]{6,}|"
            + "[A-Za-z]{1,4}\\d{6,}";
    private static final String CASE = "申请|申报|办件|办理|业务|材料|工单|投诉|举报|信访|复议|诉求|案件|件|证|照|手续|登记|审批|"
            + "审核|补贴|补助|低保|救助|认定|鉴定|备案|户口|落户|迁移|许可|执照|报销|提取|贷款|退税|退费|入学|学位|留言|预约";
    /** Asking whether something has happened to a particular case, or where it stands. */
    private static final String STATUS = "进度|进展|到哪[一个]?步|到哪了|办到哪|走到哪|卡在哪|现在在哪|"
            + "(批|审|办|处理|受理|审核|审批|回复|答复|通过|批准|批复|办结|办好|做好|寄出|发出|下发|下来|出来|寄|发|拿|领)"
            + "(出来|下来|好|完|结|到|过)?了?(吗|没|没有|么|嘛|没呢)|批下来|审下来|"
            + "(审核|审批|办理|处理|受理)(状态|情况|结果)|(状态|情况|结果|进展)(怎么样|如何|是什么|是啥|出来)|"
            + "(处理|办|弄)得怎么样|有(结果|回复|消息|答复|回音|下文|进展)了?(吗|没)|"
            + "怎么还没|为什么还没|咋还没|还没(有)?(批|审|办|下来|处理|回复|答复|受理|通过|到|消息|结果|动静|人)|"
            + "一直没(有)?(人|消息|回复|结果|动静)|谁在(处理|办|负责|跟进)|哪个部门在(办|处理|跟进)|有没有(超期|受理|通过|回复|处理)|"
            + "(什么时候|何时|哪天|多久)(才)?(能|可以)?(拿到|领到|取|下来|批|办好|办完|出结果|有结果|寄到)|"
            + "(查|看)(一下|一查|查|看)?.{0,6}(进度|状态|结果|到哪)";
    private static final Pattern CASE_STATUS_WORDS = Pattern.compile(
            "(" + CASE + "|" + CASE_NUMBER + ")[^。？！?!]{0,30}(" + STATUS + ")|"
                    + "(" + OWN + ")[^。？！?!]{0,6}(" + STATUS + ")[^。？！?!]{0,16}(" + CASE + ")");
    private static final Pattern OWN_OR_NUMBER = Pattern.compile(OWN + "|" + CASE_NUMBER);
    /**
     * Without the asker's own case named, "热线还予以受理吗" or "能一次认证全网通办吗" ask what the rules allow: such
     * status words only mean a case's status when nothing marks the question as one about the rules.
     */
    private static final Pattern RULE_CONTEXT = Pattern.compile(
            "按照|根据|依照|依据|规定|条例|法律|办法|政策|是否|能否|能不能|可不可以|可以|能|应当|应该|予以|一般");

    private static final String ACCOUNT = "社保|养老保险|医保|医疗保险|公积金|养老金|退休金|退休工资|个人账户|医保卡|社保卡|"
            + "失业金|失业保险金|退税|个税|补贴|工资|积分|缴费|缴存|账户|信用|征信|驾照|驾驶证|违章";
    /** The asker's own figures and records. */
    private static final String ACCOUNT_DATA = "余额|还剩|剩(下)?多少|有多少钱|多少钱了|能用多少|可用额度|储存额|累计(了)?多少|"
            + "(到账|发放|打款|到位|发下来|打过来|到卡)(了)?(吗|没|没有|么)|(什么时候|何时|哪天|几号)(能)?(到账|发|打)|"
            + "还没(到账|发|打|到)|(卡|账户|账)上(没|没有)?(看到|收到|到)|没(看到|收到)钱|钱(没|还没)(到|来)|"
            + "(交|缴|存|缴存|缴纳|扣|退)了(多少|几)|(交|缴)(上|进去|成功)了?(吗|没|没有)|扣款(成功)?了?(吗|没)|扣款成功|"
            + "(缴费|缴存|缴纳|参保|消费|使用|交费)(记录|明细|年限|情况|基数)|明细|流水|有没有(断缴|欠缴|漏缴|欠费|不良)|"
            + "不良记录|(扣|剩)了?(几|多少)分|多少分|转(到|过去|过来|进|入)[^，。？！?!]{0,10}了?(吗|没|没有)|"
            + "(查|看)(一下|一查|查|看)?[^。？！?!]{0,4}(余额|多少钱|记录|明细|到账|账户)";
    private static final Pattern PERSONAL_ACCOUNT_WORDS = Pattern.compile(
            "(帮|给|替)[^。？！?!，,]{0,6}(查|看)[^。？！?!]{0,16}(" + ACCOUNT + ")");
    private static final Pattern OWN_WORDS = Pattern.compile(OWN);
    private static final Pattern ACCOUNT_WORDS = Pattern.compile(ACCOUNT);
    private static final Pattern ACCOUNT_DATA_WORDS = Pattern.compile(ACCOUNT_DATA);
    /** "以前交的社保还能累计吗" asks a rule, unless it asks for the figures themselves. */
    private static final Pattern ACCOUNT_RULE = Pattern.compile(
            "(能|可以)[^，。？！?!]{0,8}(吗|么)|能不能|可不可以|怎么办|如何|怎样|什么条件|需要什么|规定|是否可以");
    private static final Pattern ACCOUNT_FIGURES = Pattern.compile("余额|还剩|到账|多少钱|储存额|多少分|几分");

    /** Words that are real-time by themselves. */
    private static final String ALWAYS_NOW = "天气|气温|下雨|下雪|降温|台风|空气质量|雾霾|PM2\\.5|汇率|油价|金价|股价|股市|路况|堵车|堵不堵|"
            + "航班|余票|车次|晚点|几号线.{0,4}(停|开)|占线|打不进|打不通|"
            + "(汽油|柴油|黄金|白银|美元|欧元|日元|港币)[^。？！?!]{0,10}(多少钱|价格|多少|汇率)";
    private static final String NOW = "今天|今日|今晚|明天|明早|后天|现在|目前|此刻|这会儿|待会|一会儿|马上|刚才|这几天|最近几天|本周|这周|"
            + "周末|下午|上午|中午|晚上|实时|当前|眼下|我家|我们小区|我们这|我这|这边";
    private static final String CHANGES = "停水|停电|停气|断水|断电|没水|没电|排队|排号|叫号|人多|人多不多|人多吗|人特别多|人很多|等多久|要等|"
            + "开门|关门|营业|上班|下班|办公|开放|放号|挂号|运营|限行|封路|封控|拥堵|几点";
    private static final Pattern REAL_TIME_WORDS = Pattern.compile(
            "(" + ALWAYS_NOW + ")|(" + NOW + ")[^。？！?!]{0,24}(" + CHANGES + ")|(" + CHANGES + ")[^。？！?!]{0,10}(" + NOW + ")");
    /** Rule questions about outages and hours ("计划停电要提前几天通知") are not real-time ones. */
    private static final Pattern RULE_WORDS = Pattern.compile(
            "规定|条例|法律|办法|政策|标准|要求|应当|应该提前|提前几天|提前多少|提前多久|是否合法|违法吗|合法吗|怎么赔|赔偿|责任|权利|义务");

    /** A request addressed to the assistant; not "不给我交社保" (what someone else fails to do). */
    private static final String ASK = "(?<!不|没|没有|不肯|不愿)(帮我|帮忙|替我|给我|为我|你帮|你们帮|帮俺|请你|麻烦你|麻烦帮|能不能帮|"
            + "可不可以帮|可以帮|能帮|直接帮|你给|你替|你来|你们给|你们替)";
    private static final String ACT = "预约|挂|排个号|取号|投诉|举报|反映|开(个|一个|一份|一张|张|份)?[^。？！?!]{0,6}(证明|发票|单|函)|"
            + "报(个)?名|(提交|递交|报送|上传|填|填写|办|办理|办一下|申请|申报|登记|备案|注册|注销|挂失|补办|缴|交|续|充值|改|修改|更改|变更|"
            + "撤销|撤回|取消|退|转给|转交|转到|反馈给|通知|联系|打电话|催|加急|盖章|打印|寄|邮寄|下载|查封|解封|解冻|冻结|开通|激活|绑定|解绑)";
    /** "帮我看看/查一下/解释一下 …规定" asks for a rule, not an action. */
    private static final Pattern ACT_WORDS = Pattern.compile(
            ASK + "[^。？！?!]{0,10}(" + ACT + ")|(我要|我想要|我想|我需要)(投诉|举报|预约|挂号)(?![^。？！?!]{0,20}"
                    + "(怎么|如何|哪|什么|吗|么|流程|程序|渠道|方式|条件|材料|规定|需要|要求))|"
                    + "(帮|替|给)(我|她|他|俺|我们|她们|他们|老人)?把[^。？！?!]{0,20}(做|办|交|弄|搞|改|提交|处理|认证|缴)(了|掉|一下|好)");
    /**
     * Narrower than {@link #HOW_OR_RULE}: asks how or what, for readers other than the wording rules (the classifier),
     * where "材料" or "规定" alone occur in requests too ("帮我把申请提交上去，材料照片我都拍好了").
     */
    private static final Pattern ASKS_HOW = Pattern.compile("怎么|如何|怎样|哪些|什么|需要|多久|多长时间|什么条件|流程|是否");
    private static final Pattern HOW_OR_RULE = Pattern.compile(
            "(怎么|如何|怎样|哪些|哪里|哪个|什么|流程|程序|条件|材料|规定|多久|多长时间|多少天|几天|期限|时限|一般|需要|是否|应当|得多久)");

    /** The intent of a question that asks for something outside the documents, if it is one. */
    static Optional<ServiceIntent> of(String question) {
        String q = question.strip();
        if (CASE_STATUS_WORDS.matcher(q).find()
                && (OWN_OR_NUMBER.matcher(q).find() || !RULE_CONTEXT.matcher(q).find())) {
            return Optional.of(CASE_STATUS);
        }
        boolean ownAccount = OWN_WORDS.matcher(q).find() && ACCOUNT_WORDS.matcher(q).find()
                && ACCOUNT_DATA_WORDS.matcher(q).find();
        if ((ownAccount || PERSONAL_ACCOUNT_WORDS.matcher(q).find())
                && (!ACCOUNT_RULE.matcher(q).find() || ACCOUNT_FIGURES.matcher(q).find())) {
            return Optional.of(PERSONAL_ACCOUNT);
        }
        if (ACT_WORDS.matcher(q).find() && !asksForRule(q)) {
            return Optional.of(ACT_FOR_ME);
        }
        if (REAL_TIME_WORDS.matcher(q).find() && !RULE_WORDS.matcher(q).find()) {
            return Optional.of(REAL_TIME);
        }
        return Optional.empty();
    }

    /** Whether the question asks how or what (never a request to act, however it reads). */
    static boolean asksHowOrWhat(String q) {
        return ASKS_HOW.matcher(q).find();
    }

    /** "帮我预约" acts; "帮我预约需要什么材料" asks how — a rule. */
    private static boolean asksForRule(String q) {
        return HOW_OR_RULE.matcher(q).find();
    }
}
