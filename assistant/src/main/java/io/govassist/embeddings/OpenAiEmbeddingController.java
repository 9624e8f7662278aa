package io.govassist.embeddings;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.langchain4j.data.embedding.Embedding;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.security.apikeys.ApiKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The OpenAI-compatible embedding API for other portals: {@code POST /v1/embeddings}, {@code GET /v1/models},
 * {@code GET /v1/models/{id}}. Callers authenticate with an API key (see {@code SecurityConfiguration}); errors use
 * OpenAI's error shape ({@link OpenAiExceptionResolver}).
 */
@RestController
@RequestMapping("/v1")
@ConditionalOnWebApplication
class OpenAiEmbeddingController {

    private final ServedEmbeddingModels models;
    private final ApiKeyRateLimiter limiter;
    private final EmbeddingApiProperties settings;
    private final EmbeddingApiMetrics metrics;
    private final ObjectMapper json;

    OpenAiEmbeddingController(ServedEmbeddingModels models, ApiKeyRateLimiter limiter, EmbeddingApiProperties settings,
                              EmbeddingApiMetrics metrics, ObjectMapper json) {
        this.models = models;
        this.limiter = limiter;
        this.settings = settings;
        this.metrics = metrics;
        this.json = json;
    }

    record EmbeddingData(String object, int index, Object embedding) {
    }

    record Usage(@JsonProperty("prompt_tokens") long promptTokens, @JsonProperty("total_tokens") long totalTokens) {
    }

    record EmbeddingList(String object, List<EmbeddingData> data, String model, Usage usage) {
    }

    record ModelInfo(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }

    record ModelList(String object, List<ModelInfo> data) {
    }

    /** A validated request. */
    private record Parsed(ServedEmbeddingModels.Resolved model, List<String> inputs, boolean base64, Integer dimensions,
                          boolean truncate) {
    }

