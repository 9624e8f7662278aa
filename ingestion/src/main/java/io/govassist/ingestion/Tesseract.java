package io.govassist.ingestion;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Whether the {@code tesseract} command (on the PATH, where Tika's OCR parser looks for it) is installed with the
 * languages asked for; asked once per language set ({@code tesseract --list-langs}) and remembered.
 */
final class Tesseract {

    private static final ConcurrentHashMap<String, Boolean> AVAILABLE = new ConcurrentHashMap<>();

    private Tesseract() {
    }

    /** @param language {@code +}-joined language codes, e.g. {@code chi_sim+eng} */
    static boolean available(String language) {
        return AVAILABLE.computeIfAbsent(language, Tesseract::probe);
    }

    private static boolean probe(String language) {
        try {
            Process process = new ProcessBuilder("tesseract", "--list-langs").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return false;
            }
            Set<String> installed = output.lines().map(String::strip).collect(Collectors.toSet());
            return Arrays.stream(language.split("\\+")).allMatch(installed::contains);
        } catch (IOException e) {
            return false; // not installed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
