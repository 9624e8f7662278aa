package io.govassist.models;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped fine-tuned model is the file its manifest describes, and the serving path (tokenizer, ONNX Runtime,
 * int8 graph, CLS pooling) reproduces the vectors the trainer computed in PyTorch for the manifest's probe questions.
 */
class TrainedModelTest {

    private static final String DIR = OnnxBertEmbeddingModel.TRAINED_MODEL_DIR;
    private static JsonNode manifest;
    private static OnnxBertEmbeddingModel model;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = TrainedModelTest.class.getResourceAsStream(DIR + "manifest.json")) {
            assertThat(in).as("manifest of the shipped model").isNotNull();
            manifest = new ObjectMapper().readTree(in);
        }
        model = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled(EmbeddingModelSettings.TRAINED_MODEL_ID));
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void shipped_file_matches_its_manifest_checksum() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = TrainedModelTest.class.getResourceAsStream(DIR + "model.onnx")) {
            sha.update(in.readAllBytes());
        }
        assertThat(HexFormat.of().formatHex(sha.digest()))
                .isEqualTo(manifest.path("files").path("model-int8.onnx").asText());
    }

    @Test
    void serving_path_reproduces_the_trainers_vectors() {
        assertThat(model.modelId()).isEqualTo(EmbeddingModelSettings.TRAINED_MODEL_ID);
        assertThat(model.queryInstruction()).isEqualTo(EmbeddingModelSettings.BGE_ZH_QUERY_INSTRUCTION);
        JsonNode texts = manifest.path("reference").path("texts");
        JsonNode vectors = manifest.path("reference").path("vectors");
        assertThat(texts.size()).isPositive().isEqualTo(vectors.size());
        for (int i = 0; i < texts.size(); i++) {
            String question = texts.get(i).asText();
            long[] expectedIds = new long[vectors.get(i).path("ids").size()];
            for (int t = 0; t < expectedIds.length; t++) {
                expectedIds[t] = vectors.get(i).path("ids").get(t).asLong();
            }
            assertThat(model.tokenIds(model.queryInstruction() + question)).as("token ids of %s", question)
                    .containsExactly(expectedIds);
            float[] ours = model.embedQuery(question).vector();
            JsonNode reference = vectors.get(i).path("vector");
            double dot = 0;
            for (int d = 0; d < ours.length; d++) {
                dot += ours[d] * reference.get(d).asDouble();
            }
            // int8 against the trainer's fp32: the base model's own int8 file reaches ~0.99 (docs/quality.md)
            assertThat(dot).as("cosine with the trainer's vector for %s", question).isGreaterThan(0.97);
        }
    }

    @Test
    void fine_tuned_model_differs_from_the_base_model() {
        try (OnnxBertEmbeddingModel base = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled())) {
            String q = manifest.path("reference").path("texts").get(0).asText();
            float[] a = base.embedQuery(q).vector();
            float[] b = model.embedQuery(q).vector();
            double dot = 0;
            for (int d = 0; d < a.length; d++) {
                dot += a[d] * b[d];
            }
            assertThat(dot).isLessThan(0.999);
        }
    }
}
