package io.govassist.curated;

import io.govassist.curated.CuratedAnswer.Status;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The rows of {@code curated_answer}, and what a replied 转人工 ticket offers to prefill one. */
@Component
class CuratedAnswerRepository {

    private static final TypeReference<List<ClauseRef>> CLAUSES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    CuratedAnswerRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A ticket's question, staff reply and the clauses its conversation's last answer cited, to start from. */
    record TicketDraft(String question, String reply, List<ClauseRef> clauses) {
    }

    String create(String question, String answer, List<ClauseRef> clauses, String sourceTicket, String staff) {
        String id = UUID.randomUUID().toString();
        Timestamp now = now();
        jdbc.sql("""
                        INSERT INTO curated_answer (id, question, answer, clauses, status, source_ticket, created_by,
                                                    created_at, updated_by, updated_at)
                        VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?, ?)""")
                .params(id, question, answer, json.writeValueAsString(clauses), sourceTicket, staff, now, staff, now)
                .update();
        return id;
    }

    /** Replaces question, answer and clauses of an answer that is not retired; false otherwise. */
    boolean update(String id, String question, String answer, List<ClauseRef> clauses, String staff) {
        return jdbc.sql("""
                        UPDATE curated_answer SET question = ?, answer = ?, clauses = ?, updated_by = ?, updated_at = ?
                        WHERE id = ? AND status = 'ACTIVE'""")
                .params(question, answer, json.writeValueAsString(clauses), staff, now(), id).update() == 1;
    }

    /** Retires an active answer; false when it is retired already. */
    boolean retire(String id, String staff) {
        return jdbc.sql("UPDATE curated_answer SET status = 'RETIRED', updated_by = ?, updated_at = ? "
                        + "WHERE id = ? AND status = 'ACTIVE'")
                .params(staff, now(), id).update() == 1;
    }

    Optional<CuratedAnswer> find(String id) {
        return jdbc.sql("SELECT * FROM curated_answer WHERE id = ?").param(id).query(this::row).optional();
    }

    /** Answers of one status (all when {@code null}), most recently changed first. */
    List<CuratedAnswer> list(Status status, int limit) {
        String where = status == null ? "" : "WHERE status = '" + status.name() + "'";
        return jdbc.sql("SELECT * FROM curated_answer " + where + " ORDER BY updated_at DESC, id LIMIT ?")
                .param(limit).query(this::row).list();
    }

    Map<Status, Integer> counts() {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Status s : Status.values()) {
            counts.put(s, 0);
        }
        jdbc.sql("SELECT status, COUNT(*) AS n FROM curated_answer GROUP BY status")
                .query((RowCallbackHandler) rs -> counts.put(Status.valueOf(rs.getString("status")), rs.getInt("n")));
        return counts;
    }

    /**
     * What changes whenever an answer is created, edited or retired (also by another instance on a shared database):
     * the number of rows and the latest change.
     */
    String version() {
        return jdbc.sql("SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM curated_answer")
                .query((rs, row) -> rs.getLong("n") + "@" + rs.getTimestamp("latest")).single();
    }

    /** A replied (or closed after a reply) ticket's draft; empty when there is no such ticket or no reply yet. */
    Optional<TicketDraft> ticketDraft(String ticketId) {
        return jdbc.sql("SELECT question, reply_text, conversation_id FROM chat_handoff WHERE id = ?")
                .param(ticketId)
                .query((rs, row) -> new String[]{rs.getString("question"), rs.getString("reply_text"),
                        rs.getString("conversation_id")})
                .optional()
                .filter(t -> t[1] != null)
                .map(t -> new TicketDraft(t[0], t[1], t[2] == null ? List.of() : lastCited(t[2])));
    }

    /** The clauses the last grounded answer of a conversation cited. */
    private List<ClauseRef> lastCited(String conversationId) {
        Optional<String> citations = jdbc.sql("""
                        SELECT citations FROM chat_turn WHERE conversation_id = ? AND grounded = TRUE
                        ORDER BY turn_no DESC LIMIT 1""")
                .param(conversationId).query(String.class).optional();
        List<ClauseRef> refs = new ArrayList<>();
        citations.ifPresent(c -> {
            for (JsonNode n : json.readTree(c)) {
                if (n.hasNonNull("documentId") && n.hasNonNull("clauseId")) {
                    refs.add(new ClauseRef(n.get("documentId").asString(), n.get("clauseId").asString(),
                            text(n, "clauseLabel"), text(n, "documentTitle")));
                }
            }
        });
        return refs;
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asString() : null;
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    private CuratedAnswer row(ResultSet rs, int row) throws SQLException {
        return new CuratedAnswer(rs.getString("id"), rs.getString("question"), rs.getString("answer"),
                json.readValue(rs.getString("clauses"), CLAUSES), Status.valueOf(rs.getString("status")),
                rs.getString("source_ticket"), rs.getString("created_by"), instant(rs, "created_at"),
                rs.getString("updated_by"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
