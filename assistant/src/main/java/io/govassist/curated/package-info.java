/**
 * Curated answers, 常见问题: staff turn a reply into a question and answer resting on named clauses
 * ({@code /api/v1/console/curated}, STAFF role, every change audited); a chat question close enough to an active one
 * gets that answer first, labelled 人工审核, with its clauses cited ({@link CuratedAnswers}, asked by the chat after
 * the service-intent redirect and before retrieval). Closeness is deliberately strict ({@link CuratedAnswerMatcher}):
 * embedding cosine, the same numbers and enough shared words, thresholds measured by {@code curated-eval} (in
 * {@code eval}). Curated answers live in the application database (H2 or PostgreSQL). Uses {@code store} (clause
 * text), {@code security.audit}, {@code security.privacy} and the handoff table (prefill from a replied ticket).
 */
package io.govassist.curated;
