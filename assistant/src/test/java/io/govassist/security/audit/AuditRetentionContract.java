package io.govassist.security.audit;

import io.govassist.security.limits.ClientAddressResolver;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention purge and filtered listing of the audit log, the same on every database. */
abstract class AuditRetentionContract {

    protected JdbcClient jdbc;
    private final ClientAddressResolver addresses = new ClientAddressResolver(List.of());

    protected abstract JdbcClient migratedDatabase();

    @BeforeEach
    void database() {
        jdbc = migratedDatabase();
    }

    AuditLog at(Instant time) {
        return new AuditLog(jdbc, addresses, Clock.fixed(time, ZoneOffset.UTC));
    }

    AuditLog daysAgo(int days) {
        return at(Instant.now().minus(Duration.ofDays(days)));
    }

    List<String> actions(AuditLog audit) {
        return audit.newest(100, null).stream().map(e -> e.action() + " " + e.target()).toList();
    }

    @Test
    void the_purge_deletes_only_events_older_than_the_retention_and_records_itself() {
        daysAgo(400).record("admin", "USER_DELETE", "very-old", AuditLog.Outcome.SUCCESS, null);
        daysAgo(181).record("admin", "USER_DELETE", "old", AuditLog.Outcome.SUCCESS, null);
        daysAgo(179).record("admin", "USER_DELETE", "young", AuditLog.Outcome.SUCCESS, null);
        AuditLog now = at(Instant.now());
        now.record("admin", "USER_DELETE", "new", AuditLog.Outcome.SUCCESS, null);

        assertThat(now.purge(180)).isEqualTo(2);

        assertThat(actions(now)).containsExactly("AUDIT_PURGE null", "USER_DELETE new", "USER_DELETE young");
        AuditLog.Event purge = now.newest(1, null).getFirst();
        assertThat(purge.actor()).isEqualTo("system");
        assertThat(purge.outcome()).isEqualTo(AuditLog.Outcome.SUCCESS);
        assertThat(purge.detail()).isEqualTo("删除 2 条超过 180 天的审计记录");
    }

    @Test
    void a_purge_with_nothing_to_delete_leaves_no_trace() {
        daysAgo(10).record("admin", "LOGIN", null, AuditLog.Outcome.FAILURE, "BadCredentials");
        AuditLog now = at(Instant.now());
        assertThat(now.purge(180)).isZero();
        assertThat(now.purge(180)).isZero();
        assertThat(actions(now)).containsExactly("LOGIN null");
    }

    @Test
    void a_changed_retention_is_stored_audited_and_applied() {
        daysAgo(100).record("admin", "USER_CREATE", "a", AuditLog.Outcome.SUCCESS, null);
        daysAgo(20).record("admin", "USER_CREATE", "b", AuditLog.Outcome.SUCCESS, null);
        AuditLog now = at(Instant.now());

        assertThat(now.purge(30)).isEqualTo(1);

        assertThat(jdbc.sql("SELECT retention_days FROM audit_retention").query(Integer.class).single()).isEqualTo(30);
        List<AuditLog.Event> events = now.newest(10, null);
        assertThat(events).extracting(AuditLog.Event::action)
                .containsExactly("AUDIT_PURGE", "AUDIT_RETENTION_CHANGE", "USER_CREATE");
        assertThat(events.get(1).detail()).isEqualTo("180 天 → 30 天");
        assertThat(now.purge(30)).isZero();
        assertThat(now.newest(10, null)).hasSize(3);
    }

    @Test
    void events_are_listed_newest_first_filtered_by_actor_action_outcome_and_time_and_paged() {
        Instant t0 = Instant.parse("2026-03-01T00:00:00Z");
        at(t0).record("admin", "LOGIN", null, AuditLog.Outcome.SUCCESS, "console");
        at(t0.plusSeconds(3600)).record("wangfang", "LOGIN", null, AuditLog.Outcome.FAILURE, "BadCredentials");
        at(t0.plus(Duration.ofDays(1))).record("admin", "USER_CREATE", "wangfang", AuditLog.Outcome.SUCCESS, null);
        at(t0.plus(Duration.ofDays(2))).record("admin", "LOGIN", null, AuditLog.Outcome.FAILURE, "BadCredentials");
        AuditLog audit = at(t0.plus(Duration.ofDays(3)));

        assertThat(audit.search(new AuditLog.Query("admin", null, null, null, null, null, 10)))
                .extracting(AuditLog.Event::action).containsExactly("LOGIN", "USER_CREATE", "LOGIN");
        assertThat(audit.search(new AuditLog.Query(null, "LOGIN", AuditLog.Outcome.FAILURE, null, null, null, 10)))
                .extracting(AuditLog.Event::actor).containsExactly("admin", "wangfang");
        assertThat(audit.search(new AuditLog.Query(null, null, null, t0.plusSeconds(3600), t0.plus(Duration.ofDays(2)),
                null, 10))).extracting(AuditLog.Event::target).containsExactly("wangfang", null);

        List<AuditLog.Event> first = audit.search(new AuditLog.Query(null, null, null, null, null, null, 3));
        assertThat(first).hasSize(3);
        List<AuditLog.Event> second = audit.search(new AuditLog.Query(null, null, null, null, null,
                first.getLast().id(), 3));
        assertThat(second).extracting(AuditLog.Event::actor).containsExactly("admin");
        assertThat(second.getFirst().occurredAt()).isEqualTo(t0);
    }

    @Test
    void personal_data_in_targets_and_details_is_masked() {
        AuditLog audit = at(Instant.now());
        audit.record("admin", "DOCUMENT_UPLOAD", "张三13912345678的申请.pdf", AuditLog.Outcome.FAILURE,
                "联系 zhang.san@example.cn");
        AuditLog.Event event = audit.newest(1, null).getFirst();
        assertThat(event.target()).isEqualTo("张三[手机号]的申请.pdf");
        assertThat(event.detail()).isEqualTo("联系 [电子邮箱]");
    }
}
