package io.govassist.chat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CitationMarkersTest {

    @Test
    void lists_markers_in_order_of_first_appearance() {
        assertThat(CitationMarkers.used("甲[2]，乙[1]，丙[2]。")).containsExactly(2, 1);
        assertThat(CitationMarkers.used("没有标注。")).isEmpty();
    }

    @Test
    void removes_markers_that_do_not_resolve_and_normalises_full_width_ones() {
        assertThat(CitationMarkers.keepValid("牵头单位为省卫生健康委[1][7]，见［２］和[ 3 ]。", i -> i >= 1 && i <= 2))
                .isEqualTo("牵头单位为省卫生健康委[1]，见[2]和。");
    }

    @Test
    void leaves_bracketed_text_that_is_not_a_marker_alone() {
        assertThat(CitationMarkers.keepValid("见[注]和[a1]以及[1234]。", i -> true)).isEqualTo("见[注]和[a1]以及[1234]。");
    }

    private static String stream(CitationMarkers.StreamFilter filter, List<String> pieces) {
        StringBuilder out = new StringBuilder();
        for (String piece : pieces) {
            out.append(filter.accept(piece));
        }
        return out.append(filter.flush()).toString();
    }

    @Test
    void stream_filter_holds_back_a_marker_split_across_pieces_and_keeps_it_when_valid() {
        CitationMarkers.StreamFilter filter = new CitationMarkers.StreamFilter(i -> i <= 2);
        assertThat(filter.accept("牵头单位[")).isEqualTo("牵头单位");
        assertThat(filter.accept("1")).isEmpty();
        assertThat(filter.accept("]。")).isEqualTo("[1]。");
    }

    @Test
    void stream_filter_drops_invalid_markers_and_releases_brackets_that_are_not_markers() {
        CitationMarkers.StreamFilter filter = new CitationMarkers.StreamFilter(i -> i >= 1 && i <= 2);
        assertThat(stream(filter, List.of("甲[", "9", "]乙[注", "]丙[[1]", "丁[2"))).isEqualTo("甲乙[注]丙[[1]丁[2");
    }

    @Test
    void stream_filter_output_equals_the_checked_whole_text() {
        String text = "根据方案[1]，牵头单位为省卫生健康委[3]，配合单位为省药监局［２］[x]。";
        String whole = CitationMarkers.keepValid(text, i -> i <= 2);
        for (int size = 1; size <= 5; size++) {
            CitationMarkers.StreamFilter filter = new CitationMarkers.StreamFilter(i -> i <= 2);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); i += size) {
                out.append(filter.accept(text.substring(i, Math.min(text.length(), i + size))));
            }
            assertThat(out.append(filter.flush()).toString()).as("pieces of " + size).isEqualTo(whole);
        }
    }
}
