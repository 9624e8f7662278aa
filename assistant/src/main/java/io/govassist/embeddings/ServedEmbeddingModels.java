package io.govassist.embeddings;

import io.govassist.models.QueryAwareEmbeddingModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the API serves, each behind its own {@link EmbeddingMicroBatcher}. Every model has two names: its id
 * (passage embeddings, no instruction) and {@code <id>-query} (query embeddings, with the model's query instruction).
 */
final class ServedEmbeddingModels implements AutoCloseable {

    static final String QUERY_SUFFIX = "-query";

    /** One served model. */
    record Served(QueryAwareEmbeddingModel model, EmbeddingMicroBatcher batcher) {
    }

    /** What a request's {@code model} names: a served model, in passage or query mode. */
    record Resolved(String name, Served served, boolean query) {
    }

    private final Map<String, Served> byId = new LinkedHashMap<>();
    private final long createdEpochSeconds;
    private final List<AutoCloseable> owned;

    /**
     * @param owned models loaded only for the API (closed with it); the application's own model is not among them
     */
    ServedEmbeddingModels(List<Served> served, long createdEpochSeconds, List<AutoCloseable> owned) {
        served.forEach(s -> byId.put(s.model().modelId(), s));
        this.createdEpochSeconds = createdEpochSeconds;
        this.owned = List.copyOf(owned);
    }

    Optional<Resolved> resolve(String name) {
        Served direct = byId.get(name);
        if (direct != null) {
            return Optional.of(new Resolved(name, direct, false));
        }
        if (name.endsWith(QUERY_SUFFIX)) {
            Served base = byId.get(name.substring(0, name.length() - QUERY_SUFFIX.length()));
            if (base != null) {
                return Optional.of(new Resolved(name, base, true));
            }
        }
        return Optional.empty();
    }

    /** Every name a request may use: each model's id, then its query alias. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        byId.keySet().forEach(id -> {
            names.add(id);
            names.add(id + QUERY_SUFFIX);
        });
        return names;
    }

    long createdEpochSeconds() {
        return createdEpochSeconds;
    }

    @Override
    public void close() throws Exception {
        for (Served s : byId.values()) {
            s.batcher().close();
        }
        for (AutoCloseable c : owned) {
            c.close();
        }
    }
}
