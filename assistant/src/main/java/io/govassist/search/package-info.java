/**
 * Clause search: {@code HybridClauseRetriever} (a LangChain4j {@code ContentRetriever}) fusing dense and lexical
 * rankings with the statute, named-document and relevance rankings, and {@code POST /api/v1/search}. Settings and the
 * measurements behind them: {@code SearchQualityProperties}, {@code docs/quality.md}. A request's knowledge base
 * becomes a store filter through {@code knowledge}.
 */
package io.govassist.search;
