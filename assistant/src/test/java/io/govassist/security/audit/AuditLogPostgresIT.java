package io.govassist.security.audit;

import io.govassist.security.limits.ClientAddressResolver;

import io.govassist.PostgresSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * On PostgreSQL the audit log is append-only in the database itself: UPDATE and DELETE fail even for the
 * application's role. Same connection settings and skipping rules as {@link ApiKeyStorePostgresIT}.
 */
class AuditLogPostgresIT {

    private static final PostgresSupport db = new PostgresSupport();

    @BeforeAll
    static void available() {
        PostgresSupport.requireAvailable();
    }

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    @Test
    void audit_events_can_be_added_and_read_but_not_changed_or_deleted() {
        JdbcClient jdbc = db.newMigratedAppSchema("audit");
        AuditLog audit = new AuditLog(jdbc, new ClientAddressResolver(List.of()), Clock.systemUTC());
        audit.record("admin", "USER_DELETE", "wangfang", AuditLog.Outcome.SUCCESS, null);
        audit.record("admin", "API_KEY_REVOKE", "key_1", AuditLog.Outcome.SUCCESS, null);
        assertThat(audit.newest(10, null)).extracting(AuditLog.Event::action).containsExactly("API_KEY_REVOKE", "USER_DELETE");

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'someone-else'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event").update()).hasMessageContaining("append-only");
        assertThat(audit.newest(10, null)).extracting(AuditLog.Event::actor).containsOnly("admin").hasSize(2);
    }
}
