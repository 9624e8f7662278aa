package io.govassist.security.apikeys;

import java.time.Instant;
import java.util.Objects;

/**
 * An API key of another portal, as stored: never the key itself, only its display prefix.
 *
 * @param id                stable id used by the admin API ({@code key_…})
 * @param name              what the admin called it (usually the portal)
 * @param prefix            the first characters of the key, to recognise it in lists
 * @param requestsPerMinute request budget per minute
 * @param tokensPerMinute   token budget per minute (model tokenizer)
 * @param createdAt         creation time
 * @param lastUsedAt        last successful authentication, recorded at most about once a minute; {@code null} if never
 * @param revokedAt         revocation time, {@code null} while the key is active
 */
public record ApiKey(String id, String name, String prefix, long requestsPerMinute, long tokensPerMinute,
                     Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public ApiKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(createdAt, "createdAt");
        if (requestsPerMinute < 1 || tokensPerMinute < 1) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
    }

    public boolean active() {
        return revokedAt == null;
    }
}
