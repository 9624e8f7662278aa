package io.govassist.security.privacy.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped logback configurations mask personal data in messages and stack traces, in the console and in the
 * log file, and keep Spring Boot's line format.
 */
class MaskingLogConfigurationTest {

    static final String ID = "510107199003071236";
    static final String MOBILE = "13912345678";
    static final String CARD = "6222021234567890128";
    static final String MAIL = "zhang.san@example.cn";

    @TempDir
    Path tmp;

    private final LoggerContext context = new LoggerContext();
    private final PrintStream stdout = System.out;
    private final PrintStream stderr = System.err;

    @AfterEach
    void restore() {
        context.stop();
        System.setOut(stdout);
        System.setErr(stderr);
    }

    private void configure(String resource) throws JoranException {
        context.setMDCAdapter(new LogbackMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(getClass().getResource(resource));
    }

    private static void logPersonalData(Logger log) {
        log.info("Read question 身份证{}，手机 +86 139-1234-5678，卡号 {}，邮箱 {}", ID, CARD, MAIL);
        log.error("Request failed", new IllegalStateException("JSON parse error near '" + MOBILE + "'",
                new RuntimeException("cause quoting " + ID)));
    }

    @Test
    void the_server_configuration_masks_messages_and_stack_traces_in_console_and_file() throws Exception {
        Path file = tmp.resolve("govassist.log");
        context.putProperty("LOG_FILE", file.toString());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        configure("/logback-spring.xml");

        logPersonalData(context.getLogger("io.govassist.chat.ChatController"));

        String fileText = Files.readString(file, StandardCharsets.UTF_8);
        String consoleText = console.toString(StandardCharsets.UTF_8);
        for (String text : new String[]{fileText, consoleText}) {
            assertThat(text).contains("Read question 身份证[身份证号]，手机 [手机号]，卡号 [银行卡号]，邮箱 [电子邮箱]")
                    .contains("java.lang.IllegalStateException: JSON parse error near '[手机号]'")
                    .contains("cause quoting [身份证号]")
                    .contains("at io.govassist.security.privacy.logging.MaskingLogConfigurationTest")
                    .doesNotContain(ID).doesNotContain(MOBILE).doesNotContain("1234-5678").doesNotContain(CARD)
                    .doesNotContain(MAIL);
        }
        // Spring Boot's default line layout: ISO time, level, pid, thread, logger, message
        assertThat(fileText.lines().findFirst().orElseThrow()).matches(
                "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}\\S+ +INFO .*--- \\[.*] io\\.govassist\\.chat\\.ChatController +: Read question .*");
    }

    @Test
    void without_a_log_file_setting_the_server_configuration_writes_no_file() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        configure("/logback-spring.xml");
        logPersonalData(context.getLogger("io.govassist.Test"));
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FILE")).isNull();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("[身份证号]").doesNotContain(ID);
    }

    @Test
    void the_command_line_configuration_masks_on_stderr() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        configure("/logback-cli.xml");
        logPersonalData(context.getLogger("io.govassist.Test"));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cause quoting [身份证号]").contains("near '[手机号]'")
                .doesNotContain(ID).doesNotContain(MOBILE).doesNotContain(MAIL);
    }

    @Test
    void text_without_an_at_sign_or_eleven_digits_is_passed_through_untouched() {
        assertThat(LogMasking.mayContainPersonalData("Startup import finished: 12 documents, 3456 clauses")).isFalse();
        assertThat(LogMasking.mayContainPersonalData("mail a@b.cn")).isTrue();
        assertThat(LogMasking.mayContainPersonalData("tel 139 1234 5678")).isTrue();
        assertThat(LogMasking.mask("１３９１２３４５６７８")).isEqualTo("[手机号]");
    }

    @Test
    void a_number_or_address_cut_off_by_springs_truncation_is_masked_though_its_check_digit_is_gone() {
        assertThat(LogMasking.mask("Read \"application/json\" to [ChatRequest[question=银行卡6222 0212 3456 78 (truncated)..."))
                .isEqualTo("Read \"application/json\" to [ChatRequest[question=银行卡[已截断] (truncated)...");
        assertThat(LogMasking.mask("to [ChatRequest[question=身份证5101071990 (truncated)..."))
                .isEqualTo("to [ChatRequest[question=身份证[已截断] (truncated)...");
        assertThat(LogMasking.mask("to [ChatRequest[question=邮箱zhang.san@exam (truncated)..."))
                .isEqualTo("to [ChatRequest[question=邮箱[已截断] (truncated)...");
        assertThat(LogMasking.mask("to [ChatRequest[question=2025年 (truncated)..."))
                .isEqualTo("to [ChatRequest[question=2025年 (truncated)...");
    }
}
