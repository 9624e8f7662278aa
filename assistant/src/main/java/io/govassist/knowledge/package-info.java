/**
 * Knowledge bases (知识库): named sets of documents that a search, chat or widget is scoped to. A document may belong
 * to several; a document in none belongs to {@value KnowledgeBases#DEFAULT}. Audience {@code PUBLIC} or {@code STAFF}:
 * a STAFF knowledge base is searchable only by signed-in staff, and documents only in STAFF knowledge bases are left
 * out of every unscoped search. {@link KnowledgeBases#scope} turns a request's knowledge base into a
 * {@link io.govassist.store.ClauseFilter} (document ids or excluded document ids) that the store applies inside its
 * query. Admin API {@code /api/v1/admin/knowledge-bases} (ADMIN, audited); the widget reads a PUBLIC one's welcome
 * text and suggested questions from {@code /api/v1/knowledge-bases/{id}}. Uses {@code store},
 * {@code security.audit} and {@code system} (errors, and {@link io.govassist.system.ImportKnowledgeBases}, which
 * {@code KnowledgeBases} implements so that imports can add documents to a knowledge base).
 */
package io.govassist.knowledge;
