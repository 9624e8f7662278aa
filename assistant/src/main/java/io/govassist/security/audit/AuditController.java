package io.govassist.security.audit;

import io.govassist.system.ApiException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/v1/admin/audit}: administrators read the audit log, newest first, paged by {@code before} (the
 * last id of the previous page), filtered by {@code actor}, {@code action}, {@code outcome} and the time range
 * {@code from} (inclusive) – {@code to} (exclusive), ISO-8601 instants.
 */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/v1/admin/audit")
class AuditController {

    static final int MAX_EVENTS = 500;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    record Events(List<AuditLog.Event> events) {
    }

    @GetMapping
    Events list(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Long before,
                @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                @RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to) {
        if (limit < 1 || limit > MAX_EVENTS) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit 须在 1 到 " + MAX_EVENTS + " 之间");
        }
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw ApiException.badRequest("INVALID_TIME_RANGE", "起始时间须早于结束时间");
        }
        return new Events(audit.search(new AuditLog.Query(blankToNull(actor), blankToNull(action),
                outcome(outcome), start, end, before, limit)));
    }

    private static AuditLog.Outcome outcome(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditLog.Outcome.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_OUTCOME", "outcome 须为 SUCCESS 或 FAILURE");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("INVALID_TIME", name + " 须为 ISO-8601 时间，例如 2026-01-31T16:00:00Z");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
