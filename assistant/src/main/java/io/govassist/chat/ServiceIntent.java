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
            + "我们|公司的|单位的|该市民|这位市民|群众的|来电人|当事人";
    /** A case reference such as 工单 GD20240001 or 受理号 2024-0012. */
    private static final String CASE_NUMBER = "(工单|件|单|受理|申请|业务|流水|编)号?[：: ]?[A-Za-z]{0,4}[-\\dA-Za-z]{6,}|"
            + "[A-Za-z]{1,4}\\d{6,}";
    private static final String CASE = "申请|申报|办件|办理|业务|材料|工单|投诉|举报|信访|复议|诉求|案件|件|证|照|手续|登记|审批|"
            + "审核|补贴|补助|低保|救助|认定|鉴定|备案|户口|落户|迁移|许可|执照|报销|提取|贷款|退税|退费|入学|学位|留言";
    private static final String STATUS = "进度|到哪[一个]?步|到哪了|办到哪|走到哪|卡在哪|(批|审|办|处理|受理|审核|审批|回复|答复|出)"
            + "(下来|好|完|结|到|过)?了?(吗|没|没有|么|嘛|否|不)|批下来|审下来|(审核|审批|办理|处理|受理)(状态|情况|结果)|"
            + "(状态|情况|结果)(怎么样|如何|是什么|是啥|出来)|处理得怎么样|办得怎么样|有(结果|回复|消息|答复|回音|下文)了?(吗|没)|"
            + "怎么还没|为什么还没|咋还没|还没(有)?(批|审|办|下来|处理|回复|答复|受理|通过|到|消息|结果|动静|人)|一直没(有)?(人|消息|回复|结果|动静)|"
            + "(通过|受理|批准|批复|办结|办好|做好|寄出|发出|下发)了?(吗|没|没有|么)|(能|可以)?(拿|领|取)到(了)?(吗|没)|"
            + "(什么时候|何时|哪天|多久)(才)?(能|可以)?(拿到|领到|取|下来|批|办好|办完|出结果|有结果|到|寄到)|现在(是)?谁在(处理|办)|"
            + "(查|看)(一下|一查|查|看)?.{0,6}(进度|状态|结果|到哪)";
    private static final Pattern CASE_STATUS_WORDS = Pattern.compile(
            "((" + OWN + ")[^。？！?!]{0,24}(" + CASE + ")|(" + CASE + ")[^。？！?!]{0,12}(" + OWN + ")|" + CASE_NUMBER + ")"
                    + "[^。？！?!]{0,24}(" + STATUS + ")|"
                    + "(" + OWN + ")[^。？！?!]{0,6}(" + STATUS + ")[^。？！?!]{0,16}(" + CASE + ")");

    private static final String ACCOUNT = "社保|养老保险|医保|医疗保险|公积金|养老金|退休金|退休工资|个人账户|医保卡|社保卡|"
            + "失业金|失业保险金|退税|个税|补贴|工资|积分|缴费|缴存|账户";
    private static final String ACCOUNT_DATA = "余额|还剩|剩(下)?多少|有多少钱|多少钱了|能用多少|可用额度|(到账|发放|打款|到位|发下来|打过来|到卡)"
            + "(了)?(吗|没|没有|么)|(什么时候|何时|哪天|几号)(能)?(到账|发|打)|还没(到账|发|打|到)|(交|缴|存|缴存|缴纳)了?(多少|几)(年|个月|钱)|"
            + "(缴费|缴存|缴纳|参保|消费|使用|交费)(记录|明细|年限|情况|基数)|明细|流水|(查|看)(一下|一查|查|看)?[^。？！?!]{0,4}(余额|多少钱|记录|明细|到账|账户)";
    private static final Pattern PERSONAL_ACCOUNT_WORDS = Pattern.compile(
            "(" + OWN + ")[^。？！?!]{0,16}(" + ACCOUNT + ")[^。？！?!]{0,16}(" + ACCOUNT_DATA + ")|"
                    + "(" + OWN + ")[^。？！?!]{0,8}(" + ACCOUNT_DATA + ")[^。？！?!]{0,8}(" + ACCOUNT + ")|"
                    + "(帮我|给我|替我)(查|看)[^。？！?!]{0,10}(" + ACCOUNT + ")");

    /** Words that are real-time by themselves. */
    private static final String ALWAYS_NOW = "天气|气温|下雨|下雪|降温|台风|空气质量|雾霾|PM2\\.5|汇率|油价|金价|股价|股市|路况|堵车|堵不堵|"
            + "航班|余票|车次|晚点|几号线.{0,4}(停|开)";
    private static final String NOW = "今天|今日|今晚|明天|明早|后天|现在|目前|此刻|这会儿|待会|一会儿|马上|刚才|这几天|最近几天|本周|这周|"
            + "周末|下午|上午|中午|晚上|实时|当前|眼下|我家|我们小区|我们这|我这|这边";
    private static final String CHANGES = "停水|停电|停气|断水|断电|没水|没电|排队|排号|叫号|人多|人多不多|人多吗|等多久|要等|开门|关门|营业|"
            + "上班|下班|办公|开放|放号|挂号|运营|限行|封路|封控|拥堵|几点";
    private static final Pattern REAL_TIME_WORDS = Pattern.compile(
            "(" + ALWAYS_NOW + ")|(" + NOW + ")[^。？！?!]{0,14}(" + CHANGES + ")|(" + CHANGES + ")[^。？！?!]{0,10}(" + NOW + ")");
    /** Rule questions about outages and hours ("计划停电要提前几天通知") are not real-time ones. */
    private static final Pattern RULE_WORDS = Pattern.compile(
            "规定|条例|法律|办法|政策|标准|要求|应当|应该提前|提前几天|提前多少|提前多久|是否合法|违法吗|合法吗|怎么赔|赔偿|责任|权利|义务");

    private static final String ASK = "帮我|帮忙|替我|给我|为我|你帮|你们帮|帮俺|请你|麻烦你|麻烦帮|能不能帮|可不可以帮|可以帮|能帮|直接帮|"
            + "你给|你替|你来|你们给|你们替";
    private static final String ACT = "预约|挂号|挂个号|排个号|取号|投诉|举报|反映|开(个|一个|一份|一张|张|份)?[^。？！?!]{0,6}(证明|发票|单|函)|"
            + "(提交|递交|报送|上传|填|填写|办|办理|办一下|申请|申报|报名|登记|备案|注册|注销|挂失|补办|缴|交|续|充值|改|修改|更改|变更|"
            + "撤销|撤回|取消|退|转给|转交|转到|反馈给|通知|联系|打电话|催|加急|盖章|打印|寄|邮寄|下载|查封|解封|解冻|冻结|开通|激活|绑定|解绑)";
    /** "帮我看看/查一下/解释一下 …规定" asks for a rule, not an action. */
    private static final Pattern ACT_WORDS = Pattern.compile(
            "(" + ASK + ")[^。？！?!]{0,4}(" + ACT + ")|(我要|我想要|我想|我需要)(" + "投诉|举报|预约|挂号" + ")(?![^。？！?!]{0,20}"
                    + "(怎么|如何|哪|什么|吗|么|流程|程序|渠道|方式|条件|材料|规定|需要|要求))");
    private static final Pattern HOW_OR_RULE = Pattern.compile(
            "(怎么|如何|怎样|哪些|哪里|哪个|什么|流程|程序|条件|材料|规定|多久|多长时间|多少天|几天|期限|时限|一般|需要|是否|应当|得多久)");

    /** The intent of a question that asks for something outside the documents, if it is one. */
    static Optional<ServiceIntent> of(String question) {
        String q = question.strip();
        if (CASE_STATUS_WORDS.matcher(q).find()) {
            return Optional.of(CASE_STATUS);
        }
        if (PERSONAL_ACCOUNT_WORDS.matcher(q).find()) {
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

    /** "帮我预约" acts; "帮我预约需要什么材料" asks how — a rule. */
    private static boolean asksForRule(String q) {
        return HOW_OR_RULE.matcher(q).find();
    }
}
