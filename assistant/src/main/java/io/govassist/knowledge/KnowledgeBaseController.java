package io.govassist.knowledge;

import io.govassist.knowledge.KnowledgeBase.Audience;
import io.govassist.security.audit.AuditLog;
import io.govassist.store.ClauseStore;
import io.govassist.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/**
 * Knowledge bases over HTTP: {@code /api/v1/admin/knowledge-bases} (ADMIN; create, list with document counts,
 * edit, set documents, delete — each change audited as KNOWLEDGE_BASE_CREATE, KNOWLEDGE_BASE_EDIT,
 * KNOWLEDGE_BASE_DOCUMENTS, KNOWLEDGE_BASE_DELETE), {@code GET /api/v1/console/knowledge-bases} (STAFF: the
 * console's selectors), and {@code GET /api/v1/knowledge-bases/{id}} (anyone, for the
 * widget: a PUBLIC knowledge base's name, welcome text and suggested questions; STAFF ones to staff only).
 */
@RestController
class KnowledgeBaseController {

    static final int MAX_NAME = 100;
    static final int MAX_WELCOME = 1000;
    static final int MAX_QUESTIONS = 10;
    static final int MAX_QUESTION = 200;
    static final int MAX_DOCUMENTS = 10_000;

    private final KnowledgeBases knowledgeBases;
    private final ClauseStore store;
    private final AuditLog audit;

    KnowledgeBaseController(KnowledgeBases knowledgeBases, ClauseStore store, AuditLog audit) {
        this.knowledgeBases = knowledgeBases;
        this.store = store;
        this.audit = audit;
    }

    record KnowledgeBaseRequest(String id, String name, String audience, String welcome,
                                List<String> suggestedQuestions, Double refusalThreshold) {
    }

    record KnowledgeBaseView(String id, String name, String audience, String welcome, List<String> suggestedQuestions,
                             Double refusalThreshold, Integer documentCount) {

        static KnowledgeBaseView of(KnowledgeBase kb, Integer documentCount) {
            return new KnowledgeBaseView(kb.id(), kb.name(), kb.audience().name(), kb.welcome(),
                    kb.suggestedQuestions(), kb.refusalThreshold(), documentCount);
        }
    }

    record KnowledgeBaseList(List<KnowledgeBaseView> knowledgeBases) {
    }

    record DocumentsRequest(List<String> documentIds) {
    }

    record DocumentsView(String id, List<String> documentIds) {
    }

    /** What the widget shows for a knowledge base. */
    record WidgetView(String id, String name, String welcome, List<String> suggestedQuestions) {
    }

    @GetMapping("/api/v1/admin/knowledge-bases")
    KnowledgeBaseList list() {
        return new KnowledgeBaseList(knowledgeBases.list().stream()
                .map(l -> KnowledgeBaseView.of(l.knowledgeBase(), l.documentCount())).toList());
    }

    /** For the console's knowledge-base selectors (STAFF): every knowledge base, without counts. */
    @GetMapping("/api/v1/console/knowledge-bases")
    KnowledgeBaseList choices() {
        return new KnowledgeBaseList(knowledgeBases.all().stream().map(kb -> KnowledgeBaseView.of(kb, null)).toList());
    }

    @PostMapping("/api/v1/admin/knowledge-bases")
    ResponseEntity<KnowledgeBaseView> create(@RequestBody(required = false) KnowledgeBaseRequest request) {
        if (request == null) {
            throw ApiException.badRequest("INVALID_KNOWLEDGE_BASE", "请求须包含 id、name 和 audience");
        }
        String id = request.id() == null ? "" : request.id().strip();
        if (!KnowledgeBase.ID.matcher(id).matches()) {
            audit.record("KNOWLEDGE_BASE_CREATE", truncate(id), AuditLog.Outcome.FAILURE, "INVALID_KNOWLEDGE_BASE_ID");
            throw ApiException.badRequest("INVALID_KNOWLEDGE_BASE_ID",
                    "知识库标识须由小写字母、数字和连字符组成（1 至 64 个字符，不以连字符开头）");
        }
        KnowledgeBase kb = validated(id, request, null);
        if (!knowledgeBases.create(kb, actor())) {
            audit.record("KNOWLEDGE_BASE_CREATE", id, AuditLog.Outcome.FAILURE, "KNOWLEDGE_BASE_EXISTS");
            throw new ApiException(HttpStatus.CONFLICT, "KNOWLEDGE_BASE_EXISTS", "知识库已存在：" + id);
        }
        audit.record("KNOWLEDGE_BASE_CREATE", id, AuditLog.Outcome.SUCCESS, kb.audience().name());
        return ResponseEntity.status(HttpStatus.CREATED).body(KnowledgeBaseView.of(kb, 0));
    }

    @PutMapping("/api/v1/admin/knowledge-bases/{id}")
    KnowledgeBaseView update(@PathVariable String id, @RequestBody(required = false) KnowledgeBaseRequest request) {
        KnowledgeBase existing = existing(id);
        if (request == null) {
            throw ApiException.badRequest("INVALID_KNOWLEDGE_BASE", "请求须包含要修改的字段");
        }
        KnowledgeBase kb = validated(existing.id(), request, existing);
        knowledgeBases.update(kb);
        audit.record("KNOWLEDGE_BASE_EDIT", kb.id(), AuditLog.Outcome.SUCCESS, kb.audience().name());
        return KnowledgeBaseView.of(kb, null);
    }

