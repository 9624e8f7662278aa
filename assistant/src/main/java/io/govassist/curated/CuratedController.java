package io.govassist.curated;

import io.govassist.curated.CuratedAnswer.Status;
import io.govassist.security.audit.AuditLog;
import io.govassist.security.privacy.PersonalDataMasker;
import io.govassist.store.SearchHit;
import io.govassist.system.ApiException;
import io.govassist.system.ListParameters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 常见问题 for staff ({@code /api/v1/console/curated}, STAFF role): list by status, read, create (optionally from a
 * replied 转人工 ticket, whose question, reply and last cited clauses prefill what is not given), edit, retire. Every
 * change is audited (CURATED_CREATE, CURATED_EDIT, CURATED_RETIRE). An answer must rest on at least one clause that is
 * in the store, and its markers {@code [n]} must name one of them.
 */
@RestController
class CuratedController {

    static final int MAX_QUESTION = 500;
    static final int MAX_ANSWER = 4000;
    static final int MAX_CLAUSES = 10;
    static final int MAX_LIST = 500;
    private static final Pattern ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");

    private final CuratedAnswerRepository repository;
    private final CuratedAnswers answers;
    private final AuditLog audit;

    CuratedController(CuratedAnswerRepository repository, CuratedAnswers answers, AuditLog audit) {
        this.repository = repository;
        this.answers = answers;
        this.audit = audit;
    }

    /** A clause named by its ids; label and title are taken from the store. */
    record ClauseKey(String documentId, String clauseId) {
    }

    /**
     * A new or edited curated answer.
     *
     * @param ticketId only on create: a replied 转人工 ticket to start from; its question, reply and the clauses its
     *                 conversation's last answer cited fill what this request leaves out
     */
    record CuratedRequest(String question, String answer, List<ClauseKey> clauses, String ticketId) {
    }

    record CuratedList(List<CuratedAnswer> answers, Map<Status, Integer> counts) {
    }

    /** What a replied ticket offers as a curated answer, for the console's form. */
    record Draft(String question, String answer, List<ClauseRef> clauses) {
    }

