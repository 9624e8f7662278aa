package io.govassist.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SearchConfigurationTest {

    @TempDir
    Path tmp;

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SearchQualityProperties.class)
    static class Properties {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, SearchConfiguration.class);

    @Test
    void no_reranker_by_default_and_the_vocabulary_transformer_is_the_query_transformer() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(ScoringModel.class);
            assertThat(context.getBean(QueryTransformer.class).transform(Query.from("房东")))
                    .singleElement().satisfies(q -> assertThat(q.text()).contains("出租人"));
        });
    }

    @Test
    void a_configured_onnx_cross_encoder_becomes_the_scoring_model() throws IOException {
        // a real ONNX model with a cross-encoder's interface; its logit counts the passage's tokens (see models tests)
        Path model = tmp.resolve("model.onnx");
        Files.write(model, resource("/cross-encoder/token-count-cross-encoder.onnx"));
        Path tokenizer = tmp.resolve("tokenizer.json");
        Files.write(tokenizer, resource("/bge-small-zh-v1.5-q-tokenizer.json"));
        runner.withPropertyValues("govassist.search.rerank.model-path=" + model,
                "govassist.search.rerank.tokenizer-path=" + tokenizer).run(context -> {
            ScoringModel scoring = context.getBean(ScoringModel.class);
            List<Double> scores = scoring.scoreAll(List.of(TextSegment.from("短文"), TextSegment.from("一段更长的条文内容")),
                    "问题").content();
            assertThat(scores.get(1)).isGreaterThan(scores.get(0));
        });
    }

    @Test
    void a_model_path_without_tokenizer_stops_startup_with_a_clear_message() {
        runner.withPropertyValues("govassist.search.rerank.model-path=/models/reranker.onnx").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("govassist.search.rerank.tokenizer-path");
        });
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SearchConfigurationTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
