package io.govassist;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Base of the integration tests that share one running server with the demo corpus on a fresh data directory
 * (Spring caches the context, so the server starts once for all subclasses).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class DemoServerIT {

    protected static final Path DATA_DIR;
    protected static final String ALLOWED_EMBEDDING_ORIGINS = "http://localhost:[*]";

    static {
        try {
            DATA_DIR = Files.createTempDirectory("govassist-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("govassist.data-dir", DATA_DIR::toString);
        registry.add("govassist.admin.password", () -> ServerTestSupport.ADMIN_PASSWORD);
        // Pages served by a test's own HTTP server on localhost may embed the widget; 127.0.0.1 is another origin.
        registry.add("govassist.web.allowed-origins", () -> ALLOWED_EMBEDDING_ORIGINS);
        // All test clients share 127.0.0.1; RateLimitIT tests the per-IP limits on its own server.
        registry.add("govassist.rate-limit.enabled", () -> "false");
    }

    @LocalServerPort
    protected int port;

    protected ServerTestSupport server;

    @BeforeEach
    void connect() {
        server = new ServerTestSupport(port);
        server.awaitReady(Duration.ofMinutes(3));
    }
}
