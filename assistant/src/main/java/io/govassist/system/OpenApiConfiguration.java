package io.govassist.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;

/**
 * The OpenAPI 3 description of the HTTP API ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}), generated
 * by springdoc from the controllers: who may call each path (the security schemes, as in the authorization matrix),
 * the common error body, a tag per audience and Chinese examples for the citizen APIs. {@code OpenApiIT} proves that
 * every mapped endpoint is described.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String BASIC = "basicAuth";
    static final String SESSION = "consoleSession";
    static final String API_KEY = "apiKey";

    @Bean
    OpenAPI govAssistOpenApi() {
        Schema<?> error = new ObjectSchema().addProperty("error", new ObjectSchema()
                .addProperty("code", new StringSchema().example("EMPTY_QUESTION").description("稳定的错误码"))
                .addProperty("message", new StringSchema().example("问题不能为空").description("中文说明")));
        return new OpenAPI()
                .info(new Info().title("GovAssist 政务智能助手 API").version("v1")
                        .description("依据已加载的政策文件回答问题并标注条款出处。群众接口（问答、检索、转人工）无需登录、按 IP "
                                + "限流；工作台接口需工作人员账号（HTTP Basic 或登录会话）；管理接口需管理员；"
                                + "/v1/embeddings 为 OpenAI 兼容的向量接口，需 API 密钥。错误统一为 {\"error\": {\"code\", \"message\"}}。"))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("工作人员或管理员账号（API 调用）"))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("工作台登录会话；修改类请求另需 X-CSRF-TOKEN 头"))
                        .addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("ga-…").description("管理员发放的 API 密钥"))
                        .addSchemas("ApiError", error))
                .tags(List.of(new Tag().name("群众").description("问答、检索、文件、知识库（挂件欢迎语）、反馈、转人工"),
                        new Tag().name("工作人员").description("工作台：反馈待办、人工服务、常见问题"),
                        new Tag().name("管理员").description("文件、知识库、用户、API 密钥、审计、敏感词、网站同步"),
                        new Tag().name("向量接口").description("OpenAI 兼容 /v1/embeddings")));
    }

    /** Audience tags, security and the error body by path, as {@code SecurityConfiguration} decides access. */
    @Bean
    OpenApiCustomizer govAssistAccess() {
        return api -> api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String tag;
            List<SecurityRequirement> security;
            if (path.startsWith("/v1/")) {
                tag = "向量接口";
                security = List.of(new SecurityRequirement().addList(API_KEY));
            } else if (path.startsWith("/api/v1/admin/") || path.startsWith("/api/v1/documents")
                    && method != PathItem.HttpMethod.GET) {
                tag = "管理员";
                security = List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(SESSION));
            } else if (path.startsWith("/api/v1/console/")) {
                tag = "工作人员";
                security = List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(SESSION));
            } else {
                tag = "群众";
                security = List.of();
            }
            op.setTags(List.of(tag));
            op.setSecurity(security);
            if (!path.startsWith("/v1/")) {
                op.getResponses().addApiResponse("4XX", new ApiResponse().description("请求有误、无权限、不存在或限流（429）")
                        .content(new Content().addMediaType("application/json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/ApiError")))));
            }
            example(op, path, method);
        }));
    }

    private static final Map<String, String> EXAMPLES = Map.of(
            "/api/v1/chat", "{\"question\": \"政府信息公开申请应当包括哪些内容？\"}",
            "/api/v1/chat/stream", "{\"question\": \"人工智能+医疗由哪些部门负责？\"}",
            "/api/v1/search", "{\"query\": \"政务服务智能客服\", \"topK\": 5}",
            "/api/v1/chat/handoff", "{\"conversationId\": \"0b6f3c1e-2d4a-4c55-9e1f-7a8b9c0d1e2f\", "
                    + "\"question\": \"我的低保申请审核到哪一步了？\", \"contact\": \"13800000000\"}",
            "/api/v1/chat/feedback", "{\"conversationId\": \"0b6f3c1e-2d4a-4c55-9e1f-7a8b9c0d1e2f\", "
                    + "\"turnId\": \"…\", \"rating\": \"down\", \"comment\": \"没有回答到我的问题\"}",
            "/api/v1/admin/sync/sources", "{\"name\": \"国务院政策文件库\", \"listUrl\": "
                    + "\"https://www.gov.cn/zhengce/zuixin/\", \"linkPattern\": \"/zhengce/content/.*\\\\.htm$\", "
                    + "\"schedule\": \"1d\", \"delayMs\": 2000}");

    private static void example(Operation op, String path, PathItem.HttpMethod method) {
        String body = EXAMPLES.get(path);
        if (body == null || method != PathItem.HttpMethod.POST || op.getRequestBody() == null
                || op.getRequestBody().getContent() == null) {
            return;
        }
        op.getRequestBody().getContent().values()
                .forEach(media -> media.addExamples("示例", new Example().value(parse(body))));
    }

    private static Object parse(String json) {
        try {
            return io.swagger.v3.core.util.Json.mapper().readValue(json, Map.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("bad example " + json, e);
        }
    }
}
