package io.govassist.chat;

import io.govassist.training.ServiceIntentTraining;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service intents as the chat decides them (wording rules plus the bundled classifier over the default model's
 * query vectors), on questions they were not tuned on: the checking halves of both writers' sets and of the policy
 * dev set (see {@code docs/quality.md}).
 */
class ServiceIntentTest {

    private static final Path EVAL = Path.of("../eval");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static OnnxBertEmbeddingModel model;
    private static ServiceIntentDetector detector;

    @BeforeAll
    static void load() {
        model = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled(EmbeddingModelSettings.TRAINED_MODEL_ID));
        ServiceGuidanceProperties settings = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("govassist.chat.service", ServiceGuidanceProperties.class);
        detector = new ServiceIntentDetector(model,
                ServiceIntentClassifier.bundled(model.modelId(), JSON).orElseThrow(), settings);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void the_issues_examples_of_a_citizens_own_case_and_account_are_recognised_by_the_rules() {
        assertThat(ServiceIntent.of("我上个月交的公积金提取申请，批下来没有？")).contains(ServiceIntent.CASE_STATUS);
        assertThat(ServiceIntent.of("我在网上申请的残疾人补贴审核到哪一步了？")).contains(ServiceIntent.CASE_STATUS);
        assertThat(ServiceIntent.of("我孩子的出生证明办好了吗，能去哪里拿？")).contains(ServiceIntent.CASE_STATUS);
        assertThat(ServiceIntent.of("帮我查查我的医保卡里还剩多少钱。")).contains(ServiceIntent.PERSONAL_ACCOUNT);
        assertThat(ServiceIntent.of("成都明天天气怎么样？")).contains(ServiceIntent.REAL_TIME);
        assertThat(ServiceIntent.of("你帮我投诉一下楼下的烧烤店")).contains(ServiceIntent.ACT_FOR_ME);
    }

    @Test
    void questions_about_the_rules_behind_a_service_are_not_redirected() {
        assertThat(List.of("申请政府信息公开，多少天内必须答复我？", "供电企业计划停电要提前几天通知？",
                "帮我看看劳动合同试用期最长能约定多久？", "我想投诉，应该找哪个部门？", "帮我预约婚姻登记需要准备什么材料？",
                "我被公司辞退了，能要多少经济补偿？", "公司一直不给我交社保，我可以直接辞职并要求经济补偿吗？"))
                .allSatisfy(q -> assertThat(detector.detect(q)).as(q).isEmpty());
    }

    @Test
    void most_held_out_service_questions_are_redirected_and_few_rule_questions_are() throws IOException {
        List<String> redirect = new ArrayList<>();
        List<String> contrast = new ArrayList<>();
        for (String f : List.of("service/service-check.jsonl", "service-b/service-check.jsonl")) {
            redirect.addAll(questions(EVAL.resolve(f), "redirect"));
            contrast.addAll(questions(EVAL.resolve(f), "answer"));
        }
        assertThat(redirect).hasSize(90);
        List<String> missed = redirect.stream().filter(q -> detector.detect(q).isEmpty()).toList();
        // 77 of 90 with the stably trained classifier (docs/quality.md, "Session 10"); the 81 of 90 once reported came
        // from a step size at which training was chaotic
        assertThat(missed.size()).as("missed " + missed).isLessThanOrEqualTo(13);
        List<String> wrong = contrast.stream().filter(q -> detector.detect(q).isPresent()).toList();
        assertThat(wrong.size()).as("wrongly redirected " + wrong).isLessThanOrEqualTo(3);
    }

    @Test
    void at_most_three_percent_of_the_held_out_policy_questions_are_redirected() throws IOException {
        List<String> policy = new ArrayList<>(questions(EVAL.resolve("policy/policy-check.jsonl"), null));
        policy.addAll(questions(Path.of("src/test/resources/chat/in-scope-holdout.jsonl"), null));
        List<String> redirected = policy.stream().filter(q -> detector.detect(q).isPresent()).toList();
        assertThat(redirected.size()).as(redirected.toString()).isLessThanOrEqualTo(policy.size() * 3 / 100);
    }

