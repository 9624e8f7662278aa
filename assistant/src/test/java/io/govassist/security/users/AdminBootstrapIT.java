package io.govassist.security.users;

import io.govassist.GovAssistApplication;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The bootstrap admin lives in the user table and follows the first slice's rules across restarts. */
class AdminBootstrapIT {

    @TempDir
    Path tmp;

    record Started(ConfigurableApplicationContext app, String output) {
        ServerTestSupport server() {
            return new ServerTestSupport(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
        }
    }

    @Test
    void a_generated_password_is_printed_once_kept_across_restarts_and_replaced_by_a_configured_one() {
        Path data = tmp.resolve("data");
        String generated;
        Started first = start(data, null);
        try (var app = first.app()) {
            Matcher m = PASSWORD.matcher(first.output());
            assertThat(m.find()).as("the first start prints the password: " + first.output()).isTrue();
            generated = m.group(1);
            assertThat(generated).hasSize(20);
            assertThat(status(first.server(), "admin", generated)).isEqualTo(200);
        }
        assertThat(Files.exists(data.resolve("admin-password.hash"))).as("the hash lives in the database now").isFalse();

        Started again = start(data, null);
        try (var app = again.app()) {
            assertThat(PASSWORD.matcher(again.output()).find()).as("printed only once").isFalse();
            assertThat(status(again.server(), "admin", generated)).isEqualTo(200);
            assertThat(status(again.server(), "admin", "wrong-password")).isEqualTo(401);
        }

        Started configured = start(data, "configured-pass-1");
        try (var app = configured.app()) {
            assertThat(status(configured.server(), "admin", "configured-pass-1")).isEqualTo(200);
            assertThat(status(configured.server(), "admin", generated)).as("the environment wins").isEqualTo(401);
        }
    }

    @Test
    void a_hash_file_left_by_the_first_slice_is_taken_over() throws IOException {
        Path data = tmp.resolve("legacy");
        Files.createDirectories(data);
        Files.writeString(data.resolve("admin-password.hash"),
                PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("legacy-pass-1"));
        Started started = start(data, null);
        try (var app = started.app()) {
            assertThat(PASSWORD.matcher(started.output()).find()).isFalse();
            assertThat(status(started.server(), "admin", "legacy-pass-1")).isEqualTo(200);
        }
    }

    static final Pattern PASSWORD = Pattern.compile("password: (\\S+)");

    private Started start(Path data, String password) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--govassist.data-dir=" + data,
                "--govassist.demo.enabled=false", "--govassist.embedding.threads=1"));
        args.add("--govassist.admin.password=" + (password == null ? "" : password));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        ConfigurableApplicationContext app;
        try {
            app = new SpringApplicationBuilder(GovAssistApplication.class).run(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        return new Started(app, captured.toString(StandardCharsets.UTF_8));
    }

    private static int status(ServerTestSupport server, String user, String password) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users"))
                .header("Authorization", ServerTestSupport.basicAuth(user, password)).GET()).status();
    }
}
