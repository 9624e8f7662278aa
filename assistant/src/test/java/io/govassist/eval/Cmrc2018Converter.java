package io.govassist.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns CMRC 2018 (SQuAD format) into an ingestible corpus and an eval question set: one Markdown file per paragraph
 * ({@code paragraphs/DEV_0.md}: {@code # title} and the paragraph, which the parser keeps as the document's 前言) and
 * {@code questions.jsonl} with each question's paragraph as a whole-document gold ({@code "clause": []}).
 * <pre>java -cp … io.govassist.eval.Cmrc2018Converter /work/shared/eval/cmrc2018/cmrc2018_dev_squad.json /tmp/cmrc</pre>
 * then {@code ingest /tmp/cmrc/paragraphs} and {@code eval /tmp/cmrc/questions.jsonl}.
 */
public final class Cmrc2018Converter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Cmrc2018Converter() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: Cmrc2018Converter SQUAD.json OUT_DIR");
            System.exit(2);
        }
        Counts c = convert(Path.of(args[0]), Path.of(args[1]));
        System.out.printf("%d paragraphs, %d questions -> %s%n", c.paragraphs(), c.questions(), args[1]);
    }

    record Counts(int paragraphs, int questions) {
    }

    static Counts convert(Path squad, Path out) throws IOException {
        JsonNode root = JSON.readTree(squad.toFile());
        Path paragraphs = out.resolve("paragraphs");
        Files.createDirectories(paragraphs);
        int p = 0;
        int q = 0;
        try (Writer questions = Files.newBufferedWriter(out.resolve("questions.jsonl"), StandardCharsets.UTF_8)) {
            for (JsonNode article : root.get("data")) {
                String title = article.path("title").asText("").strip();
                for (JsonNode paragraph : article.get("paragraphs")) {
                    String id = paragraph.get("id").asText();
                    String file = id + ".md";
                    String context = paragraph.get("context").asText().strip();
                    Files.writeString(paragraphs.resolve(file),
                            (title.isEmpty() ? "" : "# " + title + "\n\n") + context + "\n", StandardCharsets.UTF_8);
                    p++;
                    for (JsonNode qa : paragraph.get("qas")) {
                        ObjectNode line = JSON.createObjectNode();
                        line.put("id", qa.get("id").asText());
                        line.put("question", qa.get("question").asText().strip());
                        ObjectNode gold = line.putArray("gold").addObject();
                        gold.put("source", file);
                        gold.putPOJO("clause", List.of());
                        questions.write(JSON.writeValueAsString(line));
                        questions.write('\n');
                        q++;
                    }
                }
            }
        }
        return new Counts(p, q);
    }
}
