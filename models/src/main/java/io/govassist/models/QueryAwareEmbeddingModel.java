package io.govassist.models;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.List;

/**
 * A LangChain4j {@link EmbeddingModel} that knows the difference between passages and queries, and counts
 * tokens with its own tokenizer.
 *
 * <p>{@link #embed(String)} and {@link #embedAll(List)} embed <em>passages</em> (no instruction). BGE-style
 * models need an instruction in front of <em>queries</em>; {@link #embedQuery(String)} adds it. Indexed
 * clauses are never embedded with the instruction.
 *
 * <p>Implementation: {@link OnnxBertEmbeddingModel} — the bundled bge-small-zh-v1.5 (int8) or a configured
 * ONNX BERT model, on ONNX Runtime, in process, without network access.
 */
public interface QueryAwareEmbeddingModel extends EmbeddingModel {

    /** Stable id of the model, recorded in indexes so that vector spaces are never mixed. */
    String modelId();

    /** Embeds a search query (with the model's query instruction, if it has one). */
    Embedding embedQuery(String query);

    /** Embeds passages, batched; the result is in input order. */
    List<Embedding> embedPassages(List<String> passages);

    /** Embeds queries, batched; the result is in input order. */
    List<Embedding> embedQueries(List<String> queries);

    /** Tokens the model sees for {@code text}, special tokens included, without truncation. */
    int countTokens(String text);

    /**
     * The token ids the model runs for {@code text} (special tokens included, truncated to {@link #maxTokens()}):
     * what offline training (models/training) feeds its copy of the encoder, so both see the same tokens.
     */
    long[] tokenIds(String text);

    /** The model's window: inputs are truncated to this many tokens. */
    int maxTokens();

    /** The instruction prepended to queries, or the empty string. */
    String queryInstruction();
}
