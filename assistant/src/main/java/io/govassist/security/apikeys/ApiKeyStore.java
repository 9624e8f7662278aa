package io.govassist.security.apikeys;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * API keys in the application database (H2 file in embedded mode, PostgreSQL in pgvector mode). Keys are 256 random
 * bits, shown once; the table keeps their SHA-256 (a fast hash is enough for high-entropy secrets: nothing to
 * brute-force) so lookups are one indexed query.
 */
@Repository
public class ApiKeyStore {

    static final String KEY_PREFIX = "ga-";
    /** Last-used times are written at most this often per key, not on every request. */
    static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private static final String COLUMNS = "id, name, key_prefix, requests_per_minute, tokens_per_minute, created_at, "
            + "last_used_at, revoked_at";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    @Autowired
    ApiKeyStore(JdbcClient jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    ApiKeyStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new key with the plaintext that is shown once. */
    record CreatedKey(ApiKey key, String plaintext) {
    }

    CreatedKey create(String name, long requestsPerMinute, long tokensPerMinute) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String plaintext = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] idBytes = new byte[9];
        random.nextBytes(idBytes);
        String id = "key_" + Base64.getUrlEncoder().withoutPadding().encodeToString(idBytes);
        Instant now = now();
        ApiKey key = new ApiKey(id, name, plaintext.substring(0, KEY_PREFIX.length() + 6), requestsPerMinute,
                tokensPerMinute, now, null, null);
        jdbc.sql("INSERT INTO api_key (id, name, key_hash, key_prefix, requests_per_minute, tokens_per_minute, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(id, name, hash(plaintext), key.prefix(), requestsPerMinute, tokensPerMinute, utc(now))
                .update();
        return new CreatedKey(key, plaintext);
    }

    /** All keys, newest first, revoked ones included. */
    List<ApiKey> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key ORDER BY created_at DESC, id").query(ApiKeyStore::row).list();
    }

    Optional<ApiKey> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE id = ?").param(id).query(ApiKeyStore::row).optional();
    }

    /** Revokes an active key; false if there is no such active key. */
    boolean revoke(String id) {
        return jdbc.sql("UPDATE api_key SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(utc(now()), id).update() == 1;
    }

    /** The active key with this plaintext, if any. */
    Optional<ApiKey> authenticate(String plaintext) {
        if (plaintext == null || !plaintext.startsWith(KEY_PREFIX) || plaintext.length() > 100) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_key WHERE key_hash = ? AND revoked_at IS NULL")
                .param(hash(plaintext)).query(ApiKeyStore::row).optional();
    }

    /**
     * Records that the key was used now, unless its stored last-used time is already recent; the conditional update
     * keeps concurrent requests (and replicas) from writing more than about once a minute per key.
     */
    void recordUse(ApiKey key) {
        Instant now = now();
        if (key.lastUsedAt() != null && key.lastUsedAt().isAfter(now.minus(LAST_USED_RESOLUTION))) {
            return;
        }
        jdbc.sql("UPDATE api_key SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")
                .params(utc(now), key.id(), utc(now.minus(LAST_USED_RESOLUTION))).update();
    }

    static String hash(String plaintext) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private Instant now() {
        return clock.instant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static ApiKey row(ResultSet rs, int rowNum) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("key_prefix"),
                rs.getLong("requests_per_minute"), rs.getLong("tokens_per_minute"), instant(rs, "created_at"),
                instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }
}
