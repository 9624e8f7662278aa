package io.govassist.security.logging;

import io.govassist.security.PersonalDataMasker;

/** The log converters' shared masking, with a fast path for text that cannot contain personal data. */
final class LogMasking {

    private LogMasking() {
    }

    static String mask(String text) {
        return text == null || !mayContainPersonalData(text) ? text : PersonalDataMasker.mask(text);
    }

    /** Every pattern the masker knows needs either an {@code @} or at least 11 digits. */
    static boolean mayContainPersonalData(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@' || Character.isDigit(c) && ++digits >= 11) {
                return true;
            }
        }
        return false;
    }
}