    @PostMapping("/embeddings")
    EmbeddingList embeddings(HttpServletRequest request, HttpServletResponse response,
                             @AuthenticationPrincipal ApiKey key) {
        long start = System.nanoTime();
        ApiKeyRateLimiter.Decision requests = limiter.tryAcquireRequest(key);
        response.setHeader("x-ratelimit-limit-requests", String.valueOf(requests.limit()));
        response.setHeader("x-ratelimit-remaining-requests", String.valueOf(requests.remaining()));
        if (!requests.allowed()) {
            throw OpenAiApiException.rateLimited("requests", "请求过于频繁：此 API 密钥每分钟最多 " + requests.limit()
                    + " 个请求，请稍后重试", requests.retryAfter());
        }
        Parsed parsed = parse(read(request));
        QueryAwareEmbeddingModel model = parsed.model().served().model();
        long tokens = countTokens(model, parsed);

        ApiKeyRateLimiter.Decision budget = limiter.tryAcquireTokens(key, tokens);
        response.setHeader("x-ratelimit-limit-tokens", String.valueOf(budget.limit()));
        response.setHeader("x-ratelimit-remaining-tokens", String.valueOf(budget.remaining()));
        if (!budget.allowed()) {
            if (budget.retryAfter() == null) {
                throw OpenAiApiException.tooLarge("input", "tokens_per_minute_exceeded", "此请求有 " + tokens
                        + " 个词元，超过此 API 密钥每分钟 " + budget.limit() + " 个词元的额度，请拆分成较小的请求");
            }
            throw OpenAiApiException.rateLimited("tokens", "词元用量过快：此 API 密钥每分钟最多 " + budget.limit()
                    + " 个词元，请稍后重试", budget.retryAfter());
        }

        List<Embedding> vectors = embed(parsed, key, tokens);
        List<EmbeddingData> data = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            float[] vector = vectors.get(i).vector();
            if (parsed.dimensions() != null) {
                vector = EmbeddingVectors.shorten(vector, parsed.dimensions());
            }
            data.add(new EmbeddingData("embedding", i, parsed.base64() ? EmbeddingVectors.base64(vector) : vector));
        }
        metrics.served(model.modelId(), data.size(), tokens, Duration.ofNanos(System.nanoTime() - start));
        return new EmbeddingList("list", data, parsed.model().name(), new Usage(tokens, tokens));
    }

    @GetMapping("/models")
    ModelList models() {
        return new ModelList("list", models.names().stream().map(this::info).toList());
    }

    @GetMapping("/models/{id}")
    ModelInfo model(@PathVariable String id) {
        return models.resolve(id).map(r -> info(r.name())).orElseThrow(() -> modelNotFound(id));
    }

    private ModelInfo info(String name) {
        return new ModelInfo(name, "model", models.createdEpochSeconds(), "govassist");
    }

    private byte[] read(HttpServletRequest request) {
        long max = settings.maxRequestSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLargeBody(max);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw tooLargeBody(max);
            }
            return body;
        } catch (IOException e) {
            throw OpenAiApiException.invalid(null, "invalid_body", "无法读取请求体");
        }
    }

    private static OpenAiApiException tooLargeBody(long max) {
        return OpenAiApiException.tooLarge(null, "request_too_large", "请求体超过 " + max / 1024 + " KB 的上限");
    }

    private Parsed parse(byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException e) {
            throw OpenAiApiException.invalid(null, "invalid_json", "请求体不是有效的 JSON");
        }
        if (root == null || !root.isObject()) {
            throw OpenAiApiException.invalid(null, "invalid_json", "请求体必须是 JSON 对象");
        }
        JsonNode modelNode = root.get("model");
        if (modelNode == null || modelNode.isNull()) {
            throw OpenAiApiException.invalid("model", "missing_required_parameter",
                    "缺少 model 参数，可用的模型：" + String.join("、", models.names()));
        }
        if (!modelNode.isString()) {
            throw OpenAiApiException.invalid("model", "invalid_type", "model 必须是字符串");
        }
        ServedEmbeddingModels.Resolved model = models.resolve(modelNode.asString())
                .orElseThrow(() -> modelNotFound(modelNode.asString()));
        List<String> inputs = inputs(root.get("input"));
        boolean base64 = encodingFormat(root.get("encoding_format"));
        Integer dimensions = dimensions(root.get("dimensions"), model.served().model().dimension());
        JsonNode user = root.get("user");
        if (user != null && !user.isNull() && !user.isString()) {
            throw OpenAiApiException.invalid("user", "invalid_type", "user 必须是字符串");
        }
        JsonNode truncate = root.get("truncate");
        if (truncate != null && !truncate.isNull() && !truncate.isBoolean()) {
            throw OpenAiApiException.invalid("truncate", "invalid_type", "truncate 必须是 true 或 false");
        }
        return new Parsed(model, inputs, base64, dimensions, truncate != null && truncate.asBoolean(false));
    }

    private OpenAiApiException modelNotFound(String name) {
        return new OpenAiApiException(HttpStatus.NOT_FOUND, OpenAiApiException.INVALID_REQUEST, "model",
                "model_not_found", "模型 " + name + " 不存在，可用的模型：" + String.join("、", models.names()), null);
    }

    private List<String> inputs(JsonNode input) {
        if (input == null || input.isNull()) {
            throw OpenAiApiException.invalid("input", "missing_required_parameter", "缺少 input 参数（字符串或字符串数组）");
        }
        if (input.isString()) {
            if (input.asString().isEmpty()) {
                throw OpenAiApiException.invalid("input", "invalid_value", "input 不能是空字符串");
            }
            return List.of(input.asString());
        }
        if (!input.isArray()) {
            throw OpenAiApiException.invalid("input", "invalid_type", "input 必须是字符串或字符串数组");
        }
        if (input.isEmpty()) {
            throw OpenAiApiException.invalid("input", "invalid_value", "input 数组不能为空");
        }
        if (input.size() > settings.maxInputsPerRequest()) {
            throw OpenAiApiException.tooLarge("input", "too_many_inputs", "一次请求最多 "
                    + settings.maxInputsPerRequest() + " 条输入，收到 " + input.size() + " 条，请分批请求");
        }
        List<String> texts = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            if (item.isNumber() || item.isArray()) {
                throw OpenAiApiException.invalid("input", "unsupported_input",
                        "不支持词元 ID 数组形式的 input，请直接提交文本");
            }
            if (!item.isString()) {
                throw OpenAiApiException.invalid("input", "invalid_type", "input[" + i + "] 必须是字符串");
            }
            if (item.asString().isEmpty()) {
                throw OpenAiApiException.invalid("input", "invalid_value", "input[" + i + "] 不能是空字符串");
            }
            texts.add(item.asString());
        }
        return texts;
    }

    private static boolean encodingFormat(JsonNode format) {
        if (format == null || format.isNull()) {
            return false;
        }
        if (format.isString() && format.asString().equals("float")) {
            return false;
        }
        if (format.isString() && format.asString().equals("base64")) {
            return true;
        }
        throw OpenAiApiException.invalid("encoding_format", "invalid_value", "encoding_format 只能是 float 或 base64");
    }

    private static Integer dimensions(JsonNode dimensions, int modelDimension) {
        if (dimensions == null || dimensions.isNull()) {
            return null;
        }
        if (!dimensions.isIntegralNumber() || !dimensions.canConvertToInt()
                || dimensions.asInt() < 1 || dimensions.asInt() > modelDimension) {
            throw OpenAiApiException.invalid("dimensions", "invalid_value",
                    "dimensions 必须是 1 到 " + modelDimension + " 之间的整数");
        }
        return dimensions.asInt();
    }

    /** Tokens the model processes, per its own tokenizer: the query instruction included, truncation applied. */
    private long countTokens(QueryAwareEmbeddingModel model, Parsed parsed) {
        String prefix = parsed.model().query() ? model.queryInstruction() : "";
        long total = 0;
        for (int i = 0; i < parsed.inputs().size(); i++) {
            int tokens = model.countTokens(prefix + parsed.inputs().get(i));
            if (tokens > model.maxTokens()) {
                if (!parsed.truncate()) {
                    throw OpenAiApiException.invalid("input", "context_length_exceeded", "input[" + i + "] 有 "
                            + tokens + " 个词元，超过模型上限 " + model.maxTokens()
                            + "。请缩短文本，或在请求中加入 \"truncate\": true 截断到上限");
                }
                tokens = model.maxTokens();
            }
            total += tokens;
        }
        if (total > settings.maxTokensPerRequest()) {
            throw OpenAiApiException.tooLarge("input", "request_too_large", "此请求共 " + total + " 个词元，超过每个请求 "
                    + settings.maxTokensPerRequest() + " 个词元的上限，请分批请求");
        }
        return total;
    }

    private List<Embedding> embed(Parsed parsed, ApiKey key, long tokens) {
        CompletableFuture<List<Embedding>> future;
        try {
            future = parsed.model().served().batcher().submit(parsed.inputs(), parsed.model().query());
        } catch (EmbeddingMicroBatcher.QueueFullException e) {
            limiter.refundTokens(key, tokens);
            throw OpenAiApiException.overloaded("服务繁忙，嵌入队列已满，请稍后重试");
        }
        try {
            return future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw OpenAiApiException.overloaded("服务繁忙，请求在 " + settings.requestTimeout().toSeconds()
                    + " 秒内未完成，请稍后重试");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw OpenAiApiException.overloaded("请求被中断，请重试");
        } catch (ExecutionException e) {
            throw new IllegalStateException("embedding failed", e.getCause());
        }
    }
}
