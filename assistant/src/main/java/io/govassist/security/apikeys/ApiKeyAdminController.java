package io.govassist.security.apikeys;

import io.govassist.security.audit.AuditLog;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.govassist.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/** {@code /api/v1/admin/api-keys}: the admin creates, lists and revokes API keys (ADMIN role, see SecurityConfiguration). */
@RestController
@RequestMapping("/api/v1/admin/api-keys")
class ApiKeyAdminController {

    static final int MAX_NAME_LENGTH = 200;
    static final long MAX_REQUESTS_PER_MINUTE = 1_000_000;
    static final long MAX_TOKENS_PER_MINUTE = 1_000_000_000;

    private final ApiKeyStore store;
    private final ApiKeyProperties properties;
    private final AuditLog audit;

    ApiKeyAdminController(ApiKeyStore store, ApiKeyProperties properties, AuditLog audit) {
        this.store = store;
        this.properties = properties;
        this.audit = audit;
    }

    record CreateRequest(String name, Long requestsPerMinute, Long tokensPerMinute) {
    }

    /** The created key: {@code key} is the only time the plaintext is shown. */
    record Created(String id, String name, String key, String prefix, long requestsPerMinute, long tokensPerMinute,
                   Instant createdAt) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Listed(String id, String name, String prefix, long requestsPerMinute, long tokensPerMinute,
                  Instant createdAt, Instant lastUsedAt, Instant revokedAt, boolean active) {

        static Listed of(ApiKey k) {
            return new Listed(k.id(), k.name(), k.prefix(), k.requestsPerMinute(), k.tokensPerMinute(), k.createdAt(),
                    k.lastUsedAt(), k.revokedAt(), k.active());
        }
    }

    record KeyList(List<Listed> keys) {
    }

    @PostMapping
    ResponseEntity<Created> create(@RequestBody(required = false) CreateRequest request) {
        if (request == null || request.name() == null || request.name().isBlank()) {
            throw ApiException.badRequest("INVALID_KEY_NAME", "请为 API 密钥提供名称（name），例如调用方门户的名称");
        }
        String name = request.name().strip();
        if (name.length() > MAX_NAME_LENGTH) {
            throw ApiException.badRequest("INVALID_KEY_NAME", "API 密钥名称最多 " + MAX_NAME_LENGTH + " 个字符");
        }
        long rpm = limit(request.requestsPerMinute(), properties.defaultRequestsPerMinute(), MAX_REQUESTS_PER_MINUTE,
                "requestsPerMinute");
        long tpm = limit(request.tokensPerMinute(), properties.defaultTokensPerMinute(), MAX_TOKENS_PER_MINUTE,
                "tokensPerMinute");
        ApiKeyStore.CreatedKey created = store.create(name, rpm, tpm);
        ApiKey k = created.key();
        audit.record("API_KEY_CREATE", k.id() + " " + k.name(), AuditLog.Outcome.SUCCESS, k.prefix());
        return ResponseEntity.status(HttpStatus.CREATED).body(new Created(k.id(), k.name(), created.plaintext(),
                k.prefix(), k.requestsPerMinute(), k.tokensPerMinute(), k.createdAt()));
    }

    @GetMapping
    KeyList list() {
        return new KeyList(store.list().stream().map(Listed::of).toList());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!store.revoke(id)) {
            throw ApiException.notFound("API_KEY_NOT_FOUND", "没有这个有效的 API 密钥（不存在或已吊销）");
        }
        audit.record("API_KEY_REVOKE", id, AuditLog.Outcome.SUCCESS, null);
        return ResponseEntity.noContent().build();
    }

    private static long limit(Long requested, long defaultValue, long max, String field) {
        if (requested == null) {
            return defaultValue;
        }
        if (requested < 1 || requested > max) {
            throw ApiException.badRequest("INVALID_RATE_LIMIT", field + " 必须在 1 到 " + max + " 之间");
        }
        return requested;
    }
}
