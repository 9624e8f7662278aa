package io.govassist.models;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxBertEmbeddingModelTest {

    private static OnnxBertEmbeddingModel model;

    @BeforeAll
    static void load() {
        model = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void a_repeated_query_gets_the_same_vector_as_the_batch_path_and_callers_cannot_change_it() {
        String q = "政府信息公开申请应当包括哪些内容？";
        float[] batch = model.embedQueries(List.of(q)).get(0).vector();
        float[] first = model.embedQuery(q).vector();
        first[0] += 1f;
        float[] again = model.embedQuery(q).vector();
        assertThat(again).containsExactly(batch);
        for (int i = 0; i < OnnxBertEmbeddingModel.RECENT_QUERIES + 1; i++) {
            model.embedQuery("问题" + i);
        }
        assertThat(model.embedQuery(q).vector()).as("recomputed after eviction").containsExactly(batch);
    }

    @Test
    void bundled_model_is_bge_small_zh_with_512_dimensions() {
        assertThat(model.modelId()).isEqualTo("bge-small-zh-v1.5");
        assertThat(model.dimension()).isEqualTo(512);
        assertThat(model.maxTokens()).isEqualTo(512);
        Embedding e = model.embed("政务服务").content();
        assertThat(norm(e.vector())).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void matches_langchain4j_reference_implementation_of_the_same_model() {
        var reference = new BgeSmallZhV15QuantizedEmbeddingModel();
        String text = "推进政务领域智能支撑能力建设，支撑智能辅助审批、智能客服等政务领域智能应用建设。";
        float[] ours = model.embed(text).content().vector();
        float[] theirs = reference.embed(text).content().vector();
        assertThat(cosine(ours, theirs)).isGreaterThan(0.999);
    }

    @Test
    void query_instruction_is_added_to_queries_only() {
        String q = "政务服务智能化要建设哪些系统";
        float[] passage = model.embed(q).content().vector();
        float[] query = model.embedQuery(q).vector();
        float[] manual = model.embed(EmbeddingModelSettings.BGE_ZH_QUERY_INSTRUCTION + q).content().vector();
        assertThat(cosine(query, manual)).isGreaterThan(0.9999);
        assertThat(cosine(query, passage)).isLessThan(0.999);
    }

    @Test
    void batched_embeddings_equal_one_by_one_embeddings_in_input_order() {
        List<String> texts = List.of("短句", "人工智能+医疗由省卫生健康委牵头负责，省药监局、省医保局配合。",
                "第二十一条 除本条例第二十条规定的政府信息外，设区的市级、县级人民政府及其部门应当根据本地区的具体情况，主动公开涉及市政建设、公共服务、公益事业、土地征收、房屋征收、治安管理、社会救助等方面的政府信息。",
                "中", "政府信息公开");
        List<Embedding> batched = model.embedPassages(texts);
        for (int i = 0; i < texts.size(); i++) {
            float[] single = model.embed(texts.get(i)).content().vector();
            assertThat(cosine(batched.get(i).vector(), single)).as(texts.get(i)).isGreaterThan(0.9999);
        }
        var response = model.embedAll(texts.stream().map(TextSegment::from).toList());
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(texts.stream().mapToInt(model::countTokens).sum());
    }

    @Test
    void relevant_passage_is_closer_than_unrelated_one() {
        float[] q = model.embedQuery("看病用人工智能由哪个部门负责").vector();
        float[] medical = model.embed("人工智能+医疗。深化医工融合，组织开发AI辅助医疗器械新产品。（责任单位：省卫生健康委）").content().vector();
        float[] farming = model.embed("人工智能+农业。支持农业机器人、精量播种、智慧灌溉等高端智能农机装备研发。").content().vector();
        assertThat(cosine(q, medical)).isGreaterThan(cosine(q, farming));
    }

    @Test
    void counts_tokens_with_special_tokens_and_truncates_long_inputs() {
        assertThat(model.countTokens("政务服务")).isEqualTo(6);
        String longText = "政".repeat(2000);
        assertThat(model.countTokens(longText)).isEqualTo(2002);
        assertThat(model.embed(longText).content().vector()).hasSize(512);
    }

    @Test
    void concurrent_callers_get_the_same_vectors_as_sequential_ones() throws Exception {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            texts.add("第" + i + "项任务：推进政务数据共享与智能分析服务。");
        }
        List<float[]> sequential = texts.stream().map(t -> model.embed(t).content().vector()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[]>> futures = texts.stream().map(t -> pool.submit(() -> model.embed(t).content().vector())).toList();
            for (int i = 0; i < texts.size(); i++) {
                assertThat(cosine(futures.get(i).get(), sequential.get(i))).isGreaterThan(0.9999);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void custom_model_without_files_fails_with_a_clear_message() {
        var settings = new EmbeddingModelSettings(Path.of("/nonexistent/model.onnx"), Path.of("/nonexistent/tokenizer.json"),
                PoolingMode.MEAN, "custom", null, 1, 8);
        assertThatThrownBy(() -> OnnxBertEmbeddingModel.load(settings))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ONNX model file not found");
    }

    @Test
    void an_unknown_bundled_model_is_refused_naming_the_bundled_ones() {
        assertThatThrownBy(() -> EmbeddingModelSettings.bundled("bge-large-zh"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bge-large-zh").hasMessageContaining("bge-small-zh-v1.5")
                .hasMessageContaining("govassist-embed-zh-1");
        assertThat(EmbeddingModelSettings.bundled(null).bundledModel()).isEqualTo("bge-small-zh-v1.5");
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
