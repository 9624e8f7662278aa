package io.govassist.chat;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Conversations and their turns in the application database (the H2 file of the embedded store, or PostgreSQL), so
 * that any replica can continue any conversation. A turn is written in one transaction, only once its answer is
 * complete.
 */
@Component
public class ConversationRepository {

    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate transaction;

    ConversationRepository(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.json = json;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * A turn to store.
     *
     * @param question the question with personal data masked
     */
    record NewTurn(String question, String searchQuery, String answer, List<Citation> citations, List<String> notices,
                   boolean grounded, String mode) {

        NewTurn {
            Objects.requireNonNull(question, "question");
            Objects.requireNonNull(searchQuery, "searchQuery");
            Objects.requireNonNull(answer, "answer");
            Objects.requireNonNull(mode, "mode");
            citations = List.copyOf(citations);
            notices = List.copyOf(notices);
        }
    }

    boolean exists(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_conversation WHERE id = ?").param(conversationId)
                .query(Integer.class).single() > 0;
    }

    /** The latest {@code limit} turns of a conversation, oldest first. */
    List<PastTurn> recentTurns(String conversationId, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<PastTurn> turns = new ArrayList<>(jdbc.sql("""
                        SELECT question, search_query, answer, citations, grounded FROM chat_turn
                        WHERE conversation_id = ? ORDER BY turn_no DESC LIMIT ?""")
                .param(conversationId).param(limit)
                .query((rs, row) -> new PastTurn(rs.getString("question"), rs.getString("search_query"),
                        rs.getString("answer"), json.readValue(rs.getString("citations"), CITATIONS),
                        rs.getBoolean("grounded")))
                .list());
        Collections.reverse(turns);
        return turns;
    }

    /** Appends a turn (creating the conversation if needed) and returns the turn's id. */
    String append(String conversationId, NewTurn turn) {
        String turnId = UUID.randomUUID().toString();
        String citations = json.writeValueAsString(turn.citations());
        String notices = json.writeValueAsString(turn.notices());
        for (int attempt = 1; ; attempt++) {
            try {
                transaction.executeWithoutResult(status -> {
                    jdbc.sql("""
                                    INSERT INTO chat_conversation (id) SELECT ? WHERE NOT EXISTS
                                    (SELECT 1 FROM chat_conversation WHERE id = ?)""")
                            .param(conversationId).param(conversationId).update();
                    int next = jdbc.sql("SELECT COALESCE(MAX(turn_no), 0) + 1 FROM chat_turn WHERE conversation_id = ?")
                            .param(conversationId).query(Integer.class).single();
                    jdbc.sql("""
                                    INSERT INTO chat_turn (id, conversation_id, turn_no, question, search_query, answer,
                                    citations, notices, grounded, mode) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                            .params(turnId, conversationId, next, turn.question(), turn.searchQuery(), turn.answer(),
                                    citations, notices, turn.grounded(), turn.mode())
                            .update();
                    jdbc.sql("UPDATE chat_conversation SET updated_at = CURRENT_TIMESTAMP WHERE id = ?")
                            .param(conversationId).update();
                });
                return turnId;
            } catch (DuplicateKeyException e) {
                // another replica appended the same turn number concurrently: number again
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** Deletes a conversation and its turns. */
    public void delete(String conversationId) {
        jdbc.sql("DELETE FROM chat_conversation WHERE id = ?").param(conversationId).update();
    }

    /** Number of stored turns of a conversation. */
    int turnCount(String conversationId) {
        return jdbc.sql("SELECT COUNT(*) FROM chat_turn WHERE conversation_id = ?").param(conversationId)
                .query(Integer.class).single();
    }
}
