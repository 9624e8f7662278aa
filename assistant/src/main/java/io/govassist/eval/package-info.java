/**
 * Offline commands that measure the assistant, each a {@code cli}-profile runner beside {@code EvalCommand}:
 * retrieval quality ({@code eval}: hit@k, recall@k, MRR, latency, misses and recall plots), answer quality
 * ({@code chat-eval}, {@link io.govassist.eval.ChatQualityEval}), service-question redirection ({@code service-eval}),
 * safety against adversarial prompts ({@code safety-eval}, with the fake LLM {@code AdversarialLlm}), refusal
 * calibration ({@code calibrate-refusal}) and the chat benchmark ({@code chat-benchmark}). Not on the request path.
 * May use {@code chat}, {@code search}, {@code store}, {@code words} and {@code system} ({@code EvalCommand} is a
 * {@code system.CliCommand}, so {@code system} does not use this package); nothing on the request path uses this
 * package.
 */
package io.govassist.eval;
