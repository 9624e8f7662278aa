package io.govassist.words;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sensitive-word list applied to questions and answers: the bundled default list plus the words the admin adds
 * (table {@code sensitive_word}, shared by every replica). The compiled matcher is cached; at most once per
 * {@code refresh-interval} a request checks the table's fingerprint ({@code COUNT}, {@code MAX(id)}) and rebuilds the
 * matcher when another replica changed it. Changes made here take effect at once on this replica.
 */
public class SensitiveWords {

    private static final Logger log = LoggerFactory.getLogger(SensitiveWords.class);
    static final String BUNDLED_RESOURCE = "/words/default-sensitive-words.txt";
    static final int MAX_WORD_LENGTH = 50;

    /** A word added by the admin. */
    public record Entry(long id, String word, Instant createdAt, String createdBy) {
    }

    private record State(AhoCorasick matcher, String fingerprint, long checkedAtNanos) {
    }

    private final JdbcClient jdbc;
    private final SensitiveWordProperties settings;
    private final Clock clock;
    private final List<String> bundled;
    private volatile State state;

    SensitiveWords(JdbcClient jdbc, SensitiveWordProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.bundled = settings.bundled() ? readBundled() : List.of();
    }

    /** The bundled default list, one word an entry, comments dropped. */
    static List<String> readBundled() {
        List<String> words = new ArrayList<>();
        try (InputStream in = SensitiveWords.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED_RESOURCE + " is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(words);
    }

    /** Whether the filter is on. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** The current matcher (empty when the filter is off), refreshed from the database when it is due. */
    public AhoCorasick matcher() {
        if (!settings.enabled()) {
            return EMPTY;
        }
        State s = state;
        long now = System.nanoTime();
        if (s == null || now - s.checkedAtNanos() >= settings.refreshInterval().toNanos()) {
            s = refresh(false);
        }
        return s.matcher();
    }

    private static final AhoCorasick EMPTY = AhoCorasick.of(List.of());

    /** Whether {@code text} contains a listed word. */
    public boolean contains(CharSequence text) {
        return matcher().matches(text);
    }

    private synchronized State refresh(boolean force) {
        State s = state;
        long now = System.nanoTime();
        if (!force && s != null && now - s.checkedAtNanos() < settings.refreshInterval().toNanos()) {
            return s;
        }
        try {
            String fingerprint = jdbc.sql("SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS m FROM sensitive_word")
                    .query((rs, n) -> rs.getLong("n") + ":" + rs.getLong("m")).single();
            if (s == null || !fingerprint.equals(s.fingerprint())) {
                List<String> words = new ArrayList<>(bundled);
                custom().forEach(e -> words.add(e.word()));
                AhoCorasick matcher = AhoCorasick.of(words);
                log.info("Sensitive words: {} in the matcher ({} bundled)", matcher.size(), bundled.size());
                s = new State(matcher, fingerprint, now);
            } else {
                s = new State(s.matcher(), fingerprint, now);
            }
        } catch (RuntimeException e) {
            if (s == null) {
                throw e;
            }
            log.warn("Could not check the sensitive-word list for changes; keeping the current one: {}",
                    e.getMessage());
            s = new State(s.matcher(), s.fingerprint(), now);
        }
        state = s;
        return s;
    }

    /** The bundled words that apply ({@code govassist.sensitive-words.bundled}). */
    public List<String> bundled() {
        return bundled;
    }

    /** The admin's words, oldest first. */
    public List<Entry> custom() {
        return jdbc.sql("SELECT id, word, created_at, created_by FROM sensitive_word ORDER BY id")
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("word"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    /** Outcome of {@link #add}. */
    sealed interface Added {
        record Created(Entry entry) implements Added {
        }

        /** Already listed (bundled or added), in the same folded form. */
        record Exists() implements Added {
        }
    }

    /** Adds a word (already validated); the matcher on this replica is rebuilt at once. */
    Added add(String word, String actor) {
        String folded = AhoCorasick.fold(word);
        if (bundled.stream().anyMatch(b -> AhoCorasick.fold(b).equals(folded))) {
            return new Added.Exists();
        }
        Instant now = clock.instant();
        try {
            jdbc.sql("INSERT INTO sensitive_word (word, folded, created_at, created_by) VALUES (?, ?, ?, ?)")
                    .params(word, folded, Timestamp.from(now), actor).update();
        } catch (DuplicateKeyException e) {
            return new Added.Exists();
        }
        Entry entry = jdbc.sql("SELECT id, word, created_at, created_by FROM sensitive_word WHERE folded = ?")
                .param(folded)
                .query((rs, n) -> new Entry(rs.getLong("id"), rs.getString("word"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .single();
        refresh(true);
        return new Added.Created(entry);
    }

    /** Removes an added word; empty if there is no such id. */
    Optional<Entry> remove(long id) {
        Optional<Entry> entry = custom().stream().filter(e -> e.id() == id).findFirst();
        if (entry.isPresent()) {
            int removed = jdbc.sql("DELETE FROM sensitive_word WHERE id = ?").param(id).update();
            refresh(true);
            if (removed == 0) {
                return Optional.empty();
            }
        }
        return entry;
    }
}
