package io.govassist.chat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The optional LLM for generative answers (prefix {@code govassist.llm}). With {@code provider=none} (the default)
 * answers are extractive and no LLM is contacted.
 *
 * @param provider          {@code none}, {@code openai} (any OpenAI-compatible chat-completions endpoint: DeepSeek,
 *                          DashScope compatible mode, vLLM, Xinference, llama.cpp server …) or {@code ollama}
 * @param baseUrl           the endpoint, e.g. {@code https://api.deepseek.com/v1}; defaults to OpenAI's for
 *                          {@code openai} and {@code http://localhost:11434} for {@code ollama}
 * @param model             the model name, required unless {@code provider=none}
 * @param apiKey            the API key; set it through the environment ({@code GOVASSIST_LLM_API_KEY})
 * @param temperature       sampling temperature
 * @param maxTokens         longest answer, in tokens
 * @param firstTokenTimeout longest wait for the first piece of the answer (also the HTTP connect/response timeout)
 * @param timeout           longest time for a whole answer; after either timeout the answer falls back to
 *                          extractive mode with a notice
 * @param condenseFollowUps whether follow-up questions are rewritten into standalone ones by the LLM (otherwise,
 *                          and when that fails, the deterministic carry-over of extractive mode is used)
 */
@ConfigurationProperties("govassist.llm")
public record LlmProperties(@DefaultValue("none") Provider provider,
                     String baseUrl,
                     String model,
                     String apiKey,
                     @DefaultValue("0.1") double temperature,
                     @DefaultValue("1024") int maxTokens,
                     @DefaultValue("20s") Duration firstTokenTimeout,
                     @DefaultValue("90s") Duration timeout,
                     @DefaultValue("true") boolean condenseFollowUps) {

    public enum Provider { NONE, OPENAI, OLLAMA }

    public LlmProperties {
        if (provider != Provider.NONE && (model == null || model.isBlank())) {
            throw new IllegalArgumentException("govassist.llm.model must be set when govassist.llm.provider="
                    + provider.name().toLowerCase(java.util.Locale.ROOT));
        }
        if (maxTokens < 1 || firstTokenTimeout.isNegative() || firstTokenTimeout.isZero() || timeout.isNegative()
                || timeout.isZero()) {
            throw new IllegalArgumentException("govassist.llm.max-tokens and timeouts must be positive");
        }
    }

    boolean enabled() {
        return provider != Provider.NONE;
    }

    String effectiveBaseUrl() {
        if (baseUrl != null && !baseUrl.isBlank()) {
            return baseUrl.strip();
        }
        return provider == Provider.OLLAMA ? "http://localhost:11434" : "https://api.openai.com/v1";
    }
}
