package io.govassist.handoff;

import io.govassist.handoff.HandoffTicket.Reply;
import io.govassist.handoff.HandoffTicket.Status;
import io.govassist.handoff.HandoffTicket.Turn;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tickets in {@code chat_handoff}; state changes are single conditional updates, so two staff cannot both win. */
@Component
class HandoffTickets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CONVERSATION_TURNS = 20;

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    HandoffTickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new unguessable ticket id: 32 random bytes, URL-safe. */
    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    boolean conversationExists(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_conversation WHERE id = ?").param(conversationId)
                .query(Integer.class).single() > 0;
    }

    /** The last question asked in a conversation, if any. */
    Optional<String> lastQuestion(String conversationId) {
        return jdbc.sql("SELECT question FROM chat_turn WHERE conversation_id = ? ORDER BY turn_no DESC LIMIT 1")
                .param(conversationId).query(String.class).optional();
    }

    String open(String conversationId, String question, String contact) {
        String id = newId();
        jdbc.sql("""
                        INSERT INTO chat_handoff (id, conversation_id, question, contact, status, created_at)
                        VALUES (?, ?, ?, ?, 'OPEN', ?)""")
                .params(id, conversationId, question, contact, now()).update();
        return id;
    }

    Optional<HandoffTicket> find(String id) {
        return jdbc.sql("SELECT * FROM chat_handoff WHERE id = ?").param(id).query(HandoffTickets::ticket).optional()
                .map(this::withConversation);
    }

    /** Tickets of one status (all when {@code null}), newest first. */
    List<HandoffTicket> list(Status status, int limit) {
        String where = status == null ? "" : "WHERE status = '" + status.name() + "'";
        return jdbc.sql("SELECT * FROM chat_handoff " + where + " ORDER BY created_at DESC, id LIMIT ?")
                .param(limit).query(HandoffTickets::ticket).list().stream().map(this::withConversation).toList();
    }

    Map<Status, Integer> counts() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM chat_handoff GROUP BY status")
                .query((RowCallbackHandler) rs -> counts.put(Status.valueOf(rs.getString("status")), rs.getInt("n")));
        return counts;
    }

    /** Claims an open ticket; false when it is no longer open. */
    boolean claim(String id, String staff) {
        return jdbc.sql("UPDATE chat_handoff SET status = 'CLAIMED', claimed_by = ?, claimed_at = ? "
                        + "WHERE id = ? AND status = 'OPEN'")
                .params(staff, now(), id).update() == 1;
    }

    /**
     * Replies to a ticket that is open, or claimed by this staff member; false otherwise. Replying again replaces the
     * reply (a correction) while the ticket is not closed.
     */
    boolean reply(String id, String staff, String text) {
        return jdbc.sql("""
                        UPDATE chat_handoff SET status = 'ANSWERED', reply_text = ?, replied_by = ?, replied_at = ?,
                               claimed_by = COALESCE(claimed_by, ?), claimed_at = COALESCE(claimed_at, ?)
                        WHERE id = ? AND (status = 'OPEN' OR (status IN ('CLAIMED', 'ANSWERED') AND claimed_by = ?))""")
                .params(text, staff, now(), staff, now(), id, staff).update() == 1;
    }

    /** Closes a ticket that is not closed yet; false otherwise. */
    boolean close(String id) {
        return jdbc.sql("UPDATE chat_handoff SET status = 'CLOSED', closed_at = ? WHERE id = ? AND status <> 'CLOSED'")
                .params(now(), id).update() == 1;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private HandoffTicket withConversation(HandoffTicket t) {
        if (t.conversationId() == null) {
            return t;
        }
        List<Turn> turns = jdbc.sql("""
                        SELECT question, answer, grounded, created_at FROM chat_turn WHERE conversation_id = ?
                        ORDER BY turn_no DESC LIMIT ?""")
                .params(t.conversationId(), CONVERSATION_TURNS)
                .query((rs, row) -> new Turn(rs.getString("question"), rs.getString("answer"),
                        rs.getBoolean("grounded"), instant(rs, "created_at")))
                .list().reversed();
        return new HandoffTicket(t.ticketId(), t.status(), t.conversationId(), t.question(), t.contact(),
                t.createdAt(), t.claimedBy(), t.claimedAt(), t.reply(), t.closedAt(), turns);
    }

    private static HandoffTicket ticket(ResultSet rs, int row) throws SQLException {
        String replyText = rs.getString("reply_text");
        Reply reply = replyText == null ? null
                : new Reply(replyText, instant(rs, "replied_at"), rs.getString("replied_by"));
        return new HandoffTicket(rs.getString("id"), Status.valueOf(rs.getString("status")),
                rs.getString("conversation_id"), rs.getString("question"), maskContact(rs.getString("contact")),
                instant(rs, "created_at"), rs.getString("claimed_by"), instant(rs, "claimed_at"), reply,
                instant(rs, "closed_at"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /**
     * A contact as listed: enough to recognise it, not enough to use it — 138****5678; shorter ones keep their first
     * and last two characters, very short ones nothing.
     */
    static String maskContact(String contact) {
        if (contact == null) {
            return null;
        }
        int n = contact.length();
        int head = n >= 11 ? 3 : n >= 6 ? 2 : 0;
        int tail = n >= 11 ? 4 : n >= 6 ? 2 : 0;
        return contact.substring(0, head) + "*".repeat(n - head - tail) + contact.substring(n - tail);
    }
}
