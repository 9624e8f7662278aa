package io.govassist.security.users;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A console user as listed to administrators (never with the password hash).
 *
 * @param username    login name, lower case, 2–64 letters, digits, {@code . _ @ -}
 * @param displayName name shown in the console, or {@code null}
 * @param role        STAFF or ADMIN
 * @param enabled     whether the user may log in
 * @param createdAt   when the user was created
 * @param createdBy   the administrator who created the user, or {@code null} for the bootstrap admin
 */
record AppUser(String username, String displayName, UserRole role, boolean enabled, Instant createdAt,
               String createdBy) {

    static final Pattern USERNAME = Pattern.compile("[\\p{L}\\p{N}._@-]{2,64}");

    AppUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("invalid username: " + username);
        }
    }
}
