package io.govassist.words;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled list stays defensible: it never blocks the policy texts the assistant quotes. */
class BundledSensitiveWordsTest {

    @Test
    void the_bundled_list_is_small_and_has_no_legal_topic_words() {
        List<String> words = SensitiveWords.readBundled();
        assertThat(words).hasSizeBetween(10, 100).contains("傻逼", "出售冰毒")
                .doesNotContain("赌博", "毒品", "诈骗", "色情", "发票", "枪支");
        assertThat(words).allMatch(w -> SensitiveWordController.problem(w) == null);
    }

    @Test
    void no_bundled_word_occurs_in_the_demo_corpus() throws IOException {
        AhoCorasick matcher = AhoCorasick.of(SensitiveWords.readBundled());
        Path corpus = Path.of("src/main/resources/demo-corpus");
        assertThat(corpus).isDirectory();
        try (Stream<Path> files = Files.walk(corpus)) {
            List<Path> texts = files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".txt") || f.toString().endsWith(".md")).toList();
            assertThat(texts).hasSizeGreaterThan(3);
            for (Path f : texts) {
                String text;
                try {
                    text = Files.readString(f, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                assertThat(matcher.findAll(text)).as(f.toString()).isEmpty();
            }
        }
    }
}
