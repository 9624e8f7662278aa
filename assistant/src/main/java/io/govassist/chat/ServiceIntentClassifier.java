package io.govassist.chat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A softmax classifier over the question's query embedding: none of the intents, or one of {@link ServiceIntent}.
 * The wording rules of {@link ServiceIntent} are precise but miss phrasings they were not written for ("营业执照注销
 * 我都交了半个月了，到底还要等多久"); the embedding generalises over them. Weights are trained offline by
 * {@link io.govassist.training.ServiceIntentTraining} on the tuning halves of {@code eval/service*} and the policy dev set, one
 * file per bundled embedding model; any other model gets no classifier (the rules alone).
 *
 * @param modelId the embedding model whose query vectors the weights expect
 * @param kinds   the classes: {@code NONE} first, then intent names
 */
public record ServiceIntentClassifier(String modelId, List<String> kinds, float[][] weights, float[] bias) {

    /** One file per embedding model, named by its id: {@code service-intents/<modelId>.json}. */
    static final String RESOURCE_DIR = "/io/govassist/chat/service-intents/";

    public ServiceIntentClassifier {
        kinds = List.copyOf(kinds);
        if (kinds.isEmpty() || !"NONE".equals(kinds.getFirst()) || weights.length != kinds.size()
                || bias.length != kinds.size()) {
            throw new IllegalArgumentException("classifier classes, weights and biases must agree, NONE first");
        }
        for (String k : kinds.subList(1, kinds.size())) {
            ServiceIntent.valueOf(k);
        }
    }

    /** Class probabilities for a query vector, in {@link #kinds} order. */
    double[] probabilities(float[] vector) {
        double[] z = new double[kinds.size()];
        for (int k = 0; k < z.length; k++) {
            if (weights[k].length != vector.length) {
                throw new IllegalArgumentException("vector has " + vector.length + " dimensions, classifier "
                        + weights[k].length);
            }
            double s = bias[k];
            for (int j = 0; j < vector.length; j++) {
                s += weights[k][j] * vector[j];
            }
            z[k] = s;
        }
        return softmax(z);
    }

    /** {@code logits} turned into probabilities, in place. */
    public static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            logits[k] = Math.exp(logits[k] - max);
            sum += logits[k];
        }
        for (int k = 0; k < logits.length; k++) {
            logits[k] /= sum;
        }
        return logits;
    }

    /** The probability of {@code NONE}: the question is an ordinary one. */
    double none(double[] probabilities) {
        return probabilities[0];
    }

    /** The most probable intent when it reaches {@code minConfidence}. */
    Optional<ServiceIntent> intent(double[] probabilities, double minConfidence) {
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        return best == 0 || probabilities[best] < minConfidence ? Optional.empty()
                : Optional.of(ServiceIntent.valueOf(kinds.get(best)));
    }

    /** The bundled classifier trained for {@code modelId}, if one is. */
    static Optional<ServiceIntentClassifier> bundled(String modelId, JsonMapper json) {
        if (modelId.contains("/") || modelId.contains("..")) {
            return Optional.empty();
        }
        try (InputStream in = ServiceIntentClassifier.class.getResourceAsStream(RESOURCE_DIR + modelId + ".json")) {
            if (in == null) {
                return Optional.empty();
            }
            ServiceIntentClassifier c = read(json.readTree(in));
            return c.modelId().equals(modelId) ? Optional.of(c) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ServiceIntentClassifier read(JsonNode n) {
        List<String> kinds = new ArrayList<>();
        n.get("kinds").forEach(k -> kinds.add(k.asString()));
        float[][] w = new float[kinds.size()][];
        float[] b = new float[kinds.size()];
        for (int k = 0; k < kinds.size(); k++) {
            JsonNode row = n.get("weights").get(k);
            w[k] = new float[row.size()];
            for (int j = 0; j < row.size(); j++) {
                w[k][j] = (float) row.get(j).asDouble();
            }
            b[k] = (float) n.get("bias").get(k).asDouble();
        }
        return new ServiceIntentClassifier(n.get("modelId").asString(), kinds, w, b);
    }
}
