package io.govassist.security.limits;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamSlotsTest {

    @Test
    void a_client_gets_up_to_its_cap_and_a_closed_slot_is_freed_once() {
        StreamSlots slots = new StreamSlots();
        StreamSlots.Slot first = slots.tryOpen("192.0.2.1", 2, 10).slot();
        StreamSlots.Slot second = slots.tryOpen("192.0.2.1", 2, 10).slot();
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        StreamSlots.Attempt third = slots.tryOpen("192.0.2.1", 2, 10);
        assertThat(third.slot()).isNull();
        assertThat(third.refusal()).isEqualTo(StreamSlots.Refusal.CLIENT_CAP);
        assertThat(slots.open()).isEqualTo(2);

        first.close();
        first.close();
        assertThat(slots.open("192.0.2.1")).isEqualTo(1);
        assertThat(slots.open()).isEqualTo(1);
        assertThat(slots.tryOpen("192.0.2.1", 2, 10).slot()).isNotNull();
    }

    @Test
    void the_global_cap_counts_every_client_and_clients_without_streams_leave_no_entry() {
        StreamSlots slots = new StreamSlots();
        StreamSlots.Slot a = slots.tryOpen("192.0.2.1", 4, 2).slot();
        StreamSlots.Slot staff = slots.tryOpen(null, 4, 2).slot();
        StreamSlots.Attempt refused = slots.tryOpen("192.0.2.2", 4, 2);
        assertThat(refused.refusal()).isEqualTo(StreamSlots.Refusal.GLOBAL_CAP);
        assertThat(slots.open("192.0.2.2")).as("a refused client holds nothing").isZero();

        a.close();
        staff.close();
        assertThat(slots.open()).isZero();
        assertThat(slots.clients()).isZero();
    }
}
