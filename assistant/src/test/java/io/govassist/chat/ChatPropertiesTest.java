package io.govassist.chat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatPropertiesTest {

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }

    @Test
    void chat_defaults_are_pinned() {
        ChatProperties p = bind("govassist.chat", ChatProperties.class, Map.of());
        assertThat(p.maxQuestionLength()).isEqualTo(1000);
        assertThat(p.candidates()).isEqualTo(10);
        assertThat(p.maxClauses()).isEqualTo(8);
        assertThat(p.maxCitations()).isEqualTo(3);
        assertThat(p.minRelevance()).isEqualTo(0.55);
        assertThat(p.lexicalWeight()).isEqualTo(0.2);
        assertThat(p.historyTurns()).isEqualTo(4);
        assertThat(p.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(p.streamTimeout()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void llm_defaults_are_pinned_and_mean_extractive_mode() {
        LlmProperties p = bind("govassist.llm", LlmProperties.class, Map.of());
        assertThat(p.provider()).isEqualTo(LlmProperties.Provider.NONE);
        assertThat(p.enabled()).isFalse();
        assertThat(p.baseUrl()).isNull();
        assertThat(p.model()).isNull();
        assertThat(p.apiKey()).isNull();
        assertThat(p.temperature()).isEqualTo(0.1);
        assertThat(p.maxTokens()).isEqualTo(1024);
        assertThat(p.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(p.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(p.condenseFollowUps()).isTrue();
    }

    @Test
    void binds_an_openai_compatible_endpoint_from_relaxed_names() {
        LlmProperties p = bind("govassist.llm", LlmProperties.class, Map.of("govassist.llm.provider", "openai",
                "govassist.llm.base-url", "https://api.deepseek.com/v1", "govassist.llm.model", "deepseek-chat",
                "govassist.llm.api-key", "sk-test", "govassist.llm.first-token-timeout", "5s"));
        assertThat(p.enabled()).isTrue();
        assertThat(p.effectiveBaseUrl()).isEqualTo("https://api.deepseek.com/v1");
        assertThat(p.model()).isEqualTo("deepseek-chat");
        assertThat(p.firstTokenTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void default_base_urls_follow_the_provider() {
        assertThat(bind("govassist.llm", LlmProperties.class, Map.of("govassist.llm.provider", "ollama",
                "govassist.llm.model", "qwen2.5")).effectiveBaseUrl()).isEqualTo("http://localhost:11434");
        assertThat(bind("govassist.llm", LlmProperties.class, Map.of("govassist.llm.provider", "openai",
                "govassist.llm.model", "gpt-4o-mini")).effectiveBaseUrl()).isEqualTo("https://api.openai.com/v1");
    }

    @Test
    void a_provider_without_a_model_is_rejected_at_startup() {
        assertThatThrownBy(() -> bind("govassist.llm", LlmProperties.class, Map.of("govassist.llm.provider", "openai")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("govassist.llm.model");
    }
}
