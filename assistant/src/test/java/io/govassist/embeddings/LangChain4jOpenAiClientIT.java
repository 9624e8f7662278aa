package io.govassist.embeddings;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.govassist.DemoServerIT;
import io.govassist.models.QueryAwareEmbeddingModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static io.govassist.embeddings.OpenAiApiClient.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LangChain4j's own OpenAI client ({@link OpenAiEmbeddingModel}) against the running server. */
class LangChain4jOpenAiClientIT extends DemoServerIT {

    private static final List<String> CLAUSES = List.of(
            "推进人工智能+政务服务，建设智能客服、智能审批和智能监管系统，提升政务服务效能。",
            "行政机关应当及时、准确地公开政府信息。",
            "公民、法人或者其他组织可以向地方各级人民政府申请获取相关政府信息。",
            "加快建设全国一体化算力网，统筹通用算力、智能算力和超算资源。",
            "个人信息处理者应当采取必要措施保障所处理的个人信息的安全。");

    @Autowired
    QueryAwareEmbeddingModel model;

    private String key;

    @BeforeEach
    void key() {
        key = new OpenAiApiClient(server).newKey("LangChain4j 客户端");
    }

    private OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder client(String modelName) {
        return OpenAiEmbeddingModel.builder().baseUrl(server.base() + "/v1").apiKey(key).modelName(modelName);
    }

    @Test
    void embeds_segments_in_several_requests_with_the_servers_vectors_and_token_usage() {
        EmbeddingModel client = client("govassist-embed-zh-3").maxSegmentsPerBatch(2).build();
        Response<List<Embedding>> response = client.embedAll(CLAUSES.stream().map(TextSegment::from).toList());
        List<Embedding> embeddings = response.content();
        assertThat(embeddings).hasSize(CLAUSES.size());
        int tokens = 0;
        for (int i = 0; i < CLAUSES.size(); i++) {
            assertThat(embeddings.get(i).dimension()).isEqualTo(512);
            assertThat(cosine(embeddings.get(i).vector(), model.embedPassages(List.of(CLAUSES.get(i))).get(0).vector()))
                    .as(CLAUSES.get(i)).isGreaterThanOrEqualTo(0.9999);
            tokens += model.countTokens(CLAUSES.get(i));
        }
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(tokens);
    }

    @Test
    void query_alias_finds_the_matching_clause_first() {
        EmbeddingModel passages = client("govassist-embed-zh-3").build();
        EmbeddingModel queries = client("govassist-embed-zh-3-query").build();
        float[] query = queries.embed("政务服务智能化要建设哪些系统").content().vector();
        assertThat(cosine(query, model.embedQuery("政务服务智能化要建设哪些系统").vector())).isGreaterThanOrEqualTo(0.9999);
        List<Embedding> clauses = passages.embedAll(CLAUSES.stream().map(TextSegment::from).toList()).content();
        int best = 0;
        for (int i = 1; i < clauses.size(); i++) {
            if (cosine(query, clauses.get(i).vector()) > cosine(query, clauses.get(best).vector())) {
                best = i;
            }
        }
        assertThat(best).as("the 人工智能+政务服务 clause").isZero();
    }

    @Test
    void dimensions_setting_gives_shorter_vectors() {
        Embedding embedding = client("govassist-embed-zh-3").dimensions(128).build().embed(CLAUSES.get(0)).content();
        assertThat(embedding.dimension()).isEqualTo(128);
        assertThat(cosine(embedding.vector(), embedding.vector())).isGreaterThan(0.99999);
    }

    @Test
    void wrong_key_and_rate_limit_surface_as_langchain4j_exceptions() {
        EmbeddingModel wrongKey = OpenAiEmbeddingModel.builder().baseUrl(server.base() + "/v1").apiKey("ga-wrong")
                .modelName("govassist-embed-zh-3").maxRetries(0).build();
        assertThatThrownBy(() -> wrongKey.embed("政务"))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("invalid_api_key");

        String limited = new OpenAiApiClient(server).createKey("每分钟一次", ",\"requestsPerMinute\":1").get("key").asText();
        EmbeddingModel client = OpenAiEmbeddingModel.builder().baseUrl(server.base() + "/v1").apiKey(limited)
                .modelName("govassist-embed-zh-3").maxRetries(0).build();
        assertThat(client.embed("政务").content().dimension()).isEqualTo(512);
        assertThatThrownBy(() -> client.embed("政务"))
                .isInstanceOf(RateLimitException.class).hasMessageContaining("rate_limit_exceeded");
    }
}
