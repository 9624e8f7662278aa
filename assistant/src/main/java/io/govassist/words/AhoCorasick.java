package io.govassist.words;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * An Aho–Corasick automaton over a fixed set of words: finds every occurrence of every word (overlapping ones
 * included) in one pass over the text. Matching folds full-width ASCII to half-width and upper to lower case, and
 * skips whitespace, zero-width characters and a few separators ({@code * . - _ ·}) inside a word, so that
 * {@code "Ｆ Ｕ Ｃ Ｋ"} matches {@code "fuck"}. Immutable and thread-safe; {@link #scanner()} gives a stateful
 * scanner for text that arrives in pieces.
 */
public final class AhoCorasick {

    /** One occurrence: {@code [start, end)} in the scanned text (separators inside the word included). */
    public record Match(String word, long start, long end) {
    }

    private static final int ROOT = 0;

    private final List<Map<Character, Integer>> next = new ArrayList<>();
    private final List<Integer> fail = new ArrayList<>();
    private final List<Integer> depth = new ArrayList<>();
    /** Words ending at each state, including those reached through failure links. */
    private final List<List<String>> output = new ArrayList<>();
    private final int maxLength;
    private final int size;

    private AhoCorasick(Collection<String> words) {
        newState(0);
        Set<String> folded = new LinkedHashSet<>();
        for (String w : words) {
            String f = fold(w);
            if (!f.isEmpty()) {
                folded.add(f);
            }
        }
        int longest = 0;
        for (String word : folded) {
            int state = ROOT;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                Integer to = next.get(state).get(c);
                if (to == null) {
                    to = newState(depth.get(state) + 1);
                    next.get(state).put(c, to);
                }
                state = to;
            }
            output.get(state).add(word);
            longest = Math.max(longest, word.length());
        }
        this.maxLength = longest;
        this.size = folded.size();
        Queue<Integer> queue = new ArrayDeque<>();
        for (int child : next.get(ROOT).values()) {
            fail.set(child, ROOT);
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            for (Map.Entry<Character, Integer> e : next.get(state).entrySet()) {
                int child = e.getValue();
                int f = fail.get(state);
                while (f != ROOT && !next.get(f).containsKey(e.getKey())) {
                    f = fail.get(f);
                }
                Integer target = next.get(f).get(e.getKey());
                int link = target == null || target == child ? ROOT : target;
                fail.set(child, link);
                output.get(child).addAll(output.get(link));
                queue.add(child);
            }
        }
    }

    /** An automaton for these words (folded; blank ones and duplicates ignored). */
    public static AhoCorasick of(Collection<String> words) {
        return new AhoCorasick(words);
    }

    private int newState(int d) {
        next.add(new HashMap<>());
        fail.add(ROOT);
        depth.add(d);
        output.add(new ArrayList<>());
        return next.size() - 1;
    }

    /** Number of distinct (folded) words. */
    public int size() {
        return size;
    }

    /** Length of the longest (folded) word. */
    public int maxLength() {
        return maxLength;
    }

    /** Every occurrence in {@code text}, in order of their end. */
    public List<Match> findAll(CharSequence text) {
        Scanner s = scanner();
        return s.feed(text);
    }

    /** Whether {@code text} contains any word. */
    public boolean matches(CharSequence text) {
        return !findAll(text).isEmpty();
    }

    /** A fresh scanner for text fed in pieces; a word split across pieces is found when its last piece arrives. */
    public Scanner scanner() {
        return new Scanner();
    }

    /**
     * Folds a word or text character: full-width ASCII and the ideographic space to half-width, then lower case.
     */
    static char fold(char c) {
        if (c >= '\uFF01' && c <= '\uFF5E') {
            c = (char) (c - 0xFEE0);
        } else if (c == '\u3000') {
            c = ' ';
        }
        return Character.toLowerCase(c);
    }

    /** Characters skipped inside words (after folding). */
    static boolean ignorable(char c) {
        return Character.isWhitespace(c) || c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF'
                || c == '*' || c == '.' || c == '-' || c == '_' || c == '·';
    }

    /** The folded form of a word without ignorable characters: what the automaton stores. */
    public static String fold(String word) {
        StringBuilder b = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = fold(word.charAt(i));
            if (!ignorable(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Scans text fed piece by piece, keeping the automaton's state between pieces. Positions count from the
     * first character ever fed. Not thread-safe.
     */
    public final class Scanner {

        private int state = ROOT;
        private long position;
        /** Positions of the last {@code maxLength} non-ignorable characters, oldest first (a ring). */
        private final long[] recent = new long[Math.max(1, maxLength)];
        private long consumed;

        private Scanner() {
        }

        /** Feeds the next piece; returns the occurrences that end in it. */
        public List<Match> feed(CharSequence piece) {
            List<Match> found = List.of();
            for (int i = 0; i < piece.length(); i++, position++) {
                char c = fold(piece.charAt(i));
                if (ignorable(c)) {
                    continue;
                }
                recent[(int) (consumed % recent.length)] = position;
                consumed++;
                Integer to;
                while ((to = next.get(state).get(c)) == null && state != ROOT) {
                    state = fail.get(state);
                }
                state = to == null ? ROOT : to;
                List<String> words = output.get(state);
                if (!words.isEmpty()) {
                    if (found.isEmpty()) {
                        found = new ArrayList<>();
                    }
                    for (String w : words) {
                        found.add(new Match(w, startOf(w.length()), position + 1));
                    }
                }
            }
            return found;
        }

        /** Number of characters fed so far. */
        public long position() {
            return position;
        }

        /**
         * The position from which the text fed so far may still become part of an occurrence: the start of the
         * longest suffix that is a prefix of some word ({@link #position()} if there is none). Everything before it
         * can be shown safely.
         */
        public long safeUntil() {
            int d = depth.get(state);
            return d == 0 ? position : startOf(d);
        }

        private long startOf(int length) {
            return recent[(int) ((consumed - length) % recent.length)];
        }
    }
}
