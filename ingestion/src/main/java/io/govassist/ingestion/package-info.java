/**
 * From a file to cited clauses: Tika parsing, normalisation, the policy structure parser (一、（一）1. 第X条 …,
 * metadata: title, 文号, issuer, date, status, responsible units), clause-aware splitting, embedding and the
 * ingestion pipeline. Plain Java, no Spring.
 */
package io.govassist.ingestion;
