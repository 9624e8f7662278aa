package io.govassist.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.govassist.CommandTestSupport.print;
import static org.assertj.core.api.Assertions.assertThat;

class CoverageCommandTest {

    private static final String PLAN = "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandLine commands = new CommandLine(null, null, null, null, null, null, null);

    @Test
    void a_real_plan_has_every_numbered_line_recognised() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/demo-corpus/" + PLAN)) {
            Files.write(tmp.resolve(PLAN), in.readAllBytes());
        }
        int exit = commands.coverage(List.of(tmp.toString()), print(out), print(err));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(report).isZero();
        assertThat(report).contains("| " + tmp + " | 1 | ").doesNotContain("Marker lines left as text");
    }

    @Test
    void a_numbered_line_out_of_sequence_is_listed_and_fails_the_check() throws IOException {
        Files.writeString(tmp.resolve("a.txt"), "一、任务\n（一）第一项任务内容。\n（七）这一行不是第七项。\n（二）第二项任务内容。\n",
                StandardCharsets.UTF_8);
        Files.write(tmp.resolve("empty.txt"), new byte[0]);
        int exit = commands.coverage(List.of(tmp.toString()), print(out), print(err));
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(report).contains("| " + tmp + " | 1 | 4 | 3 | 0 | 1 | 1 |")
                .contains("- `a.txt`: 1 of 4: （七）这一行不是第七项。");
    }

    @Test
    void no_path_is_a_usage_error() {
        assertThat(commands.coverage(List.of(), print(out), print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }

}
