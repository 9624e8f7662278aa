package io.govassist.security.users;

import io.govassist.system.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Console users in the app database (table {@code app_user}): Spring Security's {@link UserDetailsService} for
 * form login and HTTP Basic, plus the user management behind {@code /api/v1/admin/users}.
 */
public class DatabaseUserDetailsService implements UserDetailsService {

    static final int MIN_PASSWORD_LENGTH = 8;
    /** BCrypt only looks at the first 72 bytes; longer passwords are refused rather than silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final TransactionTemplate transactions;
    private final LoginLockout lockout;

    public DatabaseUserDetailsService(JdbcClient jdbc, PasswordEncoder encoder, TransactionTemplate transactions,
                               LoginLockout lockout) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.transactions = transactions;
        this.lockout = lockout;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        String name = normalize(username);
        boolean locked = lockout.isLocked(name);
        return jdbc.sql("SELECT username, password_hash, role, enabled FROM app_user WHERE username = ?")
                .param(name)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(UserRole.valueOf(rs.getString("role")).grantedRoles().toArray(String[]::new))
                        .disabled(!rs.getBoolean("enabled"))
                        .accountLocked(locked)
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    List<AppUser> list() {
        return jdbc.sql("SELECT * FROM app_user ORDER BY created_at, username").query(DatabaseUserDetailsService::user)
                .list();
    }

    Optional<AppUser> find(String username) {
        return jdbc.sql("SELECT * FROM app_user WHERE username = ?").param(normalize(username))
                .query(DatabaseUserDetailsService::user).optional();
    }

    /** Creates a user; refuses a taken or malformed name and a weak password with a Chinese message. */
    AppUser create(String username, String displayName, String password, UserRole role, String createdBy) {
        String name = normalize(username);
        if (!AppUser.USERNAME.matcher(name).matches()) {
            throw ApiException.badRequest("INVALID_USERNAME", "用户名须为 2–64 个字母、数字或 . _ @ - 字符");
        }
        if (role == null) {
            throw ApiException.badRequest("INVALID_ROLE", "角色须为 STAFF 或 ADMIN");
        }
        String display = displayName == null || displayName.isBlank() ? null : displayName.strip();
        if (display != null && display.length() > 100) {
            throw ApiException.badRequest("INVALID_DISPLAY_NAME", "显示名称最多 100 个字符");
        }
        String hash = encoder.encode(checkPassword(password));
        try {
            jdbc.sql("INSERT INTO app_user (username, display_name, password_hash, role, created_by) VALUES (?, ?, ?, ?, ?)")
                    .params(name, display, hash, role.name(), createdBy)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, "USER_EXISTS", "用户名已存在：" + name);
        }
        return find(name).orElseThrow();
    }

    /** Deletes a user, but never the acting administrator and never the last enabled administrator. */
    void delete(String username, String actingUser) {
        String name = normalize(username);
        if (name.equals(normalize(actingUser))) {
            throw new ApiException(HttpStatus.CONFLICT, "CANNOT_DELETE_SELF", "不能删除当前登录的账号");
        }
        transactions.executeWithoutResult(tx -> {
            AppUser user = find(name).orElseThrow(() -> ApiException.notFound("USER_NOT_FOUND", "用户不存在：" + name));
            if (user.role() == UserRole.ADMIN && user.enabled() && enabledAdmins() <= 1) {
                throw new ApiException(HttpStatus.CONFLICT, "LAST_ADMIN", "不能删除唯一的管理员账号");
            }
            jdbc.sql("DELETE FROM app_user WHERE username = ?").param(name).update();
        });
    }

    /** Sets a user's password (by an administrator, or the bootstrap from {@code GOVASSIST_ADMIN_PASSWORD}). */
    void setPassword(String username, String password) {
        String hash = encoder.encode(checkPassword(password));
        int updated = jdbc.sql("UPDATE app_user SET password_hash = ? WHERE username = ?")
                .params(hash, normalize(username)).update();
        if (updated == 0) {
            throw ApiException.notFound("USER_NOT_FOUND", "用户不存在：" + normalize(username));
        }
    }

    Optional<String> passwordHash(String username) {
        return jdbc.sql("SELECT password_hash FROM app_user WHERE username = ?").param(normalize(username))
                .query(String.class).optional();
    }

    /** Inserts a user with an already hashed password (the bootstrap admin). */
    void insertHashed(String username, String passwordHash, UserRole role) {
        jdbc.sql("INSERT INTO app_user (username, password_hash, role) VALUES (?, ?, ?)")
                .params(normalize(username), passwordHash, role.name()).update();
    }

    void updateHash(String username, String passwordHash) {
        jdbc.sql("UPDATE app_user SET password_hash = ?, enabled = TRUE WHERE username = ?")
                .params(passwordHash, normalize(username)).update();
    }

    int enabledAdmins() {
        return jdbc.sql("SELECT COUNT(*) FROM app_user WHERE role = 'ADMIN' AND enabled = TRUE").query(Integer.class)
                .single();
    }

    boolean matches(String rawPassword, String hash) {
        return encoder.matches(rawPassword, hash);
    }

    String encode(String rawPassword) {
        return encoder.encode(rawPassword);
    }

    static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static String checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ApiException.badRequest("WEAK_PASSWORD", "密码至少需要 " + MIN_PASSWORD_LENGTH + " 个字符");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.badRequest("PASSWORD_TOO_LONG", "密码过长（最多 " + MAX_PASSWORD_BYTES + " 字节）");
        }
        return password;
    }

    private static AppUser user(ResultSet rs, int row) throws SQLException {
        Timestamp created = rs.getTimestamp("created_at");
        return new AppUser(rs.getString("username"), rs.getString("display_name"),
                UserRole.valueOf(rs.getString("role")), rs.getBoolean("enabled"), created.toInstant(),
                rs.getString("created_by"));
    }
}
