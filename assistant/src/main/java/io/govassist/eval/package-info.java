/**
 * Offline retrieval evaluation ({@code eval} command): question sets with gold clauses, hit@k, recall@k, MRR,
 * latency, misses and recall plots. Not on the request path.
 */
package io.govassist.eval;
