package io.govassist.security.users;

import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** After five wrong passwords even the right one is refused (default lockout), over HTTP Basic. */
class LoginLockoutIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);
    static final String USER = "lockout-target";
    static final String PASSWORD = "lockout-pass-1";

    @AfterEach
    void removeUser() {
        server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users/" + USER))
                .header("Authorization", ADMIN).DELETE());
    }

    int session(String user, String password) {
        return server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/console/session"))
                .header("Authorization", ServerTestSupport.basicAuth(user, password)).GET()).status();
    }

    @Test
    void five_wrong_passwords_lock_the_account_even_for_the_right_password() {
        assertThat(server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/admin/users"))
                .header("Authorization", ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}"))).status()).isEqualTo(201);
        assertThat(session(USER, PASSWORD)).isEqualTo(200);
        for (int i = 0; i < 4; i++) {
            assertThat(session(USER, "wrong-" + i)).isEqualTo(401);
        }
        assertThat(session(USER, PASSWORD)).as("a success before the limit resets the count").isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(session(USER, "wrong-" + i)).isEqualTo(401);
        }
        ServerTestSupport.Reply locked = server.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/console/session"))
                .header("Authorization", ServerTestSupport.basicAuth(USER, PASSWORD)).GET());
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().get("error").get("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(session("admin", ServerTestSupport.ADMIN_PASSWORD)).as("other users are not affected").isEqualTo(200);
    }
}
