package io.govassist.training;

import io.govassist.chat.ServiceIntentClassifier;
import io.govassist.eval.CommandArguments;
import io.govassist.models.QueryAwareEmbeddingModel;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code java -jar govassist.jar train-service-intents FILE.jsonl… --out FILE}: trains the {@link
 * ServiceIntentClassifier} — softmax regression on the configured model's query vectors, full-batch gradient descent
 * from zero weights (deterministic), classes weighted to balance — from question sets: lines with
 * {@code "expect": "redirect"} teach their {@code kind}, every other line (the policy dev set, rule questions,
 * local-figure questions) teaches {@code NONE}. Writes the weights with the model id, the files' checksums and the
 * settings. Offline tool; the bundled file was made from the tuning halves only (see {@code docs/quality.md}).
 */
@Component
@Profile("cli")
public class ServiceIntentTraining implements ApplicationRunner, ExitCodeGenerator {

    static final String COMMAND = "train-service-intents";
    static final double LEARNING_RATE = 10;
    static final double L2 = 1e-4;
    static final int EPOCHS = 10_000;
    static final List<String> KINDS = List.of("NONE", "CASE_STATUS", "PERSONAL_ACCOUNT", "REAL_TIME", "ACT_FOR_ME");

    private final QueryAwareEmbeddingModel model;
    private final JsonMapper json;
    private int exitCode;

    ServiceIntentTraining(QueryAwareEmbeddingModel model, JsonMapper json) {
        this.model = model;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        List<String> raw = CommandArguments.of(args, COMMAND).orElse(null);
        if (raw == null) {
            return;
        }
        List<String> files = new ArrayList<>();
        String out = null;
        for (int i = 0; i < raw.size(); i++) {
            String a = raw.get(i);
            if (a.equals("--out") && i + 1 < raw.size()) {
                out = raw.get(++i);
            } else if (a.startsWith("--out=")) {
                out = a.substring("--out=".length());
            } else if (!a.startsWith("--")) {
                files.add(a);
            }
        }
        if (files.isEmpty() || out == null) {
            System.err.println("usage: java -jar govassist.jar " + COMMAND + " FILE.jsonl... --out FILE");
            exitCode = 2;
            return;
        }
        List<String> questions = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        ArrayNode sources = json.createArrayNode();
        for (String f : files) {
            Path path = Path.of(f);
            byte[] bytes = Files.readAllBytes(path);
            sources.addObject().put("file", (path.getParent() == null ? "" : path.getParent().getFileName() + "/") + path.getFileName()).put("sha256", sha256(bytes));
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                questions.add(n.get("question").asString());
                labels.add("redirect".equals(n.path("expect").asString("")) ? KINDS.indexOf(n.get("kind").asString()) : 0);
            }
        }
        if (labels.contains(-1)) {
            System.err.println(COMMAND + ": a redirect line has a kind other than " + KINDS.subList(1, KINDS.size()));
            exitCode = 2;
            return;
        }
        float[][] x = model.embedQueries(questions).stream().map(e -> e.vector()).toArray(float[][]::new);
        double[][] w = train(x, labels.stream().mapToInt(Integer::intValue).toArray(), KINDS.size());
        ObjectNode root = json.createObjectNode();
        root.put("modelId", model.modelId());
        root.putPOJO("kinds", KINDS);
        ArrayNode weights = root.putArray("weights");
        ArrayNode bias = root.putArray("bias");
        int d = x[0].length;
        for (double[] row : w) {
            ArrayNode r = weights.addArray();
            for (int j = 0; j < d; j++) {
                r.add((float) row[j]);
            }
            bias.add((float) row[d]);
        }
        root.set("trainedOn", sources);
        root.putObject("settings").put("learningRate", LEARNING_RATE).put("l2", L2).put("epochs", EPOCHS)
                .put("questions", questions.size());
        Files.writeString(Path.of(out), json.writeValueAsString(root), StandardCharsets.UTF_8);
        System.err.println(COMMAND + ": " + questions.size() + " questions, written to " + out);
    }

    /** Weights (last column: bias) of class-balanced softmax regression by full-batch gradient descent. */
    public static double[][] train(float[][] x, int[] y, int classes) {
        return train(x, y, classes, LEARNING_RATE, EPOCHS);
    }

    /** {@link #train(float[][], int[], int)} with another step size and number of steps. */
    public static double[][] train(float[][] x, int[] y, int classes, double learningRate, int epochs) {
        int n = x.length;
        int d = x[0].length;
        double[] classWeight = new double[classes];
        for (int label : y) {
            classWeight[label]++;
        }
        for (int k = 0; k < classes; k++) {
            classWeight[k] = n / (classes * Math.max(1, classWeight[k]));
        }
        double[][] w = new double[classes][d + 1];
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[][] g = new double[classes][d + 1];
            for (int i = 0; i < n; i++) {
                double[] p = softmax(w, x[i]);
                for (int k = 0; k < classes; k++) {
                    double e = (p[k] - (k == y[i] ? 1 : 0)) * classWeight[y[i]];
                    for (int j = 0; j < d; j++) {
                        g[k][j] += e * x[i][j];
                    }
                    g[k][d] += e;
                }
            }
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j <= d; j++) {
                    w[k][j] -= learningRate * (g[k][j] / n + (j < d ? L2 * w[k][j] : 0));
                }
            }
        }
        return w;
    }

    private static double[] softmax(double[][] w, float[] x) {
        int d = x.length;
        double[] z = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            double s = w[k][d];
            for (int j = 0; j < d; j++) {
                s += w[k][j] * x[j];
            }
            z[k] = s;
        }
        return ServiceIntentClassifier.softmax(z);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
