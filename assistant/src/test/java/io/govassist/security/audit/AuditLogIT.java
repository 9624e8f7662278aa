package io.govassist.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.ServerTestSupport.Reply;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Security-relevant actions end up in the audit log with who, what, outcome and address; only admins read it. */
class AuditLogIT extends DemoServerIT {

    static final String ADMIN = ServerTestSupport.basicAuth("admin", ServerTestSupport.ADMIN_PASSWORD);

    Reply admin(HttpRequest.Builder request) {
        return server.send(request.header("Authorization", ADMIN));
    }

    HttpRequest.Builder at(String path) {
        return HttpRequest.newBuilder(URI.create(server.base() + path));
    }

    HttpRequest.Builder json(String path, String body) {
        return at(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    }

    @Test
    void logins_uploads_key_and_user_changes_are_audited_newest_first() {
        long before = newestId();
        assertThat(server.send(at("/api/v1/console/session")
                .header("Authorization", ServerTestSupport.basicAuth("admin", "wrong-password")).GET()).status())
                .isEqualTo(401);
        assertThat(admin(json("/api/v1/admin/users", "{\"username\":\"audit-user\",\"password\":\"audit-pass-1\"}"))
                .status()).isEqualTo(201);
        assertThat(admin(at("/api/v1/admin/users/audit-user").DELETE()).status()).isEqualTo(204);
        Reply key = admin(json("/api/v1/admin/api-keys", "{\"name\":\"审计测试\"}"));
        String keyId = key.json().get("id").asText();
        assertThat(admin(at("/api/v1/admin/api-keys/" + keyId).DELETE()).status()).isEqualTo(204);
        Reply upload = admin(new ServerTestSupport.Multipart().file("坏文件.pdf", "%PDF-1.7 broken".getBytes())
                .post(server.base() + "/api/v1/documents"));
        assertThat(upload.status()).isEqualTo(422);

        List<String> events = new ArrayList<>();
        Reply audit = admin(at("/api/v1/admin/audit?limit=50").GET());
        for (JsonNode e : audit.json().get("events")) {
            if (e.get("id").asLong() > before) {
                assertThat(e.get("clientIp").asText()).isEqualTo("127.0.0.1");
                assertThat(e.get("occurredAt").asText()).isNotBlank();
                events.add(e.get("actor").asText() + " " + e.get("action").asText() + " " + e.get("outcome").asText()
                        + " " + (e.get("target").isNull() ? "" : e.get("target").asText()));
            }
        }
        assertThat(events).as("newest first: " + audit.body()).containsSubsequence(
                "admin DOCUMENT_UPLOAD FAILURE 坏文件.pdf (" + upload.json().get("results").get(0).get("documentId").asText() + ")",
                "admin API_KEY_REVOKE SUCCESS " + keyId,
                "admin API_KEY_CREATE SUCCESS " + keyId + " 审计测试",
                "admin USER_DELETE SUCCESS audit-user",
                "admin USER_CREATE SUCCESS audit-user",
                "admin LOGIN FAILURE ");
    }

    @Test
    void the_audit_view_checks_its_paging_parameters() {
        Reply bad = admin(at("/api/v1/admin/audit?limit=100000").GET());
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").get("code").asText()).isEqualTo("INVALID_LIMIT");
    }

    @Test
    void the_audit_view_filters_by_actor_action_outcome_and_time_and_refuses_bad_filters() {
        String user = "filter-probe-" + System.nanoTime();
        assertThat(server.send(at("/api/v1/console/session")
                .header("Authorization", ServerTestSupport.basicAuth(user, "wrong")).GET()).status()).isEqualTo(401);
        Reply mine = admin(at("/api/v1/admin/audit?actor=" + user + "&action=LOGIN&outcome=failure").GET());
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        assertThat(mine.json().get("events")).hasSize(1);
        assertThat(mine.json().get("events").get(0).get("detail").asText()).isEqualTo("BadCredentials");
        assertThat(admin(at("/api/v1/admin/audit?actor=" + user + "&outcome=SUCCESS").GET()).json().get("events"))
                .isEmpty();
        assertThat(admin(at("/api/v1/admin/audit?actor=" + user + "&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")
                .GET()).json().get("events")).isEmpty();

        for (String[] bad : new String[][]{{"outcome=MAYBE", "INVALID_OUTCOME"}, {"from=yesterday", "INVALID_TIME"},
                {"from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "INVALID_TIME_RANGE"},
                {"before=abc", "INVALID_REQUEST"}}) {
            Reply reply = admin(at("/api/v1/admin/audit?" + bad[0]).GET());
            assertThat(reply.status()).as(bad[0]).isEqualTo(400);
            assertThat(reply.json().get("error").get("code").asText()).as(bad[0]).isEqualTo(bad[1]);
        }
    }

    private long newestId() {
        JsonNode events = admin(at("/api/v1/admin/audit?limit=1").GET()).json().get("events");
        return events.isEmpty() ? 0 : events.get(0).get("id").asLong();
    }
}
