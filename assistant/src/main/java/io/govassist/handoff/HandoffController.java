package io.govassist.handoff;

import io.govassist.handoff.HandoffTicket.Status;
import io.govassist.security.audit.AuditLog;
import io.govassist.security.privacy.PersonalDataMasker;
import io.govassist.system.ApiException;
import io.govassist.system.ListParameters;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * 转人工 tickets. Citizens (anonymous, rate-limited per IP): {@code POST /api/v1/chat/handoff} opens one,
 * {@code GET /api/v1/chat/handoff/{ticketId}} reads its status and the staff reply — the unguessable id is the only
 * key. Staff ({@code /api/v1/console/handoff}, STAFF role): list by status with the conversation so far and the
 * contact masked, claim, reply, close; each action is audited.
 */
@RestController
class HandoffController {

    static final int MAX_QUESTION = 1000;
    static final int MAX_REPLY = 4000;
    static final int MAX_LIST = 500;
    private static final Pattern UUID_FORMAT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TICKET_ID = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final HandoffTickets tickets;
    private final AuditLog audit;
    private final HandoffWebhook webhook;
    private final HandoffProperties settings;

    HandoffController(HandoffTickets tickets, AuditLog audit, HandoffWebhook webhook, HandoffProperties settings) {
        this.tickets = tickets;
        this.audit = audit;
        this.webhook = webhook;
        this.settings = settings;
    }

    record OpenRequest(String conversationId, String question, String contact) {
    }

    record Opened(String ticketId, Status status) {
    }

    /** What a citizen sees of a ticket: no staff names, no contact. */
    record CitizenView(String ticketId, Status status, String question, CitizenReply reply) {
    }

    record CitizenReply(String text, Instant repliedAt) {
    }

    record ReplyRequest(String text) {
    }

    record TicketList(List<HandoffTicket> tickets, Map<Status, Integer> counts) {
    }

    @PostMapping("/api/v1/chat/handoff")
    ResponseEntity<Opened> open(@RequestBody(required = false) OpenRequest request) {
        if (request == null) {
            throw ApiException.badRequest("INVALID_HANDOFF", "请求须包含 question 或 conversationId");
        }
        String conversationId = null;
        if (!blank(request.conversationId())) {
            conversationId = request.conversationId().strip().toLowerCase(Locale.ROOT);
            if (!UUID_FORMAT.matcher(conversationId).matches()) {
                throw ApiException.badRequest("INVALID_CONVERSATION_ID", "会话编号格式不正确");
            }
            if (!tickets.conversationExists(conversationId)) {
                throw ApiException.notFound("CONVERSATION_NOT_FOUND", "会话不存在，请开始新的会话");
            }
        }
        String question = blank(request.question()) ? null : request.question().strip();
        if (question == null && conversationId != null) {
            question = tickets.lastQuestion(conversationId).orElse(null);
        }
        if (question == null) {
            throw ApiException.badRequest("EMPTY_QUESTION", "请说明需要人工帮助的问题");
        }
        if (question.length() > MAX_QUESTION) {
            throw ApiException.badRequest("QUESTION_TOO_LONG", "问题过长，最多 " + MAX_QUESTION + " 个字符");
        }
        String contact = blank(request.contact()) ? null : request.contact().strip();
        if (contact != null && contact.length() > settings.maxContact()) {
            throw ApiException.badRequest("CONTACT_TOO_LONG", "联系方式最多 " + settings.maxContact() + " 个字符");
        }
        String masked = PersonalDataMasker.mask(question);
        String id = tickets.open(conversationId, masked, contact);
        audit.record("HANDOFF_OPEN", reference(id), AuditLog.Outcome.SUCCESS, null);
        webhook.ticketOpened(reference(id), masked);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Opened(id, Status.OPEN));
    }

    @GetMapping("/api/v1/chat/handoff/{ticketId}")
    CitizenView status(@PathVariable String ticketId) {
        HandoffTicket t = existing(ticketId);
        return new CitizenView(t.ticketId(), t.status(), t.question(),
                t.reply() == null ? null : new CitizenReply(t.reply().text(), t.reply().repliedAt()));
    }

    @GetMapping("/api/v1/console/handoff")
    TicketList list(@RequestParam(required = false) String status, @RequestParam(defaultValue = "200") int limit) {
        limit = ListParameters.limit(limit, MAX_LIST);
        Status wanted = ListParameters.status(status, Status.class);
        return new TicketList(tickets.list(wanted, limit), tickets.counts());
    }

    @PostMapping("/api/v1/console/handoff/{ticketId}/claim")
    HandoffTicket claim(@PathVariable String ticketId) {
        existing(ticketId);
        if (!tickets.claim(ticketId, staff())) {
            audit.record("HANDOFF_CLAIM", reference(ticketId), AuditLog.Outcome.FAILURE, "not open");
            throw new ApiException(HttpStatus.CONFLICT, "HANDOFF_NOT_OPEN", "该工单已被认领或已处理");
        }
        audit.record("HANDOFF_CLAIM", reference(ticketId), AuditLog.Outcome.SUCCESS, null);
        return existing(ticketId);
    }

    @PostMapping("/api/v1/console/handoff/{ticketId}/reply")
    HandoffTicket reply(@PathVariable String ticketId, @RequestBody(required = false) ReplyRequest request) {
        existing(ticketId);
        String text = request == null || blank(request.text()) ? null : request.text().strip();
        if (text == null) {
            throw ApiException.badRequest("EMPTY_REPLY", "回复内容不能为空");
        }
        if (text.length() > MAX_REPLY) {
            throw ApiException.badRequest("REPLY_TOO_LONG", "回复最多 " + MAX_REPLY + " 个字符");
        }
        if (!tickets.reply(ticketId, staff(), text)) {
            audit.record("HANDOFF_REPLY", reference(ticketId), AuditLog.Outcome.FAILURE, "claimed by another or closed");
            throw new ApiException(HttpStatus.CONFLICT, "HANDOFF_NOT_YOURS", "该工单已由其他工作人员认领或已关闭");
        }
        audit.record("HANDOFF_REPLY", reference(ticketId), AuditLog.Outcome.SUCCESS, null);
        return existing(ticketId);
    }

    @PostMapping("/api/v1/console/handoff/{ticketId}/close")
    HandoffTicket close(@PathVariable String ticketId) {
        existing(ticketId);
        if (!tickets.close(ticketId)) {
            throw new ApiException(HttpStatus.CONFLICT, "HANDOFF_CLOSED", "该工单已关闭");
        }
        audit.record("HANDOFF_CLOSE", reference(ticketId), AuditLog.Outcome.SUCCESS, null);
        return existing(ticketId);
    }

    private HandoffTicket existing(String ticketId) {
        if (ticketId == null || !TICKET_ID.matcher(ticketId).matches()) {
            throw ApiException.notFound("HANDOFF_NOT_FOUND", "未找到该人工服务工单");
        }
        return tickets.find(ticketId)
                .orElseThrow(() -> ApiException.notFound("HANDOFF_NOT_FOUND", "未找到该人工服务工单"));
    }

    /** A ticket as logs and the audit name it: its first 8 characters, never the whole key. */
    static String reference(String ticketId) {
        return "handoff:" + ticketId.substring(0, 8);
    }

    private static String staff() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "unknown" : auth.getName();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
