/**
 * 转人工: a citizen hands a question to a person ({@code POST /api/v1/chat/handoff}, then polls the ticket by its
 * unguessable id); staff claim, reply and close tickets in the console ({@code /api/v1/console/handoff}). Tickets
 * live in the application database (H2 or PostgreSQL), every staff action is audited, new tickets may be posted to
 * an operator's webhook. Uses {@code security} (audit, masking) and the chat's conversation tables; nothing in the
 * answer pipeline depends on it.
 */
package io.govassist.handoff;
