package io.govassist.chat;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Citation markers {@code [n]} in answer text: which are used, and removal of those that do not resolve to a
 * citation. Full-width brackets and digits ({@code ［１］}) count as markers too and are normalised.
 */
final class CitationMarkers {

    static final Pattern MARKER = Pattern.compile("[\\[［]\\s*([0-9０-９]{1,3})\\s*[\\]］]");

    private CitationMarkers() {
    }

    /** Marker numbers in order of first appearance. */
    static Set<Integer> used(String text) {
        Set<Integer> used = new LinkedHashSet<>();
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            used.add(number(m.group(1)));
        }
        return used;
    }

    /** {@code text} with markers normalised to {@code [n]} and those failing {@code valid} removed. */
    static String keepValid(String text, IntPredicate valid) {
        Matcher m = MARKER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            int n = number(m.group(1));
            m.appendReplacement(out, valid.test(n) ? "[" + n + "]" : "");
        }
        m.appendTail(out);
        return out.toString();
    }

    private static int number(String digits) {
        int n = 0;
        for (int i = 0; i < digits.length(); i++) {
            n = n * 10 + Character.digit(digits.charAt(i), 10);
        }
        return n;
    }

    /**
     * Filters streamed text so that only valid markers pass: text after an opening bracket is held back until it is
     * known to be a marker (then kept or dropped) or not a marker (then released as is).
     */
    static final class StreamFilter {

        private final IntPredicate valid;
        private final StringBuilder pending = new StringBuilder();

        StreamFilter(IntPredicate valid) {
            this.valid = valid;
        }

        /** Accepts the next piece of streamed text; returns what can be shown now. */
        String accept(String piece) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < piece.length(); i++) {
                char c = piece.charAt(i);
                if (pending.isEmpty()) {
                    if (c == '[' || c == '［') {
                        pending.append(c);
                    } else {
                        out.append(c);
                    }
                    continue;
                }
                pending.append(c);
                String held = pending.toString();
                if (MARKER.matcher(held).matches()) {
                    out.append(keepValid(held, valid));
                    pending.setLength(0);
                } else if (!couldBecomeMarker(held)) {
                    pending.setLength(0);
                    // the held text is not a marker: release its first character and re-scan the rest
                    out.append(held.charAt(0));
                    out.append(accept(held.substring(1)));
                }
            }
            return out.toString();
        }

        /** Releases whatever is held back at the end of the stream. */
        String flush() {
            String rest = pending.toString();
            pending.setLength(0);
            return rest;
        }

        private static boolean couldBecomeMarker(String held) {
            return held.length() <= 7 && held.substring(1).matches("\\s*[0-9０-９]{0,3}\\s*");
        }
    }
}
