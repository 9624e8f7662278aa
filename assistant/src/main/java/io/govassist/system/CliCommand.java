package io.govassist.system;

import java.io.PrintStream;
import java.util.List;

/**
 * A command of the command line that lives in a package using this one ({@code eval}, {@code training}): a
 * {@code cli}-profile bean that {@link CommandLine} finds by its {@link #name()} and runs with the raw arguments after
 * that word, so that {@code system} does not depend on those packages.
 */
public interface CliCommand {

    /** The first program argument that runs this command, e.g. {@code eval}; one of {@link CommandLine}'s commands. */
    String name();

    /** Runs the command with the raw arguments after {@link #name()}; returns the process exit code. */
    int run(List<String> args, PrintStream out, PrintStream err);
}
