package io.govassist.search;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import io.govassist.models.QueryAwareEmbeddingModel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Benchmark helper: a {@link QueryAwareEmbeddingModel} that remembers every vector by (kind, text) and can persist
 * them, so ablation runs never embed the same text twice. Not for production (unbounded).
 */
final class CachingEmbeddingModel implements QueryAwareEmbeddingModel {

    private final QueryAwareEmbeddingModel delegate;
    private final Map<String, float[]> cache = new ConcurrentHashMap<>();
    private volatile int misses;

    CachingEmbeddingModel(QueryAwareEmbeddingModel delegate) {
        this.delegate = delegate;
    }

    int misses() {
        return misses;
    }

    void load(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                float[] v = new float[in.readInt()];
                for (int j = 0; j < v.length; j++) {
                    v[j] = in.readFloat();
                }
                cache.put(key, v);
            }
        }
    }

    void save(Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 20))) {
            List<Map.Entry<String, float[]>> entries = new ArrayList<>(cache.entrySet());
            out.writeInt(entries.size());
            for (Map.Entry<String, float[]> e : entries) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                for (float f : e.getValue()) {
                    out.writeFloat(f);
                }
            }
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public Embedding embedQuery(String query) {
        return embedQueries(List.of(query)).getFirst();
    }

    @Override
    public List<Embedding> embedPassages(List<String> passages) {
        return cached("p:", passages, delegate::embedPassages);
    }

    @Override
    public List<Embedding> embedQueries(List<String> queries) {
        return cached("q:", queries, delegate::embedQueries);
    }

    private List<Embedding> cached(String kind, List<String> texts,
                                   java.util.function.Function<List<String>, List<Embedding>> embed) {
        List<String> missing = texts.stream().filter(t -> !cache.containsKey(kind + t)).distinct().toList();
        if (!missing.isEmpty()) {
            misses += missing.size();
            List<Embedding> fresh = embed.apply(missing);
            for (int i = 0; i < missing.size(); i++) {
                cache.put(kind + missing.get(i), fresh.get(i).vector());
            }
        }
        return texts.stream().map(t -> Embedding.from(cache.get(kind + t))).toList();
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return Response.from(embedPassages(segments.stream().map(TextSegment::text).toList()));
    }

    @Override
    public int countTokens(String text) {
        return delegate.countTokens(text);
    }

    @Override
    public long[] tokenIds(String text) {
        return delegate.tokenIds(text);
    }

    @Override
    public int maxTokens() {
        return delegate.maxTokens();
    }

    @Override
    public String queryInstruction() {
        return delegate.queryInstruction();
    }

}
