package io.govassist.models;

import java.nio.file.Path;

/**
 * How to load the embedding model.
 *
 * @param modelPath        a custom model.onnx, or {@code null} for the bundled bge-small-zh-v1.5 (int8)
 * @param tokenizerPath    the custom model's tokenizer.json (required with {@code modelPath})
 * @param pooling          the custom model's pooling mode
 * @param modelId          the custom model's id (defaults to the model file's parent folder name)
 * @param queryInstruction instruction prepended to queries; {@code null} means the model's default
 * @param threads          ONNX Runtime intra-op threads per inference; 0 means the number of cores
 * @param maxBatchSize     the most texts run through the model in one padded batch. The default is 1: the bundled
 *                         int8 model quantizes activations per tensor, so padding and neighbours in a batch shift a
 *                         text's vector (cosine 0.986 measured for a short text batched with long ones), and on
 *                         this class of CPU batching gained at most ~12% (see docs/benchmarks.md)
 */
public record EmbeddingModelSettings(Path modelPath, Path tokenizerPath, PoolingMode pooling, String modelId,
                                     String queryInstruction, int threads, int maxBatchSize) {

    public static final String BUNDLED_MODEL_ID = "bge-small-zh-v1.5";
    public static final String BGE_ZH_QUERY_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    public EmbeddingModelSettings {
        if (modelPath != null && tokenizerPath == null) {
            throw new IllegalArgumentException("a custom ONNX model needs its tokenizer.json as well");
        }
        if (threads < 0 || maxBatchSize < 1) {
            throw new IllegalArgumentException("threads must be >= 0 and maxBatchSize >= 1");
        }
        pooling = pooling == null ? PoolingMode.CLS : pooling;
    }

    /** The bundled model with default threads and batch size. */
    public static EmbeddingModelSettings bundled() {
        return new EmbeddingModelSettings(null, null, PoolingMode.CLS, null, null, 0, 1);
    }

    public boolean isBundled() {
        return modelPath == null;
    }
}
