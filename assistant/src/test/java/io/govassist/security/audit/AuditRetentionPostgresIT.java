package io.govassist.security.audit;

import io.govassist.PostgresSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit retention on real PostgreSQL, where the append-only trigger has exactly one exception: the events
 * older than the stored retention may be deleted. UPDATE is always refused, so is DELETE of younger events and
 * TRUNCATE.
 */
class AuditRetentionPostgresIT extends AuditRetentionContract {

    private static final PostgresSupport db = new PostgresSupport();

    @BeforeAll
    static void available() {
        PostgresSupport.requireAvailable();
    }

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    @Override
    protected JdbcClient migratedDatabase() {
        return db.newMigratedAppSchema("audit_retention_it");
    }

    @Test
    void update_is_refused_even_for_old_events_and_delete_and_truncate_of_recent_ones_are_refused() {
        daysAgo(400).record("admin", "USER_DELETE", "old", AuditLog.Outcome.SUCCESS, null);
        daysAgo(1).record("admin", "USER_DELETE", "recent", AuditLog.Outcome.SUCCESS, null);

        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'someone-else' WHERE target = 'old'").update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE target = 'recent'").update())
                .hasMessageContaining("only events older than the retention (180 days) may be deleted");
        // one statement touching both: refused as a whole, nothing deleted
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event").update()).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE audit_event").update()).hasMessageContaining("TRUNCATE");
        assertThat(jdbc.sql("SELECT target FROM audit_event ORDER BY id").query(String.class).list())
                .containsExactly("old", "recent");
        assertThat(jdbc.sql("SELECT actor FROM audit_event WHERE target = 'old'").query(String.class).single())
                .isEqualTo("admin");

        assertThat(daysAgo(0).purge(180)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT target FROM audit_event WHERE action = 'USER_DELETE'").query(String.class).list())
                .containsExactly("recent");
    }

    @Test
    void without_a_stored_retention_nothing_can_be_deleted() {
        daysAgo(400).record("admin", "USER_DELETE", "old", AuditLog.Outcome.SUCCESS, null);
        jdbc.sql("DELETE FROM audit_retention").update();
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event").update()).hasMessageContaining("append-only");
    }
}
