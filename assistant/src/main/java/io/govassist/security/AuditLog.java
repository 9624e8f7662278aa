package io.govassist.security;

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

    void record(String actor, String action, String target, Outcome outcome, String detail) {
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
        return jdbc.sql("SELECT * FROM audit_event WHERE id < ? ORDER BY id DESC LIMIT ?")
                .params(beforeId == null ? Long.MAX_VALUE : beforeId, limit)
                .query((rs, n) -> new Event(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                        Outcome.valueOf(rs.getString("outcome")), rs.getString("client_ip"), rs.getString("detail")))
                .list();
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
