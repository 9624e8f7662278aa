package io.govassist.eval;

import org.springframework.boot.ApplicationArguments;

import java.util.List;
import java.util.Optional;

/**
 * Option values of the offline commands ({@code eval}, {@code training-pairs}): {@code --name value} or
 * {@code --name=value}; Spring settings ({@code --govassist.…=…}, a dot in the name) are not theirs and are skipped.
 */
public final class CommandArguments {

    private CommandArguments() {
    }

    /**
     * The arguments after {@code command} as typed (options with their values, settings included), when the command
     * line runs that command; empty otherwise.
     */
    public static Optional<List<String>> of(ApplicationArguments args, String command) {
        List<String> words = args.getNonOptionArgs();
        if (words.isEmpty() || !command.equals(words.getFirst())) {
            return Optional.empty();
        }
        List<String> raw = List.of(args.getSourceArgs());
        return Optional.of(raw.subList(raw.indexOf(command) + 1, raw.size()));
    }

    /** Whether {@code arg} is a Spring setting rather than an option of the command. */
    public static boolean isSetting(String arg) {
        int eq = arg.indexOf('=');
        return arg.startsWith("--") && eq > 0 && arg.substring(0, eq).contains(".");
    }

    /** The value after option {@code option} at index {@code i} of {@code args}. */
    public static String next(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    /** {@code value} as an integer, or an error naming the option. */
    public static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number: " + value);
        }
    }
}
