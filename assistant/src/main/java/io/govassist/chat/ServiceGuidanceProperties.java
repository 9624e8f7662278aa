package io.govassist.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Map;

/**
 * What the assistant tells citizens whose question no document answers ({@link ServiceIntent}), per deployment, in
 * Chinese (prefix {@code govassist.chat.service}). Texts may use {@code {hotline}} and {@code {portal}}.
 * {@code ServiceGuidancePropertiesTest} pins the defaults.
 *
 * @param enabled       whether such questions are recognised at all (off: they are searched like any other)
 * @param hotline       the service hotline, as citizens know it
 * @param portal        where citizens check their own matters online
 * @param caseStatus    guidance for the status of the asker's own case
 * @param account       guidance for the asker's own account data
 * @param realTime      guidance for real-time information
 * @param actForMe      guidance for requests that the assistant act
 * @param handoff       the closing offer of a person, after every redirect
 * @param localNotCovered notice when a question names a place no cited text covers; {@code {place}} is the place
 * @param minConfidence the classifier's probability for an intent to redirect a question the rules did not catch
 * @param ruleVeto      the classifier's probability of "an ordinary question" above which a rule match is overruled
 */
@ConfigurationProperties("govassist.chat.service")
public record ServiceGuidanceProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("12345政务服务便民热线") String hotline,
        @DefaultValue("当地政务服务网（网上办事大厅）或政务服务App") String portal,
        @DefaultValue("您询问的是个人办件的进度或结果。我只能依据已公开的政策文件回答政策问题，查不到个人办件信息。"
                + "请登录{portal}，在“我的办件”中用受理编号查询，或咨询受理窗口，也可拨打{hotline}。") String caseStatus,
        @DefaultValue("您询问的是个人账户信息。我只能依据已公开的政策文件回答政策问题，查不到个人的社保、医保、公积金等账户数据。"
                + "请登录{portal}或对应的社保、医保、公积金官方渠道，凭本人身份查询，也可拨打{hotline}。") String account,
        @DefaultValue("您询问的是实时信息（如天气、排队、交通、停水停电等）。我只能依据已公开的政策文件回答政策问题，没有实时数据。"
                + "请以相关部门、{portal}发布的最新信息为准，也可拨打{hotline}咨询。") String realTime,
        @DefaultValue("我是政策问答助手，不能代您预约、投诉、提交申请或开具证明。请通过{portal}办理，"
                + "投诉、求助和建议可拨打{hotline}。") String actForMe,
        @DefaultValue("如需人工帮助，可点击“转人工”留下问题，工作人员会在此回复；也可拨打{hotline}。") String handoff,
        @DefaultValue("已加载的政策文件中没有{place}的具体规定或标准，以下为一般性规定；{place}的具体标准请以当地政府部门公布的为准，"
                + "或拨打{hotline}咨询。") String localNotCovered,
        @DefaultValue("0.6") double minConfidence,
        @DefaultValue("0.9") double ruleVeto) {

    public ServiceGuidanceProperties {
        if (!(minConfidence > 0 && minConfidence <= 1 && ruleVeto > 0 && ruleVeto <= 1)) {
            throw new IllegalArgumentException("govassist.chat.service.min-confidence and rule-veto must be in (0, 1]");
        }
        for (var e : Map.of("hotline", hotline, "portal", portal, "case-status", caseStatus, "account", account,
                "real-time", realTime, "act-for-me", actForMe, "handoff", handoff,
                "local-not-covered", localNotCovered).entrySet()) {
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new IllegalArgumentException("govassist.chat.service." + e.getKey() + " must not be blank");
            }
        }
    }

    /** The guidance for a question of this intent, placeholders filled, with the offer of a person. */
    String guidance(ServiceIntent intent) {
        String text = switch (intent) {
            case CASE_STATUS -> caseStatus;
            case PERSONAL_ACCOUNT -> account;
            case REAL_TIME -> realTime;
            case ACT_FOR_ME -> actForMe;
        };
        return fill(text) + "\n" + fill(handoff);
    }

    /** The notice for a place the cited texts do not cover. */
    public String localNotice(String place) {
        return fill(localNotCovered).replace("{place}", place);
    }

    private String fill(String text) {
        return text.replace("{hotline}", hotline).replace("{portal}", portal);
    }
}
