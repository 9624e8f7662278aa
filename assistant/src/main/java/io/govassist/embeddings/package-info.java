/**
 * The OpenAI-compatible embedding API for other portals ({@code /v1/embeddings}, {@code /v1/models}): API-key
 * authentication (from {@code security}), per-key rate limits, micro-batching of concurrent requests, metrics.
 */
package io.govassist.embeddings;
