package io.govassist.security.users;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The lockout's counting on H2 in PostgreSQL mode with the real migrations and a settable clock. */
class LoginLockoutTest {

    Instant now = Instant.parse("2026-03-01T08:00:00Z");
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    @TempDir
    Path dir;
    JdbcClient jdbc;
    LoginLockout lockout;

    @BeforeEach
    void database() {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
                "jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        jdbc = JdbcClient.create(dataSource);
        jdbc.sql("INSERT INTO app_user (username, password_hash, role) VALUES (?, ?, ?)")
                .params("wangfang", "{noop}x", "STAFF").update();
        lockout = new LoginLockout(jdbc, new LoginProperties(3, Duration.ofMinutes(15), Duration.ofMinutes(10)), clock);
    }

    @Test
    void repeated_failures_lock_the_account_until_the_lock_expires() {
        lockout.recordFailure("wangfang");
        lockout.recordFailure("WangFang ");
        assertThat(lockout.isLocked("wangfang")).isFalse();
        lockout.recordFailure("wangfang");
        assertThat(lockout.isLocked("wangfang")).isTrue();

        now = now.plus(Duration.ofMinutes(9));
        assertThat(lockout.isLocked("wangfang")).isTrue();
        now = now.plus(Duration.ofMinutes(2));
        assertThat(lockout.isLocked("wangfang")).isFalse();
        lockout.recordFailure("wangfang");
        assertThat(lockout.isLocked("wangfang")).as("the count started again after the lock").isFalse();
    }

    @Test
    void failures_older_than_the_window_are_forgotten() {
        lockout.recordFailure("wangfang");
        lockout.recordFailure("wangfang");
        now = now.plus(Duration.ofMinutes(16));
        lockout.recordFailure("wangfang");
        assertThat(lockout.isLocked("wangfang")).isFalse();
        lockout.recordFailure("wangfang");
        lockout.recordFailure("wangfang");
        assertThat(lockout.isLocked("wangfang")).isTrue();
    }

    @Test
    void unknown_names_are_not_stored() {
        for (int i = 0; i < 5; i++) {
            lockout.recordFailure("no-such-user-" + i);
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_failure").query(Long.class).single()).isZero();
    }
}
