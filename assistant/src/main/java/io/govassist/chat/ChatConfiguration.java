package io.govassist.chat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.RetrievalAugmentor;
import io.govassist.curated.CuratedAnswers;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.search.HybridClauseRetriever;
import io.govassist.store.ClauseStore;
import io.govassist.words.SensitiveWords;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Wires the chat: the retrieval augmentation assembled once from LangChain4j's RAG pieces
 * ({@link ConversationQueryTransformer} → {@link ConversationClauseRetriever} (over {@link HybridClauseRetriever})
 * → {@link ThresholdContentAggregator} → {@link CitationContentInjector}), the answerers, and the optional LLM.
 */
@Configuration(proxyBeanMethods = false)
public class ChatConfiguration {

    @Bean
    RetrievalAugmentor chatRetrievalAugmentor(HybridClauseRetriever retriever, ClauseStore store, ChatProperties chat,
                                              LlmProperties llm) {
        ChatModel condenser = llm.enabled() && llm.condenseFollowUps() ? chatModel(llm) : null;
        return DefaultRetrievalAugmentor.builder()
                .queryTransformer(new ConversationQueryTransformer(condenser))
                .contentRetriever(new ConversationClauseRetriever(retriever, store, chat.candidates()))
                .contentAggregator(new ThresholdContentAggregator(chat.minRelevance(), chat.lexicalWeight(),
                        chat.maxClauses()))
                .contentInjector(new CitationContentInjector())
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    @Bean
    ChatResponder chatResponder(RetrievalAugmentor chatRetrievalAugmentor, ConversationRepository conversations,
                                ClauseStore store, ChatProperties chat, LlmProperties llm, SensitiveWords words,
                                ServiceGuidanceProperties service, ServiceIntentDetector serviceIntents,
                                CuratedAnswers curatedAnswers) {
        GenerativeAnswerer generative = llm.enabled()
                ? new GenerativeAnswerer(streamingChatModel(llm), llm.firstTokenTimeout(), llm.timeout()) : null;
        return new ChatResponder(chatRetrievalAugmentor, conversations,
                new ExtractiveAnswerComposer(chat.maxCitations()), generative, store, chat, words, service, serviceIntents,
                curatedAnswers);
    }

    @Bean
    ServiceIntentDetector serviceIntentDetector(QueryAwareEmbeddingModel model, ServiceGuidanceProperties service,
                                                JsonMapper json) {
        return new ServiceIntentDetector(model, ServiceIntentClassifier.bundled(model.modelId(), json).orElse(null),
                service);
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService chatHeartbeats() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("chat-heartbeat").daemon(true)
                .factory());
    }

    public static StreamingChatModel streamingChatModel(LlmProperties llm) {
        return switch (llm.provider()) {
            case OPENAI -> OpenAiStreamingChatModel.builder()
                    .baseUrl(llm.effectiveBaseUrl())
                    .apiKey(llm.apiKey())
                    .modelName(llm.model())
                    .temperature(llm.temperature())
                    .maxTokens(llm.maxTokens())
                    .timeout(llm.firstTokenTimeout())
                    .build();
            case OLLAMA -> OllamaStreamingChatModel.builder()
                    .baseUrl(llm.effectiveBaseUrl())
                    .modelName(llm.model())
                    .temperature(llm.temperature())
                    .numPredict(llm.maxTokens())
                    .timeout(llm.firstTokenTimeout())
                    .build();
            case NONE -> throw new IllegalStateException("no LLM configured");
        };
    }

    static ChatModel chatModel(LlmProperties llm) {
        return switch (llm.provider()) {
            case OPENAI -> OpenAiChatModel.builder()
                    .baseUrl(llm.effectiveBaseUrl())
                    .apiKey(llm.apiKey())
                    .modelName(llm.model())
                    .temperature(0.0)
                    .maxTokens(200)
                    .timeout(llm.firstTokenTimeout())
                    .maxRetries(0)
                    .build();
            case OLLAMA -> OllamaChatModel.builder()
                    .baseUrl(llm.effectiveBaseUrl())
                    .modelName(llm.model())
                    .temperature(0.0)
                    .numPredict(200)
                    .timeout(llm.firstTokenTimeout())
                    .maxRetries(0)
                    .build();
            case NONE -> throw new IllegalStateException("no LLM configured");
        };
    }
}
