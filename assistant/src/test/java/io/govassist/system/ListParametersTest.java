package io.govassist.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListParametersTest {

    enum Colour { RED, GREEN, BLUE }

    @Test
    void limits_outside_one_to_max_are_refused_with_a_stable_code() {
        assertThat(ListParameters.limit(1, 500)).isEqualTo(1);
        assertThat(ListParameters.limit(500, 500)).isEqualTo(500);
        assertThatThrownBy(() -> ListParameters.limit(0, 500)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("INVALID_LIMIT"));
        assertThatThrownBy(() -> ListParameters.limit(501, 500)).hasMessage("limit 须在 1 到 500 之间");
    }

    @Test
    void status_is_read_in_any_case_and_a_blank_one_means_all() {
        assertThat(ListParameters.status(" green ", Colour.class)).isEqualTo(Colour.GREEN);
        assertThat(ListParameters.status("  ", Colour.class)).isNull();
        assertThat(ListParameters.status(null, Colour.class)).isNull();
    }

    @Test
    void an_unknown_status_names_every_allowed_value() {
        assertThatThrownBy(() -> ListParameters.status("PURPLE", Colour.class))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("INVALID_STATUS"))
                .hasMessage("status 须为 RED、GREEN 或 BLUE");
    }
}
