package io.govassist.security;

import io.govassist.system.GovAssistProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The bootstrap admin's password hash. From {@code GOVASSIST_ADMIN_PASSWORD} ({@code govassist.admin.password})
 * when set; otherwise a random password is generated at first start, printed once, and only its hash is kept in
 * the data directory so later starts reuse it without printing it again.
 */
final class AdminCredentials {

    private static final Logger log = LoggerFactory.getLogger(AdminCredentials.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private AdminCredentials() {
    }

    static String passwordHash(GovAssistProperties properties, PasswordEncoder encoder) {
        String configured = properties.admin().password();
        if (configured != null && !configured.isBlank()) {
            return encoder.encode(configured);
        }
        Path file = properties.dataDir().resolve("admin-password.hash");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String generated = randomPassword();
            String hash = encoder.encode(generated);
            Files.createDirectories(file.getParent());
            Files.writeString(file, hash, StandardCharsets.UTF_8);
            String banner = "\n================================================================\n"
                    + " GovAssist admin account created (shown only this once):\n"
                    + "   user:     admin\n"
                    + "   password: " + generated + "\n"
                    + " Set GOVASSIST_ADMIN_PASSWORD to choose your own.\n"
                    + "================================================================\n";
            System.out.println(banner);
            log.info("Generated the admin password; it was printed once to standard output");
            return hash;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the admin password hash in " + file, e);
        }
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
