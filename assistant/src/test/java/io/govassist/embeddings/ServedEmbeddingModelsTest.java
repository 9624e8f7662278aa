package io.govassist.embeddings;

import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.models.PoolingMode;
import io.govassist.system.GovAssistProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServedEmbeddingModelsTest {

    @TempDir
    Path tmp;

    private static <T> T bind(String prefix, Class<T> type) {
        return new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate(prefix, type);
    }

    @Test
    void a_custom_onnx_model_is_served_beside_the_bundled_one_each_with_a_query_alias() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("custom-bge"));
        try (InputStream model = getClass().getResourceAsStream("/bge-small-zh-v1.5-q.onnx");
             InputStream tokenizer = getClass().getResourceAsStream("/bge-small-zh-v1.5-q-tokenizer.json")) {
            Files.copy(model, folder.resolve("model.onnx"));
            Files.copy(tokenizer, folder.resolve("tokenizer.json"));
        }
        try (OnnxBertEmbeddingModel custom = OnnxBertEmbeddingModel.load(new EmbeddingModelSettings(
                folder.resolve("model.onnx"), folder.resolve("tokenizer.json"), PoolingMode.CLS, null, "查询：", 0, 1));
             ServedEmbeddingModels served = new EmbeddingApiConfiguration().servedEmbeddingModels(custom,
                     bind("govassist", GovAssistProperties.class), bind("govassist.embedding-api", EmbeddingApiProperties.class),
                     new EmbeddingApiMetrics(new SimpleMeterRegistry()))) {
            assertThat(served.names()).containsExactly("custom-bge", "custom-bge-query", "bge-small-zh-v1.5",
                    "bge-small-zh-v1.5-query");

            ServedEmbeddingModels.Resolved customQuery = served.resolve("custom-bge-query").orElseThrow();
            assertThat(customQuery.query()).isTrue();
            assertThat(customQuery.served().model()).isSameAs(custom);
            assertThat(customQuery.served().model().queryInstruction()).isEqualTo("查询：");

            ServedEmbeddingModels.Resolved bundled = served.resolve("bge-small-zh-v1.5").orElseThrow();
            assertThat(bundled.query()).isFalse();
            assertThat(bundled.served().model()).isNotSameAs(custom);
            assertThat(bundled.served().model().queryInstruction()).isEqualTo(EmbeddingModelSettings.BGE_ZH_QUERY_INSTRUCTION);
            assertThat(bundled.served().batcher().submit(List.of("政务服务"), false).get().get(0).dimension()).isEqualTo(512);

            assertThat(served.resolve("custom")).isEmpty();
            assertThat(served.resolve("-query")).isEmpty();
            assertThat(served.resolve("bge-small-zh-v1.5-query-query")).isEmpty();
        }
    }
}
