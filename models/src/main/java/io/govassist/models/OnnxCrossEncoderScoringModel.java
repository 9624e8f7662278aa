package io.govassist.models;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A LangChain4j {@link ScoringModel} for BERT-style cross-encoders (re-rankers such as bge-reranker) exported to ONNX:
 * each (query, passage) pair is tokenized as {@code [CLS] query [SEP] passage [SEP]} (truncated to 512 tokens, or to
 * the length given to {@link #load(Path, Path, int, int)}) and the model's single logit ({@code [batch, 1]} or
 * {@code [batch]}) is the score — higher is more relevant.
 *
 * <p>No re-ranker ships with GovAssist; configure one with {@code govassist.search.rerank.model-path} and
 * {@code tokenizer-path}.
 */
public final class OnnxCrossEncoderScoringModel implements ScoringModel, AutoCloseable {

    /** BERT's position limit; {@link #load(Path, Path, int, int)} takes a shorter one. */
    public static final int MAX_TOKENS = 512;
    private static final int BATCH = 8;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTokenTypeIds;

    private OnnxCrossEncoderScoringModel(byte[] model, Path tokenizerJson, int threads, int maxTokens)
            throws OrtException, IOException {
        this.environment = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        options.setInterOpNumThreads(1);
        this.session = environment.createSession(model, options);
        this.needsTokenTypeIds = session.getInputNames().contains("token_type_ids");
        this.tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                "truncation", "true", "maxLength", String.valueOf(maxTokens), "padding", "false"));
    }

    /**
     * Loads {@code model.onnx} and its {@code tokenizer.json}.
     *
     * @param threads ONNX Runtime intra-op threads; 0 = number of cores
     * @throws IllegalArgumentException when a file is missing or is not a usable model
     */
    public static OnnxCrossEncoderScoringModel load(Path modelPath, Path tokenizerPath, int threads) {
        return load(modelPath, tokenizerPath, threads, MAX_TOKENS);
    }

    /**
     * Loads {@code model.onnx} and its {@code tokenizer.json}, truncating each pair to {@code maxTokens}: the length
     * the model was trained on (attention costs grow with it).
     *
     * @throws IllegalArgumentException when a file is missing, is not a usable model, or maxTokens is not 16..512
     */
    public static OnnxCrossEncoderScoringModel load(Path modelPath, Path tokenizerPath, int threads, int maxTokens) {
        if (maxTokens < 16 || maxTokens > MAX_TOKENS) {
            throw new IllegalArgumentException("re-ranker maxTokens must be 16.." + MAX_TOKENS + ": " + maxTokens);
        }
        Objects.requireNonNull(modelPath, "modelPath");
        Objects.requireNonNull(tokenizerPath, "tokenizerPath");
        if (!Files.isRegularFile(modelPath)) {
            throw new IllegalArgumentException("re-ranker ONNX model not found: " + modelPath);
        }
        if (!Files.isRegularFile(tokenizerPath)) {
            throw new IllegalArgumentException("re-ranker tokenizer.json not found: " + tokenizerPath);
        }
        try {
            return new OnnxCrossEncoderScoringModel(Files.readAllBytes(modelPath), tokenizerPath, threads, maxTokens);
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load re-ranker " + modelPath + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read re-ranker files", e);
        }
    }

    @Override
    public Response<List<Double>> scoreAll(List<TextSegment> segments, String query) {
        Objects.requireNonNull(query, "query");
        List<Double> scores = new ArrayList<>(segments.size());
        for (int from = 0; from < segments.size(); from += BATCH) {
            List<Encoding> batch = new ArrayList<>();
            for (TextSegment segment : segments.subList(from, Math.min(segments.size(), from + BATCH))) {
                batch.add(tokenizer.encode(query, segment.text()));
            }
            scores.addAll(run(batch));
        }
        return Response.from(scores);
    }

    private List<Double> run(List<Encoding> batch) {
        int seq = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
        long[][] ids = new long[batch.size()][seq];
        long[][] mask = new long[batch.size()][seq];
        long[][] types = new long[batch.size()][seq];
        for (int b = 0; b < batch.size(); b++) {
            Encoding e = batch.get(b);
            System.arraycopy(e.getIds(), 0, ids[b], 0, e.getIds().length);
            System.arraycopy(e.getTypeIds(), 0, types[b], 0, e.getTypeIds().length);
            Arrays.fill(mask[b], 0, e.getIds().length, 1L);
        }
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, ids);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask);
             OnnxTensor typesTensor = OnnxTensor.createTensor(environment, types)) {
            Map<String, OnnxTensor> inputs = needsTokenTypeIds
                    ? Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor)
                    : Map.of("input_ids", idsTensor, "attention_mask", maskTensor);
            try (OrtSession.Result output = session.run(inputs)) {
                Object value = output.get(0).getValue();
                List<Double> scores = new ArrayList<>(batch.size());
                for (int b = 0; b < batch.size(); b++) {
                    scores.add(switch (value) {
                        case float[][] logits -> (double) logits[b][0];
                        case float[] logits -> (double) logits[b];
                        default -> throw new IllegalStateException("a cross-encoder must output one logit per pair, "
                                + "got " + value.getClass().getSimpleName());
                    });
                }
                return scores;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("re-ranker inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        tokenizer.close();
    }
}
