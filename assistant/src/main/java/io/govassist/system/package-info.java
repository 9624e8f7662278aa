/**
 * The application's frame: settings ({@code GovAssistProperties}), store and pipeline wiring, the startup import
 * and readiness, the command line (ingest, migrate, reindex, check, coverage, benchmarks), error responses. Does not
 * use {@code knowledge} (which uses this package): imports reach knowledge bases through {@link ImportKnowledgeBases}.
 * Nor {@code eval} or {@code training} (which use it): their commands are {@link CliCommand} beans that
 * {@link CommandLine} finds by name.
 */
package io.govassist.system;
