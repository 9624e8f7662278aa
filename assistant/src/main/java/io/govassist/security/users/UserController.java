package io.govassist.security.users;

import io.govassist.security.audit.AuditLog;

import io.govassist.system.ApiException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/** {@code /api/v1/admin/users}: administrators list, create and delete console users and reset passwords. */
@RestController
@ConditionalOnWebApplication
@RequestMapping("/api/v1/admin/users")
class UserController {

    private final DatabaseUserDetailsService users;
    private final AuditLog audit;

    UserController(DatabaseUserDetailsService users, AuditLog audit) {
        this.users = users;
        this.audit = audit;
    }

    record UserList(List<AppUser> users) {
    }

    record NewUser(String username, String displayName, String password, String role) {
    }

    record NewPassword(String password) {
    }

    @GetMapping
    UserList list() {
        return new UserList(users.list());
    }

    @PostMapping
    ResponseEntity<AppUser> create(@RequestBody(required = false) NewUser request, Authentication admin) {
        if (request == null) {
            throw ApiException.badRequest("INVALID_REQUEST", "请求体不能为空");
        }
        AppUser created = users.create(request.username(), request.displayName(), request.password(),
                role(request.role()), admin.getName());
        audit.record("USER_CREATE", created.username(), AuditLog.Outcome.SUCCESS, "role " + created.role());
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    @DeleteMapping("/{username}")
    ResponseEntity<Void> delete(@PathVariable String username, Authentication admin) {
        users.delete(username, admin.getName());
        audit.record("USER_DELETE", username, AuditLog.Outcome.SUCCESS, null);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{username}/password")
    ResponseEntity<Void> password(@PathVariable String username, @RequestBody(required = false) NewPassword request) {
        users.setPassword(username, request == null ? null : request.password());
        audit.record("USER_PASSWORD_RESET", username, AuditLog.Outcome.SUCCESS, null);
        return ResponseEntity.noContent().build();
    }

    private static UserRole role(String role) {
        if (role == null || role.isBlank()) {
            return UserRole.STAFF;
        }
        try {
            return UserRole.valueOf(role.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_ROLE", "角色须为 STAFF 或 ADMIN");
        }
    }
}
