package io.govassist.search;

import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Expands the colloquial words of a citizen's question with the official vocabulary statutes and policy documents
 * use ({@code 房东} → {@code 出租人 租赁合同}, {@code 辞退} → {@code 解除劳动合同 经济补偿}), without an LLM: a curated
 * table of rules {@code colloquial|colloquial… = official official…}. The official terms a question does not
 * already contain are appended to it, so lexical search can match statute wording.
 *
 * <p>The bundled table ({@link #BUNDLED}) covers family, debts and contracts, housing, work and social security,
 * accidents and consumers, crime, procedure, business and government services; a deployment can add its own file.
 */
public final class PolicyVocabularyQueryTransformer implements QueryTransformer {

    /** Classpath location of the bundled table. */
    public static final String BUNDLED = "/search/policy-vocabulary.txt";

    /** One expansion rule. */
    record Rule(List<String> colloquial, List<String> official) {
        Rule {
            colloquial = List.copyOf(colloquial);
            official = List.copyOf(official);
            if (colloquial.isEmpty() || official.isEmpty()) {
                throw new IllegalArgumentException("a rule needs colloquial and official terms");
            }
        }
    }

    private final List<Rule> rules;

    PolicyVocabularyQueryTransformer(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The bundled table, plus the rules of {@code extra} when given. */
    public static PolicyVocabularyQueryTransformer load(Path extra) {
        List<Rule> rules = new ArrayList<>();
        try (InputStream in = PolicyVocabularyQueryTransformer.class.getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is missing from the build");
            }
            rules.addAll(parse(new InputStreamReader(in, StandardCharsets.UTF_8), BUNDLED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (extra != null) {
            try (Reader r = Files.newBufferedReader(extra, StandardCharsets.UTF_8)) {
                rules.addAll(parse(r, extra.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the query vocabulary " + extra + ": " + e.getMessage(), e);
            }
        }
        return new PolicyVocabularyQueryTransformer(rules);
    }

    /** Parses rule lines; {@code #} starts a comment. Throws naming the line of a malformed rule. */
    static List<Rule> parse(Reader reader, String name) throws IOException {
        List<Rule> rules = new ArrayList<>();
        BufferedReader in = new BufferedReader(reader);
        String raw;
        int lineNumber = 0;
        while ((raw = in.readLine()) != null) {
            lineNumber++;
            int hash = raw.indexOf('#');
            String line = normalize(hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            List<String> colloquial = eq < 0 ? List.of() : terms(line.substring(0, eq), "\\|");
            List<String> official = eq < 0 ? List.of() : terms(line.substring(eq + 1), "\\s+");
            if (colloquial.isEmpty() || official.isEmpty()) {
                throw new IllegalArgumentException(name + ":" + lineNumber
                        + ": expected 'colloquial|colloquial = official official', got: " + raw.strip());
            }
            rules.add(new Rule(colloquial, official));
        }
        return rules;
    }

    private static List<String> terms(String s, String separator) {
        return Arrays.stream(s.split(separator)).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static String normalize(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC);
    }

    int size() {
        return rules.size();
    }

    @Override
    public Collection<Query> transform(Query query) {
        String expanded = expand(query.text());
        return List.of(query.metadata() == null ? Query.from(expanded) : Query.from(expanded, query.metadata()));
    }

    /** The question followed by the official terms its colloquial words call for (unchanged if none). */
    public String expand(String question) {
        Objects.requireNonNull(question, "question");
        String text = normalize(question);
        Set<String> additions = new LinkedHashSet<>();
        for (Rule rule : rules) {
            if (rule.colloquial().stream().anyMatch(text::contains)) {
                for (String term : rule.official()) {
                    if (!text.contains(term)) {
                        additions.add(term);
                    }
                }
            }
        }
        return additions.isEmpty() ? question : question + " " + String.join(" ", additions);
    }
}
