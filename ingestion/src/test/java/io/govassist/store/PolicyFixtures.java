package io.govassist.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.govassist.ingestion.Clause;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.Ids;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Real policy clauses from {@code store/policy-clauses.json} (the 四川 AI+ plan and 政府信息公开条例), embedded once
 * per JVM with the bundled bge-small-zh-v1.5, and query embeddings cached.
 */
final class PolicyFixtures {

    static final Instant INGESTED_AT = Instant.parse("2026-01-05T08:00:00Z");

    /** A document with its embedded clauses, ready for {@link ClauseStore#replaceDocument}. */
    record FixtureDocument(DocumentRecord record, List<IndexedClause> clauses) {
        String id() {
            return record.id();
        }

        IndexedClause clause(String label) {
            return clauses.stream().filter(c -> c.clause().label().equals(label)).findFirst().orElseThrow();
        }
    }

    private static PolicyFixtures instance;

    final OnnxBertEmbeddingModel model;
    final FixtureDocument plan;
    final FixtureDocument law;
    private final Map<String, float[]> queryVectors = new HashMap<>();

    private PolicyFixtures() {
        model = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled());
        JsonNode root;
        try (InputStream in = PolicyFixtures.class.getResourceAsStream("/store/policy-clauses.json")) {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        plan = load(root.get("documents").get(0));
        law = load(root.get("documents").get(1));
    }

    static synchronized PolicyFixtures get() {
        if (instance == null) {
            instance = new PolicyFixtures();
            Runtime.getRuntime().addShutdownHook(new Thread(instance.model::close));
        }
        return instance;
    }

    EmbeddingSpace space() {
        return new EmbeddingSpace(model.modelId(), model.dimension());
    }

    synchronized float[] queryVector(String question) {
        return queryVectors.computeIfAbsent(question, q -> model.embedQuery(q).vector());
    }

    private FixtureDocument load(JsonNode d) {
        String source = d.get("source").asText();
        String title = d.get("title").asText();
        PolicyMetadata metadata = new PolicyMetadata(title, text(d, "docNumber"), text(d, "issuer"), text(d, "date"),
                DocumentStatus.valueOf(d.get("status").asText()));
        List<Clause> clauses = new ArrayList<>();
        for (JsonNode c : d.get("clauses")) {
            clauses.add(new Clause(strings(c.get("path")), strings(c.get("markers")), c.get("label").asText(),
                    c.get("text").asText(), new ResponsibleUnits(strings(c.get("lead")), strings(c.get("cooperating"))),
                    c.get("part").asInt()));
        }
        return document(source, metadata, clauses);
    }

    /** Embeds and wraps {@code clauses} as a document of {@code source}. */
    FixtureDocument document(String source, PolicyMetadata metadata, List<Clause> clauses) {
        String docId = Ids.documentId(source);
        List<String> texts = clauses.stream().map(c -> indexedText(metadata.title(), c)).toList();
        List<float[]> vectors = model.embedPassages(texts).stream().map(e -> e.vector()).toList();
        List<IndexedClause> indexed = new ArrayList<>();
        for (int i = 0; i < clauses.size(); i++) {
            Clause c = clauses.get(i);
            indexed.add(new IndexedClause(Ids.clauseId(docId, c.markers(), c.part(), 0), i, c, texts.get(i),
                    vectors.get(i)));
        }
        DocumentRecord record = new DocumentRecord(docId, source, Ids.sha256(String.join("\n", texts)), metadata,
                indexed.size(), INGESTED_AT);
        return new FixtureDocument(record, List.copyOf(indexed));
    }

    static String indexedText(String title, Clause c) {
        return title + "\n" + String.join(" ", c.path()) + "\n" + c.text();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
