package io.govassist.security.apikeys;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The API key store against a freshly migrated database; subclasses bring H2 and PostgreSQL. */
abstract class ApiKeyStoreContract {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T08:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };

    protected JdbcClient jdbc;
    private ApiKeyStore store;

    /** A JdbcClient on an empty, Flyway-migrated database. */
    protected abstract JdbcClient migratedDatabase();

    @BeforeEach
    void open() {
        jdbc = migratedDatabase();
        store = new ApiKeyStore(jdbc, clock);
    }

    @Test
    void created_key_authenticates_and_only_its_hash_is_stored() {
        ApiKeyStore.CreatedKey created = store.create("成都市政务网", 60, 10_000);
        assertThat(created.plaintext()).startsWith("ga-").hasSize(46);
        assertThat(created.key().prefix()).isEqualTo(created.plaintext().substring(0, 9));

        ApiKey found = store.authenticate(created.plaintext()).orElseThrow();
        assertThat(found.id()).isEqualTo(created.key().id());
        assertThat(found.name()).isEqualTo("成都市政务网");
        assertThat(found.requestsPerMinute()).isEqualTo(60);
        assertThat(found.tokensPerMinute()).isEqualTo(10_000);
        assertThat(found.createdAt()).isEqualTo(now.get());

        List<Map<String, Object>> rows = jdbc.sql("SELECT * FROM api_key").query().listOfRows();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).values()).noneMatch(v -> v != null && v.toString().contains(created.plaintext()));
        assertThat(rows.get(0).get("key_hash")).isEqualTo(ApiKeyStore.hash(created.plaintext()));
    }

    @Test
    void wrong_or_malformed_keys_do_not_authenticate() {
        ApiKeyStore.CreatedKey created = store.create("a", 1, 1);
        String key = created.plaintext();
        assertThat(store.authenticate(key.substring(0, key.length() - 1) + (key.endsWith("A") ? "B" : "A"))).isEmpty();
        assertThat(store.authenticate(key.substring(3))).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
        assertThat(store.authenticate(null)).isEmpty();
    }

    @Test
    void every_key_is_different() {
        assertThat(store.create("a", 1, 1).plaintext()).isNotEqualTo(store.create("a", 1, 1).plaintext());
        assertThat(store.list()).extracting(ApiKey::id).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void revoked_key_stops_authenticating_but_stays_listed() {
        ApiKeyStore.CreatedKey created = store.create("b", 1, 1);
        now.set(now.get().plusSeconds(5));
        assertThat(store.revoke(created.key().id())).isTrue();
        assertThat(store.revoke(created.key().id())).as("already revoked").isFalse();
        assertThat(store.revoke("key_nonexistent")).isFalse();
        assertThat(store.authenticate(created.plaintext())).isEmpty();
        ApiKey listed = store.list().get(0);
        assertThat(listed.active()).isFalse();
        assertThat(listed.revokedAt()).isEqualTo(now.get());
    }

    @Test
    void last_use_is_written_at_most_once_a_minute() {
        ApiKeyStore.CreatedKey created = store.create("c", 1, 1);
        Instant first = now.get().plusSeconds(1);
        now.set(first);
        store.recordUse(store.authenticate(created.plaintext()).orElseThrow());
        assertThat(store.find(created.key().id()).orElseThrow().lastUsedAt()).isEqualTo(first);

        now.set(first.plusSeconds(30));
        store.recordUse(store.authenticate(created.plaintext()).orElseThrow());
        // a stale copy read before the first write does not overwrite it either
        store.recordUse(created.key());
        assertThat(store.find(created.key().id()).orElseThrow().lastUsedAt()).isEqualTo(first);

        Instant later = first.plus(Duration.ofSeconds(61));
        now.set(later);
        store.recordUse(store.authenticate(created.plaintext()).orElseThrow());
        assertThat(store.find(created.key().id()).orElseThrow().lastUsedAt()).isEqualTo(later);
    }

    @Test
    void list_is_newest_first() {
        store.create("old", 1, 1);
        now.set(now.get().plusSeconds(1));
        store.create("new", 1, 1);
        assertThat(store.list()).extracting(ApiKey::name).containsExactly("new", "old");
    }
}
