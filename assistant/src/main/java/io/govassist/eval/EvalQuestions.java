package io.govassist.eval;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads question sets in the JSONL format of {@code eval/stard/train.jsonl}: one object a line,
 * {@code {"id", "question", "gold": [{"source", "clause": ["二、", "（十五）"]}], "fact"}} ({@code fact} optional: what
 * a correct answer must contain); other fields are ignored, blank
 * lines skipped, duplicate gold clauses of a question merged.
 */
public final class EvalQuestions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalQuestions() {
    }

    /** @throws InvalidQuestionSetException naming the line of the first malformed question */
    public static List<EvalQuestion> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    static List<EvalQuestion> parse(String jsonl, String name) {
        List<EvalQuestion> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> lines = jsonl.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (i == 0 && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            EvalQuestion q = parseLine(line, name, i + 1);
            if (!ids.add(q.id())) {
                throw new InvalidQuestionSetException(name, i + 1, "duplicate id " + q.id());
            }
            out.add(q);
        }
        if (out.isEmpty()) {
            throw new InvalidQuestionSetException(name, 0, "no questions");
        }
        return out;
    }

    private static EvalQuestion parseLine(String line, String name, int lineNumber) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new InvalidQuestionSetException(name, lineNumber, "not a JSON object: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new InvalidQuestionSetException(name, lineNumber, "not a JSON object");
        }
        String id = text(n, "id", name, lineNumber);
        String question = text(n, "question", name, lineNumber);
        JsonNode gold = n.get("gold");
        if (gold == null || !gold.isArray() || gold.isEmpty()) {
            throw new InvalidQuestionSetException(name, lineNumber, "\"gold\" must be a non-empty array");
        }
        Set<EvalQuestion.Gold> golds = new LinkedHashSet<>();
        for (JsonNode g : gold) {
            if (!g.isObject()) {
                throw new InvalidQuestionSetException(name, lineNumber, "each gold must be an object");
            }
            String source = text(g, "source", name, lineNumber);
            JsonNode clause = g.get("clause");
            List<String> markers = new ArrayList<>();
            if (clause != null && !clause.isNull()) {
                if (!clause.isArray()) {
                    throw new InvalidQuestionSetException(name, lineNumber,
                            "\"clause\" must be an array of markers, e.g. [\"二、\", \"（十五）\"]");
                }
                for (JsonNode m : clause) {
                    if (!m.isTextual() || m.asText().isBlank()) {
                        throw new InvalidQuestionSetException(name, lineNumber, "clause markers must be non-empty strings");
                    }
                    markers.add(m.asText().strip());
                }
            }
            golds.add(new EvalQuestion.Gold(source, markers));
        }
        JsonNode fact = n.get("fact");
        if (fact != null && !fact.isNull() && !fact.isTextual()) {
            throw new InvalidQuestionSetException(name, lineNumber, "\"fact\" must be a string");
        }
        return new EvalQuestion(id, question, List.copyOf(golds), fact == null || fact.isNull() ? null : fact.asText());
    }

    private static String text(JsonNode n, String field, String name, int lineNumber) {
        JsonNode v = n.get(field);
        if (v == null || !(v.isTextual() || v.isNumber()) || v.asText().isBlank()) {
            throw new InvalidQuestionSetException(name, lineNumber, "missing or empty \"" + field + "\"");
        }
        return v.asText().strip();
    }

    /** A question set that cannot be read, with the file and line. */
    public static final class InvalidQuestionSetException extends IllegalArgumentException {
        InvalidQuestionSetException(String file, int line, String problem) {
            super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        }
    }
}
