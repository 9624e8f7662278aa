package io.govassist.security.privacy;

import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data in free text typed by users before it is stored, logged, embedded or sent to an LLM:
 * 18-digit resident identity card numbers (居民身份证号, only when the GB 11643 check digit is valid), mainland
 * mobile numbers, bank card numbers (16–19 digits, only when the Luhn check digit is valid) and e-mail addresses.
 * Each is replaced by a Chinese placeholder such as {@code [身份证号]}.
 *
 * <p>Digits may be full-width (１３８…) and card or phone numbers may be grouped with spaces or hyphens. Numbers
 * that fail their checksum are left alone, so policy text such as dates, 文号 or hotline numbers is not damaged.
 */
public final class PersonalDataMasker {

    public static final String ID_CARD = "[身份证号]";
    public static final String MOBILE = "[手机号]";
    public static final String BANK_CARD = "[银行卡号]";
    public static final String EMAIL = "[电子邮箱]";

    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern ID = Pattern.compile("(?<![\\dA-Za-z])\\d{17}[\\dXx](?![\\dA-Za-z])", FLAGS);
    private static final Pattern CARD = Pattern.compile(
            "(?<![\\d-])\\d{4}(?:[ -]?\\d{4}){3}(?:[ -]?\\d{1,3})?(?![\\d-])", FLAGS);
    private static final Pattern PHONE = Pattern.compile(
            "(?<![\\d+＋])(?:(?:[+＋]|[0０]{2})?[8８][6６][ -]?)?[1１][3-9３-９]\\d[ -]?\\d{4}[ -]?\\d{4}(?!\\d)", FLAGS);
    private static final Pattern MAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    private PersonalDataMasker() {
    }

    /** {@code text} with every recognised piece of personal data replaced by its placeholder; null stays null. */
    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String masked = MAIL.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
        masked = replaceValid(ID, masked, PersonalDataMasker::isValidIdCard, ID_CARD);
        masked = replaceValid(CARD, masked, PersonalDataMasker::isValidBankCard, BANK_CARD);
        return replaceValid(PHONE, masked, s -> true, MOBILE);
    }

    /** Whether {@code text} contains anything {@link #mask} would replace. */
    public static boolean containsPersonalData(String text) {
        return text != null && !mask(text).equals(text);
    }

    /** An 18-character identity card number with a valid ISO 7064 MOD 11-2 check character and a plausible date. */
    public static boolean isValidIdCard(String number) {
        String n = digitsOnly(number);
        if (n.length() != 18) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int d = Character.digit(n.charAt(i), 10);
            if (d < 0) {
                return false;
            }
            sum += d * ID_WEIGHTS[i];
        }
        char check = Character.toUpperCase(n.charAt(17));
        if (ID_CHECK.charAt(sum % 11) != check) {
            return false;
        }
        int month = Integer.parseInt(n.substring(10, 12));
        int day = Integer.parseInt(n.substring(12, 14));
        return month >= 1 && month <= 12 && day >= 1 && day <= 31;
    }

    /** A 16–19 digit card number (separators ignored) whose last digit is its Luhn check digit. */
    public static boolean isValidBankCard(String number) {
        String n = digitsOnly(number);
        if (n.length() < 16 || n.length() > 19) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < n.length(); i++) {
            int d = Character.digit(n.charAt(n.length() - 1 - i), 10);
            if (d < 0) {
                return false;
            }
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static String replaceValid(Pattern pattern, String text, Predicate<String> valid,
                                       String placeholder) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        boolean changed = false;
        while (m.find()) {
            if (valid.test(m.group())) {
                m.appendReplacement(out, Matcher.quoteReplacement(placeholder));
                changed = true;
            }
        }
        if (!changed) {
            return text;
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Normalises full-width digits and the check letter, drops separators. */
    private static String digitsOnly(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int d = Character.digit(c, 10);
            if (d >= 0) {
                b.append((char) ('0' + d));
            } else if (c == 'X' || c == 'x') {
                b.append('X');
            }
        }
        return b.toString();
    }
}
