package io.govassist.handoff;

import io.govassist.PostgresSupport;
import io.govassist.handoff.HandoffTicket.Status;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Tickets on a PostgreSQL application database (the pgvector deployment's): the same life cycle as on H2. */
class HandoffTicketsPostgresIT {

    private static final PostgresSupport db = new PostgresSupport();

    @BeforeAll
    static void available() {
        PostgresSupport.requireAvailable();
    }

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    @Test
    void a_ticket_lives_through_open_claim_reply_close_with_its_conversation() {
        JdbcClient jdbc = db.newMigratedAppSchema("handoff");
        jdbc.sql("INSERT INTO chat_conversation (id) VALUES ('11111111-1111-4111-8111-111111111111')").update();
        jdbc.sql("""
                INSERT INTO chat_turn (id, conversation_id, turn_no, question, search_query, answer, citations,
                                       notices, grounded, mode)
                VALUES ('t1', '11111111-1111-4111-8111-111111111111', 1, '我的低保审核到哪一步了', 'q', '请登录…',
                        '[]', '[]', FALSE, 'extractive')""").update();
        HandoffTickets tickets = new HandoffTickets(jdbc);
        assertThat(tickets.lastQuestion("11111111-1111-4111-8111-111111111111")).contains("我的低保审核到哪一步了");
        String id = tickets.open("11111111-1111-4111-8111-111111111111", "我的低保审核到哪一步了", "13812345678");

        HandoffTicket open = tickets.find(id).orElseThrow();
        assertThat(open.status()).isEqualTo(Status.OPEN);
        assertThat(open.contact()).isEqualTo("138****5678");
        assertThat(open.conversationId()).isEqualTo("11111111-1111-4111-8111-111111111111");
        assertThat(open.conversation()).extracting(HandoffTicket.Turn::question).containsExactly("我的低保审核到哪一步了");
        assertThat(tickets.counts()).containsEntry(Status.OPEN, 1);

        assertThat(tickets.claim(id, "wangfang")).isTrue();
        assertThat(tickets.reply(id, "lisi", "另一位工作人员的回复")).as("claimed by someone else").isFalse();
        assertThat(tickets.reply(id, "wangfang", "已审核通过。")).isTrue();
        HandoffTicket answered = tickets.find(id).orElseThrow();
        assertThat(answered.status()).isEqualTo(Status.ANSWERED);
        assertThat(answered.reply().text()).isEqualTo("已审核通过。");
        assertThat(answered.reply().repliedBy()).isEqualTo("wangfang");
        assertThat(tickets.list(Status.ANSWERED, 10)).extracting(HandoffTicket::ticketId).containsExactly(id);

        assertThat(tickets.close(id)).isTrue();
        assertThat(tickets.close(id)).isFalse();
        assertThat(tickets.find(id).orElseThrow().status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void of_many_staff_claiming_one_ticket_at_once_exactly_one_wins() throws Exception {
        JdbcClient jdbc = db.newMigratedAppSchema("handoff_race");
        HandoffTickets tickets = new HandoffTickets(jdbc);
        String id = tickets.open(null, "帮我预约明天上午办社保卡", null);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String staff = "staff" + i;
            claims.add(() -> tickets.claim(id, staff));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            long winners = 0;
            for (Future<Boolean> f : pool.invokeAll(claims)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
        assertThat(tickets.find(id).orElseThrow().claimedBy()).startsWith("staff");
    }
}
