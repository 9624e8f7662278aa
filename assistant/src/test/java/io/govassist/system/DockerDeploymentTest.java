package io.govassist.system;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so the root docker-compose.yml and Dockerfile are checked by reading: the compose file
 * parses, wires the assistant to the pgvector database with readiness health checks and named volumes, and the
 * Dockerfile builds the jar the Maven build actually produces and runs it as a non-root user.
 */
class DockerDeploymentTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static Map<String, Object> compose() throws IOException {
        return map(new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml"))));
    }

    @Test
    void compose_runs_the_assistant_on_pgvector_with_health_checks_and_named_volumes() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        assertThat(services).containsOnlyKeys("postgres", "assistant", "ollama");

        Map<String, Object> postgres = map(services.get("postgres"));
        assertThat(postgres.get("image")).isEqualTo("pgvector/pgvector:pg17");
        assertThat(map(postgres.get("healthcheck")).get("test").toString()).contains("pg_isready");
        Map<String, Object> pgEnv = map(postgres.get("environment"));

        Map<String, Object> assistant = map(services.get("assistant"));
        assertThat(assistant.get("build")).isEqualTo(".");
        Map<String, Object> env = map(assistant.get("environment"));
        assertThat(env.get("GOVASSIST_STORE")).isEqualTo("pgvector");
        assertThat(env.get("SPRING_DATASOURCE_URL"))
                .isEqualTo("jdbc:postgresql://postgres:5432/" + pgEnv.get("POSTGRES_DB"));
        assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(pgEnv.get("POSTGRES_USER"));
        assertThat(env.get("SPRING_DATASOURCE_PASSWORD")).isEqualTo(pgEnv.get("POSTGRES_PASSWORD"));
        assertThat(env).containsKey("GOVASSIST_ADMIN_PASSWORD");
        assertThat(map(map(assistant.get("depends_on")).get("postgres")).get("condition"))
                .isEqualTo("service_healthy");
        assertThat(map(assistant.get("healthcheck")).get("test").toString())
                .contains("http://localhost:8080/actuator/health/readiness");
        assertThat((List<String>) assistant.get("ports")).containsExactly("8080:8080");

        Map<String, Object> ollama = map(services.get("ollama"));
        assertThat((List<String>) ollama.get("profiles")).containsExactly("llm");

        Map<String, Object> volumes = map(compose().get("volumes"));
        for (Map.Entry<String, Object> service : services.entrySet()) {
            for (Object mount : (List<?>) map(service.getValue()).get("volumes")) {
                String name = mount.toString().split(":")[0];
                assertThat(volumes).as(service.getKey() + " mounts a named volume").containsKey(name);
            }
        }
        assertThat(((List<?>) assistant.get("volumes")).get(0).toString()).endsWith(":/var/lib/govassist");
    }

    @Test
    void dockerfile_builds_the_maven_jar_in_a_first_stage_and_runs_it_unprivileged_with_a_readiness_check()
            throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        List<String> stages = Pattern.compile("(?m)^FROM\\s+\\S+").matcher(dockerfile).results()
                .map(m -> m.group()).toList();
        assertThat(stages).hasSize(2);

        String pom = Files.readString(ROOT.resolve("assistant/pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>(.+?)</finalName>").matcher(pom);
        assertThat(finalName.find()).isTrue();
        assertThat(dockerfile).contains("COPY --from=build /src/assistant/target/" + finalName.group(1) + ".jar");
        for (String module : List.of("models", "ingestion", "frontend", "assistant")) {
            assertThat(dockerfile).as("the build stage has module " + module).contains("COPY " + module + "/ " + module + "/");
            assertThat(Files.isDirectory(ROOT.resolve(module))).isTrue();
        }

        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)").matcher(dockerfile);
        assertThat(user.find()).isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(dockerfile).contains("useradd --system --gid " + user.group(1));
        assertThat(dockerfile).containsPattern("(?s)HEALTHCHECK.*curl -fsS http://localhost:8080/actuator/health/readiness");
        assertThat(dockerfile).contains("ENV GOVASSIST_DATA_DIR=/var/lib/govassist");
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("**/target/");
    }
}
