package io.govassist.system;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The query parameters of the staff lists ({@code ?status=…&limit=…}), checked the same way everywhere: a bad value is
 * a 400 with a stable code and a Chinese message naming what is allowed.
 */
public final class ListParameters {

    private ListParameters() {
    }

    /** {@code limit} itself when it is 1..{@code max}; else INVALID_LIMIT. */
    public static int limit(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("INVALID_LIMIT", "limit 须在 1 到 " + max + " 之间");
        }
        return limit;
    }

    /** The constant {@code status} names (any case, blanks around ignored), {@code null} for none; else INVALID_STATUS. */
    public static <E extends Enum<E>> E status(String status, Class<E> type) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
            String allowed = names.size() == 1 ? names.getFirst()
                    : String.join("、", names.subList(0, names.size() - 1)) + " 或 " + names.getLast();
            throw ApiException.badRequest("INVALID_STATUS", "status 须为 " + allowed);
        }
    }
}
