package io.govassist.security.audit;

import io.govassist.security.limits.ClientAddressResolver;
import io.govassist.security.privacy.PersonalDataMasker;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only security audit log (table {@code audit_event}): logins, uploads, deletions, re-ingests, API key
 * and user changes. The actor and client address are taken from the current request when not given. Writing an
 * event never fails the audited operation: a database error is logged instead. Personal data in the target and
 * the detail (a file name, a typed user name) is masked ({@link PersonalDataMasker}).
 */
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    public enum Outcome { SUCCESS, FAILURE }

    /** The actor of what the server does by itself (the retention purge). */
    public static final String SYSTEM = "system";

    /** One audited event. */
    public record Event(long id, Instant occurredAt, String actor, String action, String target, Outcome outcome,
                        String clientIp, String detail) {
    }

    private final JdbcClient jdbc;
    private final ClientAddressResolver addresses;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, ClientAddressResolver addresses, Clock clock) {
        this.jdbc = jdbc;
        this.addresses = addresses;
        this.clock = clock;
    }

    /** Records an action of the current user from the current request's address. */
    public void record(String action, String target, Outcome outcome, String detail) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        record(auth == null ? "anonymous" : auth.getName(), action, target, outcome, detail);
    }

    /** Records an action of a named actor (e.g. {@link #SYSTEM}, or the admin who started a background run). */
    public void record(String actor, String action, String target, Outcome outcome, String detail) {
        try {
            jdbc.sql("""
                            INSERT INTO audit_event (occurred_at, actor, action, target, outcome, client_ip, detail)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(Timestamp.from(clock.instant()), cut(actor == null ? "anonymous" : actor, 200), action,
                            cut(PersonalDataMasker.mask(target), 500), outcome.name(), clientIp(),
                            cut(PersonalDataMasker.mask(detail), 2000))
                    .update();
        } catch (RuntimeException e) {
            log.error("Could not write audit event {} {} {}", action, target, outcome, e);
        }
    }

    /** The newest events first, at most {@code limit}, optionally only those older than {@code beforeId}. */
    public List<Event> newest(int limit, Long beforeId) {
        return search(new Query(null, null, null, null, null, beforeId, limit));
    }

    /**
     * What to list; {@code null} fields do not filter.
     *
     * @param actor    exactly this actor
     * @param action   exactly this action
     * @param from     events at or after this time
     * @param to       events before this time
     * @param beforeId only events with a smaller id (the next page after an event)
     * @param limit    at most this many
     */
    public record Query(String actor, String action, Outcome outcome, Instant from, Instant to, Long beforeId,
                        int limit) {
        public Query {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be positive");
            }
        }
    }

    /** Matching events, newest (highest id) first. */
    public List<Event> search(Query query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_event WHERE id < ?");
        List<Object> params = new ArrayList<>();
        params.add(query.beforeId() == null ? Long.MAX_VALUE : query.beforeId());
        if (query.actor() != null) {
            sql.append(" AND actor = ?");
            params.add(query.actor());
        }
        if (query.action() != null) {
            sql.append(" AND action = ?");
            params.add(query.action());
        }
        if (query.outcome() != null) {
            sql.append(" AND outcome = ?");
            params.add(query.outcome().name());
        }
        if (query.from() != null) {
            sql.append(" AND occurred_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" AND occurred_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(query.limit());
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Event(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                        Outcome.valueOf(rs.getString("outcome")), rs.getString("client_ip"), rs.getString("detail")))
                .list();
    }

    /**
     * Deletes the events older than {@code retentionDays} (by the database's clock) and records the purge as
     * {@code AUDIT_PURGE} (when it deleted anything) and a changed retention as {@code AUDIT_RETENTION_CHANGE}, both
     * by {@code system}. The retention is stored in {@code audit_retention} first: on PostgreSQL the append-only
     * trigger refuses to delete anything younger than that.
     *
     * @return the number of events deleted
     */
    int purge(int retentionDays) {
        Integer stored = jdbc.sql("SELECT retention_days FROM audit_retention WHERE id = 1").query(Integer.class)
                .optional().orElse(null);
        if (stored == null || stored != retentionDays) {
            int changed = jdbc.sql("UPDATE audit_retention SET retention_days = ? WHERE id = 1")
                    .param(retentionDays).update();
            if (changed == 0) {
                jdbc.sql("INSERT INTO audit_retention (id, retention_days) VALUES (1, ?)").param(retentionDays).update();
            }
            record(SYSTEM, "AUDIT_RETENTION_CHANGE", null, Outcome.SUCCESS,
                    (stored == null ? "-" : stored + " 天") + " → " + retentionDays + " 天");
        }
        int deleted = jdbc.sql("""
                        DELETE FROM audit_event WHERE occurred_at < CURRENT_TIMESTAMP
                            - (SELECT retention_days FROM audit_retention WHERE id = 1) * INTERVAL '1' DAY""")
                .update();
        if (deleted > 0) {
            record(SYSTEM, "AUDIT_PURGE", null, Outcome.SUCCESS,
                    "删除 " + deleted + " 条超过 " + retentionDays + " 天的审计记录");
        }
        return deleted;
    }

    private String clientIp() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return cut(addresses.clientAddress(request), 64);
        }
        return null;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
