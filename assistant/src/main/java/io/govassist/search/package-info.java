/**
 * Clause search: {@code HybridClauseRetriever} (a LangChain4j {@code ContentRetriever}) fusing dense and lexical
 * rankings with the statute, named-document and relevance rankings, and {@code POST /api/v1/search}. Settings and the
 * measurements behind them: {@code SearchQualityProperties}, {@code docs/quality.md}.
 */
package io.govassist.search;
