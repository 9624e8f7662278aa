package io.govassist.chat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceGuidancePropertiesTest {

    private static ServiceGuidanceProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("govassist.chat.service", ServiceGuidanceProperties.class);
    }

    @Test
    void defaults_are_pinned() {
        ServiceGuidanceProperties p = bind(Map.of());
        assertThat(p.enabled()).isTrue();
        assertThat(p.hotline()).isEqualTo("12345政务服务便民热线");
        assertThat(p.portal()).isEqualTo("当地政务服务网（网上办事大厅）或政务服务App");
        assertThat(p.handoff()).isEqualTo("如需人工帮助，可点击“转人工”留下问题，工作人员会在此回复；也可拨打{hotline}。");
        assertThat(p.caseStatus()).startsWith("您询问的是个人办件的进度或结果。");
        assertThat(p.account()).startsWith("您询问的是个人账户信息。");
        assertThat(p.realTime()).startsWith("您询问的是实时信息");
        assertThat(p.actForMe()).startsWith("我是政策问答助手，不能代您");
        assertThat(p.localNotCovered()).startsWith("已加载的政策文件中没有{place}的具体规定或标准");
    }

    @Test
    void guidance_fills_in_the_deployments_hotline_and_portal_and_offers_a_person() {
        ServiceGuidanceProperties p = bind(Map.of("govassist.chat.service.hotline", "12345市民服务热线",
                "govassist.chat.service.portal", "天府通办"));
        String text = p.guidance(ServiceIntent.CASE_STATUS);
        assertThat(text).contains("天府通办").contains("12345市民服务热线").doesNotContain("{");
        assertThat(text.lines().toList().getLast()).endsWith("也可拨打12345市民服务热线。");
        assertThat(p.localNotice("成都")).startsWith("已加载的政策文件中没有成都的具体规定或标准").doesNotContain("{");
    }

    @Test
    void a_blank_text_is_refused_with_its_setting_named() {
        assertThatThrownBy(() -> bind(Map.of("govassist.chat.service.hotline", " ")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("govassist.chat.service.hotline");
    }
}
