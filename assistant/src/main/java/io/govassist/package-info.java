/**
 * The application's entry point only: {@code GovAssistApplication} starts the server, or runs a command-line command
 * ({@code system.CommandLine}) and exits. Every feature lives in a sub-package (see README "Architecture"); the
 * component scan starts here so that it finds them all.
 */
package io.govassist;
