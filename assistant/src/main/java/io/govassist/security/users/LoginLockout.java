package io.govassist.security.users;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

/**
 * Locks a user after {@link LoginProperties#maxFailures()} wrong passwords within the failure window, for the lock
 * duration. Counts live in the database (table {@code login_failure}) so that replicas agree. Only existing users
 * are counted; the refusal looks the same as a wrong password, so lockout reveals nothing about which names exist.
 */
public class LoginLockout {

    private final JdbcClient jdbc;
    private final LoginProperties properties;
    private final Clock clock;

    public LoginLockout(JdbcClient jdbc, LoginProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Whether {@code username} may not log in now. */
    boolean isLocked(String username) {
        Instant now = clock.instant();
        return jdbc.sql("SELECT locked_until FROM login_failure WHERE username = ?").param(DatabaseUserDetailsService.normalize(username))
                .query(Timestamp.class).optional()
                .map(until -> until.toInstant().isAfter(now)).orElse(false);
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        recordFailure(String.valueOf(event.getAuthentication().getPrincipal()));
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        jdbc.sql("DELETE FROM login_failure WHERE username = ?").param(DatabaseUserDetailsService.normalize(event.getAuthentication().getName()))
                .update();
    }

    void recordFailure(String username) {
        String name = DatabaseUserDetailsService.normalize(username);
        boolean exists = jdbc.sql("SELECT COUNT(*) FROM app_user WHERE username = ?").param(name)
                .query(Long.class).single() > 0;
        if (!exists) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp forgetBefore = Timestamp.from(clock.instant().minus(properties.failureWindow()));
        if (increment(name, now, forgetBefore) == 0) {
            try {
                jdbc.sql("INSERT INTO login_failure (username, failures, last_failure_at) VALUES (?, 1, ?)")
                        .params(name, now).update();
            } catch (DuplicateKeyException concurrent) {
                increment(name, now, forgetBefore);
            }
        }
        Timestamp until = Timestamp.from(clock.instant().plus(properties.lockDuration()));
        jdbc.sql("UPDATE login_failure SET failures = 0, locked_until = ? WHERE username = ? AND failures >= ?")
                .params(until, name, properties.maxFailures()).update();
    }

    private int increment(String name, Timestamp now, Timestamp forgetBefore) {
        return jdbc.sql("""
                        UPDATE login_failure
                        SET failures = CASE WHEN last_failure_at < ? THEN 1 ELSE failures + 1 END, last_failure_at = ?
                        WHERE username = ?""")
                .params(forgetBefore, now, name).update();
    }
}
