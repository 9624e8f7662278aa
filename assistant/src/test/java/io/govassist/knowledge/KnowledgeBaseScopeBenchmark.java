package io.govassist.knowledge;

import com.fasterxml.jackson.databind.JsonNode;
import io.govassist.GovAssistApplication;
import io.govassist.PostgresSupport;
import io.govassist.ServerTestSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Search latency with and without a knowledge-base scope, through HTTP on the demo corpus (benchmark tool, run by
 * hand, not a test): {@code POST /api/v1/search} for the in-scope chat questions, one client, in three conditions —
 * unscoped with no STAFF knowledge base (as before knowledge bases), unscoped with a STAFF knowledge base holding
 * 政府信息公开条例 (the store query then excludes it), and scoped to a PUBLIC knowledge base holding the AI plan. The
 * conditions alternate in rounds so drift in machine load hits all of them alike.
 *
 * <pre>KnowledgeBaseScopeBenchmark lucene|pgvector [rounds=4]</pre>
 */
public final class KnowledgeBaseScopeBenchmark {

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0] : "lucene";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        List<String> run = new ArrayList<>(List.of("--server.port=0", "--govassist.demo.enabled=true",
                "--govassist.admin.password=" + ServerTestSupport.ADMIN_PASSWORD, "--govassist.rate-limit.enabled=false",
                "--govassist.data-dir=" + Files.createTempDirectory("govassist-kb-bench-")));
        PostgresSupport db = new PostgresSupport();
        if (store.equals("pgvector")) {
            run.addAll(List.of("--govassist.store=pgvector", "--spring.datasource.url=" + db.newSchemaUrl("kb_bench"),
                    "--spring.datasource.username=" + PostgresSupport.USER,
                    "--spring.datasource.password=" + PostgresSupport.PASSWORD));
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(GovAssistApplication.class)
                .run(run.toArray(String[]::new))) {
            ServerTestSupport server = new ServerTestSupport(
                    Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
            server.awaitReady(Duration.ofMinutes(5));
            KnowledgeBaseScenario scenario = new KnowledgeBaseScenario(server);
            List<String> questions = questions();
            String plan = scenario.documentId(KnowledgeBaseScenario.PLAN);
            String law = scenario.documentId(KnowledgeBaseScenario.LAW);
            for (String q : questions) {
                scenario.search(q, null, null); // warm-up (and the embedding model's first calls)
            }
            Map<String, List<Long>> latencies = new LinkedHashMap<>();
            for (int r = 0; r < rounds; r++) {
                latencies.computeIfAbsent("unscoped, no STAFF knowledge base", k -> new ArrayList<>())
                        .addAll(time(scenario, questions, null));
                scenario.send("POST", "/api/v1/admin/knowledge-bases", KnowledgeBaseScenario.ADMIN,
                        "{\"id\":\"bench-staff\",\"name\":\"内部\",\"audience\":\"STAFF\"}");
                scenario.setDocuments("bench-staff", law);
                scenario.send("POST", "/api/v1/admin/knowledge-bases", KnowledgeBaseScenario.ADMIN,
                        "{\"id\":\"bench-plan\",\"name\":\"方案\",\"audience\":\"PUBLIC\"}");
                scenario.setDocuments("bench-plan", plan);
                latencies.computeIfAbsent("unscoped, STAFF knowledge base excluded", k -> new ArrayList<>())
                        .addAll(time(scenario, questions, null));
                latencies.computeIfAbsent("scoped to a PUBLIC knowledge base (1 document)", k -> new ArrayList<>())
                        .addAll(time(scenario, questions, "bench-plan"));
                scenario.send("DELETE", "/api/v1/admin/knowledge-bases/bench-staff", KnowledgeBaseScenario.ADMIN, null);
                scenario.send("DELETE", "/api/v1/admin/knowledge-bases/bench-plan", KnowledgeBaseScenario.ADMIN, null);
            }
            JsonNode docs = server.get("/api/v1/documents").json().get("documents");
            long clauses = 0;
            for (JsonNode d : docs) {
                clauses += d.get("clauseCount").asLong();
            }
            System.out.printf("store %s, %d documents, %d clauses, %d questions × %d rounds%n", store, docs.size(),
                    clauses, questions.size(), rounds);
            System.out.println("| condition | requests | p50 ms | p95 ms |");
            System.out.println("| --- | --- | --- | --- |");
            latencies.forEach((name, l) -> {
                long[] sorted = l.stream().mapToLong(Long::longValue).sorted().toArray();
                System.out.printf("| %s | %d | %.1f | %.1f |%n", name, sorted.length, pct(sorted, 0.50) / 1e6,
                        pct(sorted, 0.95) / 1e6);
            });
        } finally {
            if (store.equals("pgvector")) {
                db.dropAll();
            }
        }
    }

    private static List<Long> time(KnowledgeBaseScenario scenario, List<String> questions, String knowledgeBase) {
        List<Long> out = new ArrayList<>();
        for (String q : questions) {
            long start = System.nanoTime();
            scenario.search(q, knowledgeBase, null);
            out.add(System.nanoTime() - start);
        }
        return out;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static List<String> questions() throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                KnowledgeBaseScopeBenchmark.class.getResourceAsStream("/chat/in-scope-questions.jsonl"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(ServerTestSupport.JSON.readTree(line).get("question").asText().replace("\"", ""));
                }
            }
        }
        return out;
    }
}
