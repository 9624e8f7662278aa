package io.govassist.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.DemoServerIT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description over real HTTP: every endpoint Spring MVC maps under {@code /api} and {@code /v1} is in
 * it (a new endpoint cannot go undocumented), with who may call it, the error body and Chinese examples; Swagger UI
 * is served.
 */
class OpenApiIT extends DemoServerIT {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void every_mapped_api_endpoint_is_described_with_its_access_and_error_body() {
        var reply = server.get("/v3/api-docs");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode spec = reply.json();
        assertThat(spec.get("openapi").asText()).startsWith("3.");
        assertThat(spec.get("info").get("title").asText()).contains("政务智能助手");

        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/") || p.startsWith("/v1/"))
                .forEach(p -> info.getMethodsCondition().getMethods()
                        .forEach(m -> mapped.add(m.name() + " " + p))));
        assertThat(mapped).as("sanity").contains("POST /api/v1/chat", "POST /api/v1/chat/handoff", "POST /v1/embeddings");
        Set<String> described = new TreeSet<>();
        spec.get("paths").properties().forEach(e -> e.getValue().properties()
                .forEach(op -> described.add(op.getKey().toUpperCase(Locale.ROOT) + " " + e.getKey())));
        assertThat(described).as("endpoints missing from /v3/api-docs").containsAll(mapped);

        JsonNode schemes = spec.get("components").get("securitySchemes");
        assertThat(schemes.has("basicAuth") && schemes.has("consoleSession") && schemes.has("apiKey")).isTrue();
        JsonNode handoffQueue = spec.get("paths").get("/api/v1/console/handoff").get("get");
        assertThat(handoffQueue.get("tags").get(0).asText()).isEqualTo("工作人员");
        assertThat(handoffQueue.get("security").toString()).contains("basicAuth");
        JsonNode chat = spec.get("paths").get("/api/v1/chat").get("post");
        assertThat(chat.get("tags").get(0).asText()).isEqualTo("群众");
        assertThat(chat.get("security")).isEmpty();
        assertThat(chat.get("responses").get("4XX").toString()).contains("#/components/schemas/ApiError");
        assertThat(chat.get("requestBody").toString()).contains("政府信息公开申请应当包括哪些内容");
        assertThat(spec.get("paths").get("/v1/embeddings").get("post").get("security").toString()).contains("apiKey");
        assertThat(spec.get("paths").get("/api/v1/admin/users").get("get").get("tags").get(0).asText())
                .isEqualTo("管理员");
        JsonNode syncSource = spec.get("paths").get("/api/v1/admin/sync/sources").get("post");
        assertThat(syncSource.get("tags").get(0).asText()).isEqualTo("管理员");
        assertThat(syncSource.get("security").toString()).contains("basicAuth");
        assertThat(syncSource.get("requestBody").toString()).contains("国务院政策文件库");
        JsonNode schemas = spec.get("components").get("schemas");
        String request = syncSource.get("requestBody").get("content").get("application/json").get("schema")
                .get("$ref").asText();
        assertThat(List.of(request.substring(request.lastIndexOf('/') + 1), "SourceView"))
                .as("a sync source's knowledge base, asked and shown")
                .allSatisfy(name -> assertThat(schemas.get(name).get("properties").has("knowledgeBase")).as(name)
                        .isTrue());
    }

    @Test
    void swagger_ui_is_served_under_the_strict_content_security_policy() {
        var page = server.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui");
        assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'");
    }
}
