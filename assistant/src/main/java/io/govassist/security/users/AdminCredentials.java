package io.govassist.security.users;

import io.govassist.system.GovAssistProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The bootstrap administrator {@code admin}, kept in the user table. With {@code GOVASSIST_ADMIN_PASSWORD}
 * ({@code govassist.admin.password}) set, {@code admin} exists with that password on every start (the
 * environment is authoritative, which also serves as password recovery). Without it, {@code admin} is created on
 * first start, when there is no enabled administrator, with a random password printed once; a hash left in the
 * data directory by an older version ({@code admin-password.hash}) is taken over instead.
 */
public final class AdminCredentials implements SmartInitializingSingleton {

    static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminCredentials.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final GovAssistProperties properties;
    private final DatabaseUserDetailsService users;

    public AdminCredentials(GovAssistProperties properties, DatabaseUserDetailsService users) {
        this.properties = properties;
        this.users = users;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String configured = properties.admin().password();
        var existing = users.passwordHash(ADMIN);
        if (configured != null && !configured.isBlank()) {
            if (existing.isEmpty()) {
                users.insertHashed(ADMIN, users.encode(configured), UserRole.ADMIN);
            } else if (!users.matches(configured, existing.get())) {
                users.updateHash(ADMIN, users.encode(configured));
                log.info("The admin password was reset from govassist.admin.password");
            }
            return;
        }
        if (existing.isPresent() || users.enabledAdmins() > 0) {
            return;
        }
        users.insertHashed(ADMIN, legacyHash().orElseGet(this::generate), UserRole.ADMIN);
    }

    private Optional<String> legacyHash() {
        Path file = properties.dataDir().resolve("admin-password.hash");
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private String generate() {
        String generated = randomPassword();
        String banner = "\n================================================================\n"
                + " GovAssist admin account created (shown only this once):\n"
                + "   user:     admin\n"
                + "   password: " + generated + "\n"
                + " Log in at /console. Set GOVASSIST_ADMIN_PASSWORD to choose your own.\n"
                + "================================================================\n";
        System.out.println(banner);
        log.info("Generated the admin password; it was printed once to standard output");
        return users.encode(generated);
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
