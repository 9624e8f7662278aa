/**
 * Local models on ONNX Runtime, no network: the bundled embedding models (govassist-embed-zh-2 by default, the earlier govassist-embed-zh-1,
 * bge-small-zh-v1.5) behind LangChain4j's {@code EmbeddingModel}, and a cross-encoder {@code ScoringModel}.
 */
package io.govassist.models;
