package io.govassist.chat;

import io.govassist.words.AhoCorasick;

import java.util.List;
import java.util.function.Consumer;

/**
 * Checks a streamed answer before it is shown against word lists (the sensitive words, the system prompt's n-grams):
 * text is passed on only up to the point where no listed word can still begin
 * ({@link AhoCorasick.Scanner#safeUntil()}), so a word split across deltas is held back until it is complete and
 * caught. After a hit nothing more is passed on.
 */
final class OutputWindow {

    private final List<AhoCorasick.Scanner> scanners;
    private final Consumer<String> out;
    private final StringBuilder pending = new StringBuilder();
    private long pendingStart;
    private int hit = -1;

    OutputWindow(List<AhoCorasick> matchers, Consumer<String> out) {
        this.scanners = matchers.stream().map(AhoCorasick::scanner).toList();
        this.out = out;
    }

    OutputWindow(AhoCorasick matcher, Consumer<String> out) {
        this(List.of(matcher), out);
    }

    /** Takes the next piece; {@code false} once a listed word has appeared (the piece is not shown). */
    boolean accept(String text) {
        if (hit >= 0) {
            return false;
        }
        long safe = Long.MAX_VALUE;
        for (int i = 0; i < scanners.size(); i++) {
            AhoCorasick.Scanner scanner = scanners.get(i);
            if (!scanner.feed(text).isEmpty()) {
                hit = i;
                pending.setLength(0);
                return false;
            }
            safe = Math.min(safe, scanner.safeUntil());
        }
        pending.append(text);
        int release = (int) (Math.min(safe, pendingStart + pending.length()) - pendingStart);
        if (release > 0) {
            out.accept(pending.substring(0, release));
            pending.delete(0, release);
            pendingStart += release;
        }
        return true;
    }

    /** Passes on what is still held back (the answer is complete and clean). */
    void finish() {
        if (hit < 0 && !pending.isEmpty()) {
            out.accept(pending.toString());
            pendingStart += pending.length();
            pending.setLength(0);
        }
    }

    boolean hit() {
        return hit >= 0;
    }

    /** Index of the matcher that hit, -1 if none. */
    int hitBy() {
        return hit;
    }
}
