/**
 * Offline tooling for the retrieval models trained in {@code models/training}: turning question sets with gold
 * clauses into training examples mined from the configured index. Command-line only ({@code cli} profile); nothing
 * here is on the request path. May use the search, eval and store packages.
 */
package io.govassist.training;
