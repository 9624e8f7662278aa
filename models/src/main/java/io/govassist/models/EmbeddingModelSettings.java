package io.govassist.models;

import java.nio.file.Path;
import java.util.List;

/**
 * How to load the embedding model.
 *
 * @param modelPath        a custom model.onnx, or {@code null} for a bundled model ({@code bundledModel})
 * @param tokenizerPath    the custom model's tokenizer.json (required with {@code modelPath})
 * @param pooling          the custom model's pooling mode
 * @param modelId          the custom model's id (defaults to the model file's parent folder name)
 * @param queryInstruction instruction prepended to queries; {@code null} means the model's default
 * @param threads          ONNX Runtime intra-op threads per inference; 0 means the number of cores
 * @param maxBatchSize     the most texts run through the model in one padded batch. The default is 1: the bundled
 *                         int8 model quantizes activations per tensor, so padding and neighbours in a batch shift a
 *                         text's vector (cosine 0.986 measured for a short text batched with long ones), and on
 *                         this class of CPU batching gained at most ~12% (see docs/benchmarks.md)
 * @param bundledModel     which bundled model to run when {@code modelPath} is {@code null}: {@link #BUNDLED_MODEL_ID}
 *                         (bge-small-zh-v1.5, int8) or one of {@link #TRAINED_MODEL_IDS} (its fine-tunes for our
 *                         domain, see models/training/README.md); {@code null} means the base model
 */
public record EmbeddingModelSettings(Path modelPath, Path tokenizerPath, PoolingMode pooling, String modelId,
                                     String queryInstruction, int threads, int maxBatchSize, String bundledModel) {

    /** The base model: bge-small-zh-v1.5 (int8) from LangChain4j's artifact. */
    public static final String BUNDLED_MODEL_ID = "bge-small-zh-v1.5";
    /** The current fine-tune of bge-small-zh-v1.5 on question → clause pairs (models/training), int8, shipped here. */
    public static final String TRAINED_MODEL_ID = "govassist-embed-zh-3";
    /**
     * Every fine-tune shipped in this module, oldest first. Earlier ones stay loadable so that an index built with
     * one keeps working after an upgrade until the operator runs {@code reindex}.
     */
    public static final List<String> TRAINED_MODEL_IDS = List.of("govassist-embed-zh-1", "govassist-embed-zh-2", TRAINED_MODEL_ID);
    public static final String BGE_ZH_QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    public EmbeddingModelSettings(Path modelPath, Path tokenizerPath, PoolingMode pooling, String modelId,
                                  String queryInstruction, int threads, int maxBatchSize) {
        this(modelPath, tokenizerPath, pooling, modelId, queryInstruction, threads, maxBatchSize, null);
    }

    public EmbeddingModelSettings {
        if (modelPath != null && tokenizerPath == null) {
            throw new IllegalArgumentException("a custom ONNX model needs its tokenizer.json as well");
        }
        if (threads < 0 || maxBatchSize < 1) {
            throw new IllegalArgumentException("threads must be >= 0 and maxBatchSize >= 1");
        }
        pooling = pooling == null ? PoolingMode.CLS : pooling;
        bundledModel = bundledModel == null || bundledModel.isBlank() ? BUNDLED_MODEL_ID : bundledModel.strip();
        if (!bundledModel.equals(BUNDLED_MODEL_ID) && !TRAINED_MODEL_IDS.contains(bundledModel)) {
            throw new IllegalArgumentException("unknown bundled embedding model '" + bundledModel + "' (bundled: "
                    + BUNDLED_MODEL_ID + ", " + String.join(", ", TRAINED_MODEL_IDS) + ")");
        }
    }

    /** A bundled model with default threads and batch size. */
    public static EmbeddingModelSettings bundled(String bundledModel) {
        return new EmbeddingModelSettings(null, null, PoolingMode.CLS, null, null, 0, 1, bundledModel);
    }

    /** The base bundled model with default threads and batch size. */
    public static EmbeddingModelSettings bundled() {
        return new EmbeddingModelSettings(null, null, PoolingMode.CLS, null, null, 0, 1);
    }

    public boolean isBundled() {
        return modelPath == null;
    }
}
