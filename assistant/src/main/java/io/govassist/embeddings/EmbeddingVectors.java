package io.govassist.embeddings;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Base64;

/** Output encodings of the embedding API, as OpenAI defines them. */
final class EmbeddingVectors {

    private EmbeddingVectors() {
    }

    /**
     * The first {@code dimensions} components, re-normalised to unit length (OpenAI's {@code dimensions} for
     * text-embedding-3 models). The full vector is returned unchanged.
     */
    static float[] shorten(float[] vector, int dimensions) {
        if (dimensions < 1 || dimensions > vector.length) {
            throw new IllegalArgumentException("dimensions must be in 1.." + vector.length + ": " + dimensions);
        }
        if (dimensions == vector.length) {
            return vector;
        }
        float[] shortened = Arrays.copyOf(vector, dimensions);
        double norm = 0;
        for (float x : shortened) {
            norm += (double) x * x;
        }
        if (norm == 0) {
            return shortened;
        }
        float inverse = (float) (1.0 / Math.sqrt(norm));
        for (int i = 0; i < shortened.length; i++) {
            shortened[i] *= inverse;
        }
        return shortened;
    }

    /** {@code encoding_format=base64}: the float32 values as little-endian bytes, base64-encoded. */
    static String base64(float[] vector) {
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        return Base64.getEncoder().encodeToString(bytes.array());
    }
}
