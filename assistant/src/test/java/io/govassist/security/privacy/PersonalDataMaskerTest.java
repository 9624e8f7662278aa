package io.govassist.security.privacy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataMaskerTest {

    /** Completes 17 digits with the GB 11643 (ISO 7064 MOD 11-2) check character. */
    static String idCard(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    /** Appends the Luhn check digit. */
    static String luhn(String payload) {
        for (int check = 0; check <= 9; check++) {
            if (PersonalDataMasker.isValidBankCard(payload + check)) {
                return payload + check;
            }
        }
        throw new AssertionError("no Luhn digit for " + payload);
    }

    static String wrongLastDigit(String number) {
        char last = number.charAt(number.length() - 1);
        char other = last == '9' || last == 'X' ? '0' : (char) (last + 1);
        return number.substring(0, number.length() - 1) + other;
    }

    @Test
    void masks_a_valid_identity_card_number_inside_a_question() {
        String id = idCard("51010719900307123");
        assertThat(PersonalDataMasker.isValidIdCard(id)).isTrue();
        assertThat(PersonalDataMasker.mask("我的身份证号是" + id + "，怎么申请政府信息公开？"))
                .isEqualTo("我的身份证号是[身份证号]，怎么申请政府信息公开？");
    }

    @Test
    void masks_identity_numbers_whose_check_character_is_x_in_either_case() {
        String id = idCard("11010519491231002");
        assertThat(id).endsWith("X");
        assertThat(PersonalDataMasker.mask("证件" + id)).isEqualTo("证件[身份证号]");
        assertThat(PersonalDataMasker.mask("证件" + id.toLowerCase())).isEqualTo("证件[身份证号]");
    }

    @Test
    void leaves_an_identity_number_with_a_wrong_check_character_alone() {
        String wrong = wrongLastDigit(idCard("51010719900307123"));
        assertThat(PersonalDataMasker.isValidIdCard(wrong)).isFalse();
        assertThat(PersonalDataMasker.isValidBankCard(wrong)).isFalse();
        assertThat(PersonalDataMasker.mask("编号" + wrong)).isEqualTo("编号" + wrong);
    }

    @Test
    void random_valid_identity_numbers_are_always_masked_and_corrupted_ones_never_as_identity() {
        Random random = new Random(11643);
        for (int i = 0; i < 500; i++) {
            String first17 = String.format("%06d%04d%02d%02d%03d", 110000 + random.nextInt(540000),
                    1930 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(1000));
            String valid = idCard(first17);
            assertThat(PersonalDataMasker.mask("号码" + valid + "。")).isEqualTo("号码[身份证号]。");
            String corrupted = wrongLastDigit(valid);
            assertThat(PersonalDataMasker.mask(corrupted)).doesNotContain(PersonalDataMasker.ID_CARD);
        }
    }

    @Test
    void masks_full_width_identity_digits() {
        String id = idCard("51010719900307123");
        StringBuilder fullWidth = new StringBuilder();
        for (char c : id.toCharArray()) {
            fullWidth.append(Character.isDigit(c) ? (char) (c - '0' + '０') : c);
        }
        assertThat(PersonalDataMasker.mask("身份证" + fullWidth)).isEqualTo("身份证[身份证号]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"１３８１２３４５６７８", "＋８６１３８１２３４５６７８", "１３８ １２３４ ５６７８"})
    void masks_mobile_numbers_typed_with_full_width_digits(String phone) {
        assertThat(PersonalDataMasker.mask("电话" + phone)).isEqualTo("电话[手机号]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"13812345678", "138 1234 5678", "138-1234-5678", "+8613812345678", "+86 139 0000 1111",
            "008615912345678", "19912345678"})
    void masks_mainland_mobile_numbers_in_common_spellings(String phone) {
        assertThat(PersonalDataMasker.mask("请打我电话" + phone + "联系")).isEqualTo("请打我电话[手机号]联系");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901", "1381234567", "138123456789", "028-86717490", "12345"})
    void does_not_mask_numbers_that_are_not_mobile_numbers(String number) {
        assertThat(PersonalDataMasker.mask("号码" + number + "。")).isEqualTo("号码" + number + "。");
    }

    @Test
    void masks_luhn_valid_bank_cards_of_16_to_19_digits_plain_or_grouped() {
        Random random = new Random(42);
        for (int length = 16; length <= 19; length++) {
            StringBuilder payload = new StringBuilder("62");
            while (payload.length() < length - 1) {
                payload.append(random.nextInt(10));
            }
            String card = luhn(payload.toString());
            assertThat(PersonalDataMasker.mask("卡号" + card + "可以吗")).as(card).isEqualTo("卡号[银行卡号]可以吗");
            String grouped = card.replaceAll("(\\d{4})(?=\\d)", "$1 ");
            assertThat(PersonalDataMasker.mask("卡号 " + grouped + " 可以吗")).as(grouped)
                    .isEqualTo("卡号 [银行卡号] 可以吗");
        }
        assertThat(PersonalDataMasker.mask("4111111111111111")).isEqualTo("[银行卡号]");
    }

    @Test
    void leaves_luhn_invalid_card_numbers_alone() {
        String card = luhn("622202123456789");
        String invalid = wrongLastDigit(card);
        assertThat(PersonalDataMasker.isValidBankCard(invalid)).isFalse();
        assertThat(PersonalDataMasker.mask("卡号" + invalid)).isEqualTo("卡号" + invalid);
    }

    @ParameterizedTest
    @ValueSource(strings = {"zhang.san@example.com", "li_si+gov@mail.sc.gov.cn", "WANG@EXAMPLE.ORG"})
    void masks_email_addresses(String email) {
        assertThat(PersonalDataMasker.mask("邮箱：" + email + "，请回复")).isEqualTo("邮箱：[电子邮箱]，请回复");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "国发〔2025〕11号规定了什么？",
            "到2027年应用普及率超70%，集聚人工智能企业2000家以上、产业规模突破2500亿元",
            "本次征求意见时间为2025年11月18日至2025年11月25日，联系电话：028-86717490",
            "12345热线提供二十四小时人工服务，应当自收到申请之日起20个工作日内予以答复",
            "中华人民共和国国务院令第711号"})
    void policy_text_with_numbers_is_not_damaged(String text) {
        assertThat(PersonalDataMasker.mask(text)).isEqualTo(text);
        assertThat(PersonalDataMasker.containsPersonalData(text)).isFalse();
    }

    @Test
    void masks_several_kinds_in_one_text() {
        String id = idCard("44030419851111002");
        String card = luhn("621700000000000000");
        String text = "我叫张三，身份证" + id + "，手机13912345678，银行卡" + card + "，邮箱a@b.cn";
        assertThat(PersonalDataMasker.mask(text))
                .isEqualTo("我叫张三，身份证[身份证号]，手机[手机号]，银行卡[银行卡号]，邮箱[电子邮箱]");
        assertThat(PersonalDataMasker.containsPersonalData(text)).isTrue();
    }

    @Test
    void null_and_empty_pass_through() {
        assertThat(PersonalDataMasker.mask(null)).isNull();
        assertThat(PersonalDataMasker.mask("")).isEmpty();
    }
}
