package io.govassist.chat;

import io.govassist.words.AhoCorasick;

import java.util.function.Consumer;

/**
 * Checks a streamed answer for sensitive words before it is shown: text is passed on only up to the point where no
 * listed word can still begin ({@link AhoCorasick.Scanner#safeUntil()}), so a word split across deltas is held back
 * until it is complete and caught. After a hit nothing more is passed on.
 */
final class OutputWindow {

    private final AhoCorasick.Scanner scanner;
    private final Consumer<String> out;
    private final StringBuilder pending = new StringBuilder();
    private long pendingStart;
    private boolean hit;

    OutputWindow(AhoCorasick matcher, Consumer<String> out) {
        this.scanner = matcher.scanner();
        this.out = out;
    }

    /** Takes the next piece; {@code false} once a listed word has appeared (the piece is not shown). */
    boolean accept(String text) {
        if (hit) {
            return false;
        }
        if (!scanner.feed(text).isEmpty()) {
            hit = true;
            pending.setLength(0);
            return false;
        }
        pending.append(text);
        int release = (int) (scanner.safeUntil() - pendingStart);
        if (release > 0) {
            out.accept(pending.substring(0, release));
            pending.delete(0, release);
            pendingStart += release;
        }
        return true;
    }

    /** Passes on what is still held back (the answer is complete and clean). */
    void finish() {
        if (!hit && !pending.isEmpty()) {
            out.accept(pending.toString());
            pendingStart += pending.length();
            pending.setLength(0);
        }
    }

    boolean hit() {
        return hit;
    }
}
