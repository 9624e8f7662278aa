package io.govassist;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small helpers of the command-line tests: bundled resources as files, captured UTF-8 output. */
public final class CommandTestSupport {

    private CommandTestSupport() {
    }

    /** A print stream writing UTF-8 into {@code buffer}. */
    public static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    /** Copies a classpath resource (e.g. {@code /demo-corpus/…}) to {@code target}, creating its directories. */
    public static void copy(String resource, Path target) throws IOException {
        try (InputStream in = CommandTestSupport.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no resource " + resource);
            }
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.copy(in, target);
        }
    }
}
