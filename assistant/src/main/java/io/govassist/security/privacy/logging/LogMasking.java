package io.govassist.security.privacy.logging;

import io.govassist.security.privacy.PersonalDataMasker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The log converters' shared masking, with a fast path for text that cannot contain personal data. */
final class LogMasking {

    /** What Spring's {@code LogFormatUtils} appends when it cuts a logged value (a request body) at 100 characters. */
    static final String TRUNCATED = " (truncated)...";
    static final String CUT = "[已截断]";
    /**
     * A number or e-mail address cut off by such a truncation cannot be checked (the check digit is gone), so the
     * run of digits or the address fragment right before the marker is masked whatever it is.
     */
    private static final Pattern CUT_OFF = Pattern.compile(
            "(?:[+＋]?\\d[\\d Xx-]{5,}|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]*)(?= \\(truncated\\)\\.\\.\\.)",
            Pattern.UNICODE_CHARACTER_CLASS);

    private LogMasking() {
    }

    static String mask(String text) {
        if (text == null || !mayContainPersonalData(text)) {
            return text;
        }
        String masked = PersonalDataMasker.mask(text);
        return masked.contains(TRUNCATED)
                ? CUT_OFF.matcher(masked).replaceAll(Matcher.quoteReplacement(CUT)) : masked;
    }

    /** Every pattern the masker knows needs either an {@code @} or at least 11 digits (or a cut-off tail). */
    static boolean mayContainPersonalData(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '@' || Character.isDigit(c) && ++digits >= 11) {
                return true;
            }
        }
        return digits >= 6 && text.contains(TRUNCATED);
    }
}
