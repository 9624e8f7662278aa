/**
 * Local models on ONNX Runtime, no network: the bundled embedding models (govassist-embed-zh-3 by default, the earlier
 * fine-tunes govassist-embed-zh-2 and govassist-embed-zh-1, the base bge-small-zh-v1.5) behind LangChain4j's
 * {@code EmbeddingModel}, and a cross-encoder {@code ScoringModel}.
 */
package io.govassist.models;