    @PutMapping("/api/v1/admin/knowledge-bases/{id}/documents")
    DocumentsView setDocuments(@PathVariable String id, @RequestBody(required = false) DocumentsRequest request) {
        KnowledgeBase kb = existing(id);
        if (request == null || request.documentIds() == null) {
            throw ApiException.badRequest("INVALID_DOCUMENTS", "请求须包含 documentIds（文件标识列表）");
        }
        if (request.documentIds().size() > MAX_DOCUMENTS) {
            throw ApiException.badRequest("INVALID_DOCUMENTS", "一次最多指定 " + MAX_DOCUMENTS + " 个文件");
        }
        List<String> ids = request.documentIds().stream().distinct().toList();
        for (String documentId : ids) {
            if (documentId == null || documentId.isBlank() || store.findDocument(documentId).isEmpty()) {
                audit.record("KNOWLEDGE_BASE_DOCUMENTS", kb.id(), AuditLog.Outcome.FAILURE, "DOCUMENT_NOT_FOUND");
                throw ApiException.badRequest("DOCUMENT_NOT_FOUND", "未找到该文件：" + truncate(documentId));
            }
        }
        knowledgeBases.setDocuments(kb.id(), ids);
        audit.record("KNOWLEDGE_BASE_DOCUMENTS", kb.id(), AuditLog.Outcome.SUCCESS, ids.size() + " documents");
        return new DocumentsView(kb.id(), ids);
    }

    @DeleteMapping("/api/v1/admin/knowledge-bases/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        KnowledgeBase kb = existing(id);
        if (kb.id().equals(KnowledgeBases.DEFAULT)) {
            audit.record("KNOWLEDGE_BASE_DELETE", kb.id(), AuditLog.Outcome.FAILURE, "KNOWLEDGE_BASE_DEFAULT");
            throw new ApiException(HttpStatus.CONFLICT, "KNOWLEDGE_BASE_DEFAULT", "默认知识库不能删除");
        }
        knowledgeBases.delete(kb.id());
        audit.record("KNOWLEDGE_BASE_DELETE", kb.id(), AuditLog.Outcome.SUCCESS, null);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/knowledge-bases/{id}")
    WidgetView widget(@PathVariable String id) {
        KnowledgeBase kb = knowledgeBases.readable(id);
        return new WidgetView(kb.id(), kb.name(), kb.welcome(), kb.suggestedQuestions());
    }

    private KnowledgeBase existing(String id) {
        return knowledgeBases.find(id)
                .orElseThrow(() -> ApiException.notFound("KNOWLEDGE_BASE_NOT_FOUND", "未找到该知识库：" + truncate(id)));
    }

    /** The request's fields over {@code existing}'s (all required when creating). */
    private static KnowledgeBase validated(String id, KnowledgeBaseRequest r, KnowledgeBase existing) {
        String name = r.name() != null ? r.name().strip() : existing == null ? "" : existing.name();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ApiException.badRequest("INVALID_KNOWLEDGE_BASE", "知识库名称不能为空，最多 " + MAX_NAME + " 个字符");
        }
        Audience audience;
        if (r.audience() != null) {
            try {
                audience = Audience.valueOf(r.audience().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("INVALID_AUDIENCE", "audience 须为 PUBLIC（公众）或 STAFF（仅工作人员）");
            }
        } else if (existing != null) {
            audience = existing.audience();
        } else {
            throw ApiException.badRequest("INVALID_AUDIENCE", "audience 须为 PUBLIC（公众）或 STAFF（仅工作人员）");
        }
        if (KnowledgeBases.DEFAULT.equals(id) && audience != Audience.PUBLIC) {
            throw ApiException.badRequest("INVALID_AUDIENCE", "默认知识库须面向公众（PUBLIC）");
        }
        String welcome = r.welcome() != null ? blankToNull(r.welcome()) : existing == null ? null : existing.welcome();
        if (welcome != null && welcome.length() > MAX_WELCOME) {
            throw ApiException.badRequest("INVALID_KNOWLEDGE_BASE", "欢迎语最多 " + MAX_WELCOME + " 个字符");
        }
        List<String> questions = r.suggestedQuestions() != null
                ? r.suggestedQuestions().stream().filter(q -> q != null && !q.isBlank()).map(String::strip).toList()
                : existing == null ? List.of() : existing.suggestedQuestions();
        if (questions.size() > MAX_QUESTIONS || questions.stream().anyMatch(q -> q.length() > MAX_QUESTION)) {
            throw ApiException.badRequest("INVALID_KNOWLEDGE_BASE",
                    "推荐问题最多 " + MAX_QUESTIONS + " 个，每个最多 " + MAX_QUESTION + " 个字符");
        }
        Double threshold = r.refusalThreshold() != null ? r.refusalThreshold()
                : existing == null ? null : existing.refusalThreshold();
        if (threshold != null && (threshold.isNaN() || threshold < 0 || threshold > 1)) {
            throw ApiException.badRequest("INVALID_KNOWLEDGE_BASE", "拒答阈值须在 0 到 1 之间");
        }
        return new KnowledgeBase(id, name, audience, welcome, questions, threshold);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String truncate(String s) {
        return s == null ? "" : s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "anonymous" : auth.getName();
    }
}
