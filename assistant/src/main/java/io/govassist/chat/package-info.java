/**
 * The chat: a question of a conversation answered from the loaded clauses with [n] citations (POST /api/v1/chat and
 * its SSE stream). The answer pipeline is LangChain4j's RAG: {@code ConversationQueryTransformer} →
 * {@code ConversationClauseRetriever} (over {@code search}) → {@code ThresholdContentAggregator} →
 * {@code CitationContentInjector}, then the extractive composer or the LLM ({@code ChatResponder}). Before retrieval:
 * the prompt-injection and harmful-intent guards and the service intents (own case, account, real time, requests
 * to act: guidance instead of quotes), then a matching curated answer ({@code curated}: 常见问题 reviewed by staff). Conversations live in the application database. The package also still holds
 * the chat's offline tools ({@code chat-eval}, {@code service-eval}, {@code train-service-intents}, safety and refusal
 * calibration, the chat benchmark), which are not on the request path. Uses {@code search}, {@code store},
 * {@code security} (masking), {@code words}.
 */
package io.govassist.chat;
