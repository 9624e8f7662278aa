package io.govassist.embeddings;

import io.govassist.DemoServerIT;
import io.govassist.ServerTestSupport;
import io.govassist.models.QueryAwareEmbeddingModel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code src/test/node/embeddings.test.mjs} — the official {@code openai} npm client, version pinned in its
 * package-lock.json and installed here with {@code npm ci} from the npm registry — against the running server. Skipped
 * when node/npm are missing, except under {@code CI=true}, where that fails.
 */
class OpenAiNodeClientIT extends DemoServerIT {

    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-client");
    private static final List<String> FILES = List.of("package.json", "package-lock.json", "embeddings.test.mjs");

    @Autowired
    QueryAwareEmbeddingModel model;

    @Test
    void official_openai_node_client_embeds_a_batch_with_correct_shapes_and_similarities() throws Exception {
        String node = requireTool("node");
        String npm = requireTool("npm");
        install(npm);

        OpenAiApiClient api = new OpenAiApiClient(server);
        List<String> texts = List.of(
                "推进人工智能+政务服务，建设智能客服、智能审批和智能监管系统，提升政务服务效能。",
                "行政机关应当及时、准确地公开政府信息。",
                "公民、法人或者其他组织可以向地方各级人民政府申请获取相关政府信息。",
                "加快建设全国一体化算力网，统筹通用算力、智能算力和超算资源。");
        String query = "政务服务智能化要建设哪些系统";
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("texts", texts);
        List<float[]> passages = new ArrayList<>();
        model.embedPassages(texts).forEach(e -> passages.add(e.vector()));
        expected.put("passages", passages);
        expected.put("promptTokens", texts.stream().mapToInt(model::countTokens).sum());
        expected.put("query", query);
        expected.put("queryVector", model.embedQuery(query).vector());
        expected.put("relevantIndex", 0);
        Path expectedFile = WORK.resolve("expected.json");
        Files.writeString(expectedFile, ServerTestSupport.JSON.writeValueAsString(expected));

        ProcessBuilder run = new ProcessBuilder(node, "--test", "embeddings.test.mjs").directory(WORK.toFile())
                .redirectErrorStream(true);
        run.environment().put("GOVASSIST_BASE_URL", server.base() + "/v1");
        run.environment().put("GOVASSIST_API_KEY", api.newKey("Node openai 客户端"));
        run.environment().put("GOVASSIST_LIMITED_KEY",
                api.createKey("Node 限流", ",\"requestsPerMinute\":1").get("key").asText());
        run.environment().put("GOVASSIST_EXPECTED", expectedFile.toAbsolutePath().toString());
        Result result = execute(run, 300);
        System.out.println(result.output());
        assertThat(result.exitCode()).as("node --test output:\n" + result.output()).isZero();
        assertThat(result.output()).contains("# pass 6").contains("# fail 0");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result execute(ProcessBuilder builder, int timeoutSeconds) throws IOException, InterruptedException {
        Process process = builder.start();
        process.getOutputStream().close();
        // Output is small; read it fully, then wait (the process cannot block on a full pipe).
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", builder.command()) + " timed out:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** Copies the client project into target/ and runs {@code npm ci} there unless the same lock file is installed. */
    private static void install(String npm) throws Exception {
        Files.createDirectories(WORK);
        for (String file : FILES) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        String lockHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(WORK.resolve("package-lock.json"))));
        Path marker = WORK.resolve("node_modules").resolve(".govassist-lock-sha256");
        if (Files.isRegularFile(marker) && Files.readString(marker).equals(lockHash)
                && Files.isRegularFile(WORK.resolve("node_modules/openai/package.json"))) {
            return;
        }
        Result ci = execute(new ProcessBuilder(npm, "ci", "--no-audit", "--no-fund").directory(WORK.toFile())
                .redirectErrorStream(true), 300);
        assertThat(ci.exitCode()).as("npm ci failed:\n" + ci.output()).isZero();
        Files.writeString(marker, lockHash);
    }

    private static String requireTool(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        String message = name + " is not installed (needed for the openai npm client test; install Node.js >= 20 "
                + "with npm, e.g. apt-get install nodejs npm)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message + " — required under CI=true");
        }
        Assumptions.abort(message);
        return null;
    }
}
