package io.govassist.models;

import dev.langchain4j.data.segment.TextSegment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the real ONNX path with {@code cross-encoder/token-count-cross-encoder.onnx} (made by
 * {@code src/test/scripts/make_token_count_cross_encoder.py}): a model with a cross-encoder's inputs and output whose
 * logit is the number of tokens in the pair's second segment — so every score can be checked against the tokenizer.
 */
class OnnxCrossEncoderScoringModelTest {

    private static Path dir;
    private static OnnxCrossEncoderScoringModel scorer;
    private static OnnxBertEmbeddingModel counter;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("cross-encoder");
        copy("/cross-encoder/token-count-cross-encoder.onnx", dir.resolve("model.onnx"));
        copy("/bge-small-zh-v1.5-q-tokenizer.json", dir.resolve("tokenizer.json"));
        scorer = OnnxCrossEncoderScoringModel.load(dir.resolve("model.onnx"), dir.resolve("tokenizer.json"), 1);
        counter = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled());
    }

    @AfterAll
    static void close() {
        scorer.close();
        counter.close();
    }

    private static void copy(String resource, Path target) throws IOException {
        try (InputStream in = OnnxCrossEncoderScoringModelTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Files.copy(in, target);
        }
    }

    @Test
    void scores_each_query_passage_pair_from_the_models_logit_in_input_order() {
        List<String> passages = List.of("出租人应当履行租赁物的维修义务。", "承租人应当按照约定的期限支付租金。",
                "租赁期限届满，承租人应当返还租赁物。返还的租赁物应当符合按照约定或者根据租赁物的性质使用后的状态。",
                "短", "第七百零三条 租赁合同是出租人将租赁物交付承租人使用、收益，承租人支付租金的合同。",
                "行政机关应当建立健全政府信息公开协调机制。", "公民", "人工智能", "政务服务智能化");
        List<TextSegment> segments = passages.stream().map(TextSegment::from).toList();
        List<Double> scores = scorer.scoreAll(segments, "房东不修房子怎么办").content();
        assertThat(scores).hasSize(passages.size());
        List<Double> expected = new ArrayList<>();
        for (String p : passages) {
            // [CLS] query [SEP] passage [SEP]: the second segment is the passage's tokens and its [SEP]
            expected.add((double) (counter.countTokens(p) - 1));
        }
        assertThat(scores).containsExactlyElementsOf(expected);
    }

    @Test
    void long_pairs_are_truncated_to_the_model_window() {
        double score = scorer.score("承租人".repeat(400), "问题").content();
        assertThat(score).isLessThan(512).isGreaterThan(100);
    }

    @Test
    void a_shorter_window_truncates_pairs_to_the_length_the_model_was_trained_on() {
        try (OnnxCrossEncoderScoringModel short64 = OnnxCrossEncoderScoringModel.load(dir.resolve("model.onnx"),
                dir.resolve("tokenizer.json"), 1, 64)) {
            // the whole pair fits in 64 tokens: the question's [CLS] … [SEP] plus the clause's tokens and [SEP]
            double clause = short64.score("承租人".repeat(400), "房东不修房子怎么办").content();
            assertThat(clause).isGreaterThan(0).isLessThan(64 - 2);
            assertThat(short64.score("短", "房东不修房子怎么办").content())
                    .isEqualTo(scorer.score("短", "房东不修房子怎么办").content());
        }
        assertThatThrownBy(() -> OnnxCrossEncoderScoringModel.load(dir.resolve("model.onnx"),
                dir.resolve("tokenizer.json"), 1, 513)).hasMessageContaining("maxTokens must be 16..512");
    }

    @Test
    void missing_files_are_reported_by_path(@TempDir Path empty) {
        assertThatThrownBy(() -> OnnxCrossEncoderScoringModel.load(empty.resolve("model.onnx"), dir.resolve("tokenizer.json"), 0))
                .hasMessageContaining("re-ranker ONNX model not found").hasMessageContaining("model.onnx");
        assertThatThrownBy(() -> OnnxCrossEncoderScoringModel.load(dir.resolve("model.onnx"), empty.resolve("tokenizer.json"), 0))
                .hasMessageContaining("tokenizer.json not found");
    }
}