    @GetMapping("/api/v1/console/curated")
    CuratedList list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "200") int limit) {
        limit = ListParameters.limit(limit, MAX_LIST);
        Status wanted = ListParameters.status(status, Status.class);
        return new CuratedList(repository.list(wanted, limit), repository.counts());
    }

    @GetMapping("/api/v1/console/curated/{id}")
    CuratedAnswer get(@PathVariable String id) {
        return existing(id);
    }

    @GetMapping("/api/v1/console/curated/draft/{ticketId}")
    Draft draft(@PathVariable String ticketId) {
        CuratedAnswerRepository.TicketDraft t = ticket(ticketId);
        return new Draft(t.question(), t.reply(), t.clauses());
    }

    @PostMapping("/api/v1/console/curated")
    ResponseEntity<CuratedAnswer> create(@RequestBody(required = false) CuratedRequest request) {
        if (request == null) {
            throw ApiException.badRequest("INVALID_CURATED", "请求须包含 question、answer 和 clauses，或 ticketId");
        }
        String question = trimmed(request.question());
        String answer = trimmed(request.answer());
        List<ClauseRef> clauses = request.clauses() == null || request.clauses().isEmpty() ? null
                : refs(request.clauses());
        String source = null;
        if (!blank(request.ticketId())) {
            CuratedAnswerRepository.TicketDraft t = ticket(request.ticketId().strip());
            source = "handoff:" + request.ticketId().strip().substring(0, 8);
            question = question != null ? question : t.question();
            answer = answer != null ? answer : t.reply();
            clauses = clauses != null ? clauses : t.clauses();
        }
        List<ClauseRef> checked = validated(question, answer, clauses);
        String id = repository.create(PersonalDataMasker.mask(question), answer, checked, source, staff());
        audit.record("CURATED_CREATE", reference(id), AuditLog.Outcome.SUCCESS, source);
        return ResponseEntity.status(HttpStatus.CREATED).body(existing(id));
    }

    @PutMapping("/api/v1/console/curated/{id}")
    CuratedAnswer edit(@PathVariable String id, @RequestBody(required = false) CuratedRequest request) {
        CuratedAnswer current = existing(id);
        if (request == null) {
            throw ApiException.badRequest("INVALID_CURATED", "请求须包含要修改的 question、answer 或 clauses");
        }
        String question = trimmed(request.question()) != null ? trimmed(request.question()) : current.question();
        String answer = trimmed(request.answer()) != null ? trimmed(request.answer()) : current.answer();
        List<ClauseRef> clauses = request.clauses() == null ? current.clauses() : refs(request.clauses());
        List<ClauseRef> checked = validated(question, answer, clauses);
        if (!repository.update(id, PersonalDataMasker.mask(question), answer, checked, staff())) {
            audit.record("CURATED_EDIT", reference(id), AuditLog.Outcome.FAILURE, "retired");
            throw new ApiException(HttpStatus.CONFLICT, "CURATED_RETIRED", "该常见问题已停用，不能修改");
        }
        audit.record("CURATED_EDIT", reference(id), AuditLog.Outcome.SUCCESS, null);
        return existing(id);
    }

    @PostMapping("/api/v1/console/curated/{id}/retire")
    CuratedAnswer retire(@PathVariable String id) {
        existing(id);
        if (!repository.retire(id, staff())) {
            throw new ApiException(HttpStatus.CONFLICT, "CURATED_RETIRED", "该常见问题已停用");
        }
        audit.record("CURATED_RETIRE", reference(id), AuditLog.Outcome.SUCCESS, null);
        return existing(id);
    }

    private List<ClauseRef> validated(String question, String answer, List<ClauseRef> clauses) {
        if (question == null) {
            throw ApiException.badRequest("EMPTY_QUESTION", "问题不能为空");
        }
        if (question.length() > MAX_QUESTION) {
            throw ApiException.badRequest("QUESTION_TOO_LONG", "问题最多 " + MAX_QUESTION + " 个字符");
        }
        if (answer == null) {
            throw ApiException.badRequest("EMPTY_ANSWER", "答复不能为空");
        }
        if (answer.length() > MAX_ANSWER) {
            throw ApiException.badRequest("ANSWER_TOO_LONG", "答复最多 " + MAX_ANSWER + " 个字符");
        }
        if (clauses == null || clauses.isEmpty()) {
            throw ApiException.badRequest("NO_CLAUSES", "请至少选择一条答复所依据的条款");
        }
        if (clauses.size() > MAX_CLAUSES) {
            throw ApiException.badRequest("TOO_MANY_CLAUSES", "最多引用 " + MAX_CLAUSES + " 条条款");
        }
        Matcher m = MARKER.matcher(answer);
        while (m.find()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > clauses.size()) {
                throw ApiException.badRequest("INVALID_MARKER", "答复中的 [" + n + "] 没有对应的条款");
            }
        }
        List<SearchHit> hits = answers.resolve(clauses)
                .orElseThrow(() -> ApiException.badRequest("CLAUSE_NOT_FOUND", "所选条款不存在（文件可能已删除或重新导入）"));
        List<ClauseRef> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            out.add(new ClauseRef(h.documentId(), h.clauseId(), h.clauseLabel(), h.documentTitle()));
        }
        return out;
    }

    private static List<ClauseRef> refs(List<ClauseKey> keys) {
        List<ClauseRef> refs = new ArrayList<>(keys.size());
        for (ClauseKey k : keys) {
            if (k == null || blank(k.documentId()) || blank(k.clauseId())) {
                throw ApiException.badRequest("INVALID_CLAUSE", "条款须包含 documentId 和 clauseId");
            }
            refs.add(new ClauseRef(k.documentId().strip(), k.clauseId().strip(), null, null));
        }
        return refs;
    }

    private CuratedAnswerRepository.TicketDraft ticket(String ticketId) {
        if (ticketId == null || !TICKET_ID.matcher(ticketId).matches()) {
            throw ApiException.notFound("HANDOFF_NOT_FOUND", "未找到该人工服务工单");
        }
        return repository.ticketDraft(ticketId)
                .orElseThrow(() -> ApiException.notFound("HANDOFF_NOT_REPLIED", "未找到已回复的人工服务工单"));
    }

    private CuratedAnswer existing(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ApiException.notFound("CURATED_NOT_FOUND", "未找到该常见问题");
        }
        return repository.find(id).orElseThrow(() -> ApiException.notFound("CURATED_NOT_FOUND", "未找到该常见问题"));
    }

    static String reference(String id) {
        return "curated:" + id.substring(0, 8);
    }

    private static String staff() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "unknown" : auth.getName();
    }

    private static String trimmed(String s) {
        return blank(s) ? null : s.strip();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
