package io.govassist.chat;

import io.govassist.ingestion.Clause;
import io.govassist.ingestion.Ids;
import io.govassist.ingestion.ParsedPolicy;
import io.govassist.ingestion.PolicyReader;
import io.govassist.store.SearchHit;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Real clauses of the bundled demo corpus, parsed with the production parser, as search hits. */
final class DemoClauses {

    static final String PLAN = "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";
    static final String OPEN_GOVERNMENT = "行政法规/政府信息公开条例(2019-04-03).md";
    static final String SHENZHEN_AI = "地方性法规/深圳经济特区人工智能产业促进条例(2022-09-05).md";

    private static final Map<String, ParsedPolicy> PARSED = new HashMap<>();

    private DemoClauses() {
    }

    static synchronized ParsedPolicy parsed(String source) {
        return PARSED.computeIfAbsent(source, s -> {
            try (InputStream in = new ClassPathResource("demo-corpus/" + s).getInputStream()) {
                return new PolicyReader().read(s, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The first clause of {@code source} with this label, as a hit with the given similarity. */
    static SearchHit hit(String source, String label, double similarity) {
        ParsedPolicy policy = parsed(source);
        List<Clause> clauses = policy.clauses();
        for (int i = 0; i < clauses.size(); i++) {
            Clause c = clauses.get(i);
            if (c.label().equals(label)) {
                String documentId = Ids.documentId(source);
                return new SearchHit(Ids.clauseId(documentId, c.markers(), c.part(), i), documentId,
                        policy.metadata().title(), policy.metadata().docNumber(), source, c.label(), c.path(),
                        c.markers(), c.text(), 0.03, similarity, c.responsibleUnits(), policy.metadata().status());
            }
        }
        throw new IllegalArgumentException("no clause " + label + " in " + source);
    }

    static ClauseContent content(String source, String label, double relevance) {
        return ClauseContent.retrieved(hit(source, label, relevance - 0.1)).withRelevance(relevance);
    }
}
