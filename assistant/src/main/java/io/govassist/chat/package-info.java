/**
 * The chat: a question of a conversation answered from the loaded clauses with [n] citations (POST /api/v1/chat and
 * its SSE stream). The answer pipeline is LangChain4j's RAG: {@code ConversationQueryTransformer} →
 * {@code ConversationClauseRetriever} (over {@code search}) → {@code ThresholdContentAggregator} →
 * {@code CitationContentInjector}, then the extractive composer or the LLM ({@code ChatResponder}). Before retrieval:
 * the prompt-injection and harmful-intent guards and the service intents (own case, account, real time, requests
 * to act: guidance instead of quotes), then a matching curated answer
 * ({@code curated}: 常见问题 reviewed by staff). Conversations live in the application database. Only the request path lives
 * here; the chat's offline commands are in {@code eval} (measuring) and {@code training} (training). Uses
 * {@code search}, {@code store}, {@code curated}, {@code knowledge} (a request's knowledge-base scope),
 * {@code security.privacy} (masking), {@code words}; never {@code eval} or {@code training}.
 */
package io.govassist.chat;
