package io.govassist.handoff;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A 转人工 ticket as staff see it.
 *
 * @param conversationId the conversation handed off, or {@code null}
 * @param contact      the citizen's contact, masked (or {@code null})
 * @param conversation the conversation's turns before the handoff, oldest first (empty without a conversation)
 */
record HandoffTicket(String ticketId, Status status, String conversationId, String question, String contact,
                     Instant createdAt,
                     String claimedBy, Instant claimedAt, Reply reply, Instant closedAt, List<Turn> conversation) {

    enum Status { OPEN, CLAIMED, ANSWERED, CLOSED }

    /** A staff reply, shown to the citizen labelled 人工回复. */
    record Reply(String text, Instant repliedAt, String repliedBy) {
    }

    /** One earlier question and answer of the conversation. */
    record Turn(String question, String answer, boolean grounded, Instant at) {
    }

    HandoffTicket {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(question, "question");
        conversation = conversation == null ? List.of() : List.copyOf(conversation);
    }
}
