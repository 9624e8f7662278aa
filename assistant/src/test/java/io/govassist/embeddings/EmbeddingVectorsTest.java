package io.govassist.embeddings;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EmbeddingVectorsTest {

    @Test
    void base64_is_little_endian_float32() {
        assertThat(EmbeddingVectors.base64(new float[]{1.0f})).isEqualTo("AACAPw==");
        float[] vector = {0.25f, -1.5f, 3.0e-7f, Float.MIN_VALUE};
        ByteBuffer decoded = ByteBuffer.wrap(Base64.getDecoder().decode(EmbeddingVectors.base64(vector)))
                .order(ByteOrder.LITTLE_ENDIAN);
        assertThat(decoded.remaining()).isEqualTo(16);
        for (float expected : vector) {
            assertThat(decoded.getFloat()).isEqualTo(expected);
        }
    }

    @Test
    void shortening_keeps_the_leading_components_in_proportion_and_renormalises() {
        float[] vector = {0.6f, 0.0f, 0.8f * 0.5f, 0.8f * 0.866f};
        float[] shortened = EmbeddingVectors.shorten(vector, 2);
        assertThat(shortened).hasSize(2);
        assertThat(shortened[0]).isCloseTo(1.0f, within(1e-6f));
        assertThat(shortened[1]).isZero();

        float[] three = EmbeddingVectors.shorten(new float[]{3, 4, 0, 9}, 3);
        assertThat(three).containsExactly(new float[]{0.6f, 0.8f, 0f}, within(1e-6f));
    }

    @Test
    void full_length_is_returned_unchanged_and_out_of_range_is_refused() {
        float[] vector = {0.6f, 0.8f};
        assertThat(EmbeddingVectors.shorten(vector, 2)).isSameAs(vector);
        assertThatThrownBy(() -> EmbeddingVectors.shorten(vector, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddingVectors.shorten(vector, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
