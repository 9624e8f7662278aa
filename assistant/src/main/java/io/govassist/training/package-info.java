/**
 * Offline commands that produce training data or train models: {@code training-pairs} turns question sets with gold
 * clauses into training examples for {@code models/training} ({@link io.govassist.training.TrainingPairsCommand}),
 * and {@code train-service-intents} fits the service-intent classifier bundled with the chat
 * ({@link io.govassist.training.ServiceIntentTraining}). Command-line only ({@code cli} profile); nothing here is on
 * the request path. May use the chat, search, eval, store and system packages (its command is a
 * {@code system.CliCommand}).
 */
package io.govassist.training;
