package io.govassist.console;

import io.govassist.security.privacy.PersonalDataMasker;
import io.govassist.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Feedback on answers. {@code POST /api/v1/chat/feedback} (anonymous, from the widget): a 👍/👎 rating and an
 * optional comment (personal data masked), stored with the conversation's turn ({@code chat_turn}). {@code GET /api/v1/console/feedback}
 * (STAFF): the to-do list — 👎 answers and unanswered ({@code grounded = false}) questions, newest first.
 */
@RestController
class ChatFeedbackController {

    static final int MAX_COMMENT = 500;
    static final int MAX_ITEMS = 500;

    private final JdbcClient jdbc;

    ChatFeedbackController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record FeedbackRequest(String conversationId, String turnId, String rating, String comment) {
    }

    enum Kind { DOWNVOTED, UNANSWERED }

    /**
     * @param at when it happened: the rating's time for 👎, the question's time for an unanswered question
     */
    record Item(Kind kind, Instant at, String conversationId, String turnId, int turnNo, String question,
                String answer, boolean grounded, String comment) {
    }

    record Items(List<Item> items) {
    }

    @PostMapping("/api/v1/chat/feedback")
    ResponseEntity<Void> rate(@RequestBody(required = false) FeedbackRequest request) {
        if (request == null || blank(request.conversationId()) || blank(request.turnId())) {
            throw ApiException.badRequest("INVALID_FEEDBACK", "反馈须包含 conversationId 和 turnId");
        }
        String rating = request.rating() == null ? "" : request.rating().strip().toLowerCase(Locale.ROOT);
        int value = switch (rating) {
            case "up" -> 1;
            case "down" -> -1;
            default -> throw ApiException.badRequest("INVALID_RATING", "rating 须为 up 或 down");
        };
        String comment = blank(request.comment()) ? null : request.comment().strip();
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw ApiException.badRequest("COMMENT_TOO_LONG", "意见最多 " + MAX_COMMENT + " 个字");
        }
        comment = PersonalDataMasker.mask(comment);
        int updated = jdbc.sql("""
                        UPDATE chat_turn SET feedback = ?, feedback_comment = ?, feedback_at = CURRENT_TIMESTAMP
                        WHERE id = ? AND conversation_id = ?""")
                .params(value, comment, request.turnId().strip(), request.conversationId().strip())
                .update();
        if (updated == 0) {
            throw ApiException.notFound("TURN_NOT_FOUND", "未找到这条回答，无法提交反馈");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/console/feedback")
    Items list(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "200") int limit) {
        if (limit < 1 || limit > MAX_ITEMS) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit 须在 1 到 " + MAX_ITEMS + " 之间");
        }
        String where;
        if (kind == null || kind.isBlank()) {
            where = "feedback = -1 OR grounded = FALSE";
        } else if (kind.equalsIgnoreCase(Kind.DOWNVOTED.name())) {
            where = "feedback = -1";
        } else if (kind.equalsIgnoreCase(Kind.UNANSWERED.name())) {
            where = "grounded = FALSE";
        } else {
            throw new ApiException(HttpStatus.BAD_REQUEST, "INVALID_KIND", "kind 须为 DOWNVOTED 或 UNANSWERED");
        }
        return new Items(jdbc.sql("""
                        SELECT id, conversation_id, turn_no, question, answer, grounded, feedback, feedback_comment,
                               created_at, COALESCE(CASE WHEN feedback = -1 THEN feedback_at END, created_at) AS at
                        FROM chat_turn WHERE %s ORDER BY at DESC, created_at DESC LIMIT ?""".formatted(where))
                .param(limit)
                .query(ChatFeedbackController::item)
                .list());
    }

    private static Item item(ResultSet rs, int row) throws SQLException {
        boolean downvoted = rs.getInt("feedback") == -1;
        Timestamp at = rs.getTimestamp("at");
        return new Item(downvoted ? Kind.DOWNVOTED : Kind.UNANSWERED, at.toInstant(), rs.getString("conversation_id"),
                rs.getString("id"), rs.getInt("turn_no"), rs.getString("question"), rs.getString("answer"),
                rs.getBoolean("grounded"), rs.getString("feedback_comment"));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