    @Test
    void every_shipped_fine_tune_has_its_own_classifier_and_another_model_gets_the_rules_alone() {
        for (String id : EmbeddingModelSettings.TRAINED_MODEL_IDS) {
            assertThat(ServiceIntentClassifier.bundled(id, JSON)).as(id).hasValueSatisfying(c ->
                    assertThat(c.modelId()).isEqualTo(id));
        }
        assertThat(ServiceIntentClassifier.bundled(EmbeddingModelSettings.BUNDLED_MODEL_ID, JSON)).isEmpty();
        assertThat(ServiceIntentClassifier.bundled("../chat/x", JSON)).isEmpty();
    }

    @Test
    void training_separates_two_classes_deterministically() {
        float[][] x = {{1, 0}, {0.9f, 0.1f}, {0, 1}, {0.1f, 0.9f}};
        int[] y = {0, 0, 1, 1};
        double[][] w = ServiceIntentTraining.train(x, y, 2);
        assertThat(ServiceIntentTraining.train(x, y, 2)).isDeepEqualTo(w);
        ServiceIntentClassifier c = new ServiceIntentClassifier("m", List.of("NONE", "CASE_STATUS"),
                new float[][]{{(float) w[0][0], (float) w[0][1]}, {(float) w[1][0], (float) w[1][1]}},
                new float[]{(float) w[0][2], (float) w[1][2]});
        assertThat(c.intent(c.probabilities(new float[]{0.05f, 0.95f}), 0.6)).contains(ServiceIntent.CASE_STATUS);
        assertThat(c.intent(c.probabilities(new float[]{0.95f, 0.05f}), 0.6)).isEmpty();
    }

    @Test
    void training_is_stable_a_millionth_of_noise_in_the_vectors_does_not_change_the_weights() {
        // correlated unit vectors, as sentence embeddings are (cosine ~0.6 between unrelated questions)
        java.util.Random random = new java.util.Random(7);
        int n = 120, d = 32, classes = 5;
        float[] common = new float[d];
        for (int j = 0; j < d; j++) {
            common[j] = (float) random.nextGaussian();
        }
        float[][] x = new float[n][d];
        float[][] perturbed = new float[n][d];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < n / 2 ? 0 : 1 + i % (classes - 1);
            double norm = 0;
            for (int j = 0; j < d; j++) {
                x[i][j] = common[j] + 0.8f * (float) random.nextGaussian() + (j == y[i] ? 1.5f : 0);
                norm += x[i][j] * x[i][j];
            }
            for (int j = 0; j < d; j++) {
                x[i][j] /= (float) Math.sqrt(norm);
                perturbed[i][j] = x[i][j] + (float) (random.nextGaussian() * 1e-6);
            }
        }
        assertThat(maxDifference(ServiceIntentTraining.train(x, y, classes),
                ServiceIntentTraining.train(perturbed, y, classes))).isLessThan(1e-3);
        // the step size used before was chaotic on such data: the same noise moved the weights by whole units
        assertThat(maxDifference(ServiceIntentTraining.train(x, y, classes, 100, 2000),
                ServiceIntentTraining.train(perturbed, y, classes, 100, 2000))).isGreaterThan(0.1);
    }

    private static double maxDifference(double[][] a, double[][] b) {
        double max = 0;
        for (int k = 0; k < a.length; k++) {
            for (int j = 0; j < a[k].length; j++) {
                max = Math.max(max, Math.abs(a[k][j] - b[k][j]));
            }
        }
        return max;
    }

    static List<String> questions(Path file, String expect) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode n = JSON.readTree(line);
                if (expect == null || expect.equals(n.path("expect").asString(""))) {
                    out.add(n.path("question").asString());
                }
            }
        }
        return out;
    }
}
