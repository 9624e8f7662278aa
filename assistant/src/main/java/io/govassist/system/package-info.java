/**
 * The application's frame: settings ({@code GovAssistProperties}), store and pipeline wiring, the startup import
 * and readiness, the command line (ingest, migrate, reindex, check, coverage, benchmarks), error responses.
 */
package io.govassist.system;
