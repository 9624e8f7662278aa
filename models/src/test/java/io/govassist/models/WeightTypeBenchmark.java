package io.govassist.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Embedding latency of one fine-tuned model stored two ways — MatMulInteger weights as int8 (before 2026-12-05) and
 * as uint8 (shipped) — in one run, the two interleaved per round so machine load falls on both alike; also the
 * cosine between their vectors (1.0 on CPUs with VNNI, far lower on AVX2-only CPUs, where ONNX Runtime saturates
 * uint8 x int8 products). Not a test: run by hand, e.g.
 * <pre>
 * git show d2ac75b:models/src/main/resources/io/govassist/models/govassist-embed-zh-1/model.onnx &gt; /tmp/int8.onnx
 * ./mvnw -q -pl models test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt -Dmdep.includeScope=test
 * java -cp models/target/test-classes:models/target/classes:$(cat models/cp.txt) \
 *     io.govassist.models.WeightTypeBenchmark /tmp/int8.onnx govassist-embed-zh-1 ../shared/eval/stard/train.jsonl
 * </pre>
 */
final class WeightTypeBenchmark {

    public static void main(String[] args) throws Exception {
        Path int8 = Path.of(args[0]);
        String shipped = args[1];
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[2]))) {
            int at = line.indexOf("\"query\": \"") >= 0 ? line.indexOf("\"query\": \"") + 10 : line.indexOf("\"question\": \"") + 13;
            if (at > 12 && questions.size() < 200) {
                questions.add(line.substring(at, line.indexOf('"', at)));
            }
        }
        Path tokenizer = Files.createTempFile("tokenizer", ".json");
        try (var in = OnnxBertEmbeddingModel.class.getResourceAsStream("/bge-small-zh-v1.5-q-tokenizer.json")) {
            Files.write(tokenizer, in.readAllBytes());
        }
        try (OnnxBertEmbeddingModel u8 = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled(shipped));
             OnnxBertEmbeddingModel s8 = OnnxBertEmbeddingModel.load(new EmbeddingModelSettings(int8, tokenizer,
                     PoolingMode.CLS, "int8", EmbeddingModelSettings.BGE_ZH_QUERY_INSTRUCTION, 0, 1))) {
            double minCos = 1;
            for (String q : questions.subList(0, Math.min(50, questions.size()))) {
                float[] a = u8.embedPassages(List.of(q)).get(0).vector();
                float[] b = s8.embedPassages(List.of(q)).get(0).vector();
                double dot = 0;
                for (int i = 0; i < a.length; i++) {
                    dot += a[i] * b[i];
                }
                minCos = Math.min(minCos, dot);
            }
            System.out.printf("questions %d, min cosine uint8 vs int8 weights %.6f%n", questions.size(), minCos);
            long[][] times = new long[2][];
            List<Long> tu = new ArrayList<>(), ts = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (String q : questions) {
                    long t0 = System.nanoTime();
                    u8.embedPassages(List.of(q));
                    long t1 = System.nanoTime();
                    s8.embedPassages(List.of(q));
                    long t2 = System.nanoTime();
                    if (round > 0) {
                        tu.add(t1 - t0);
                        ts.add(t2 - t1);
                    }
                }
            }
            times[0] = tu.stream().mapToLong(Long::longValue).sorted().toArray();
            times[1] = ts.stream().mapToLong(Long::longValue).sorted().toArray();
            String[] names = {"uint8 weights (shipped)", "int8 weights (before)"};
            for (int k = 0; k < 2; k++) {
                long[] t = times[k];
                System.out.printf("%s: p50 %.2f ms, p95 %.2f ms, mean %.2f ms (n=%d)%n", names[k], t[t.length / 2] / 1e6,
                        t[(int) (t.length * 0.95)] / 1e6, Arrays.stream(t).average().orElse(0) / 1e6, t.length);
            }
        }
    }
}
