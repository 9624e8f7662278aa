package io.govassist.security;

import io.govassist.system.ApiException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/v1/admin/audit}: administrators read the audit log, newest first, paged by {@code before}. */
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
    Events list(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Long before) {
        if (limit < 1 || limit > MAX_EVENTS) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit 须在 1 到 " + MAX_EVENTS + " 之间");
        }
        return new Events(audit.newest(limit, before));
    }
}
