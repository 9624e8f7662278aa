package io.govassist.system;

import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.store.ClauseStore;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The demo corpus bundled in the jar ({@code demo-corpus/}, listed in {@code demo-corpus/files.txt}): imported by the
 * server on first start, by the chat commands into an empty store, and read back for re-ingestion.
 */
public final class DemoCorpus {

    private static final String ROOT = "demo-corpus/";

    private DemoCorpus() {
    }

    /** The bundled files' sources (paths relative to the demo root), in import order. */
    public static List<String> files() {
        try (InputStream in = new ClassPathResource(ROOT + "files.txt").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException("demo-corpus/files.txt is missing from the build", e);
        }
    }

    /** The bytes of a bundled file, if {@code source} names one. */
    public static Optional<byte[]> read(String source) {
        ClassPathResource resource = new ClassPathResource(ROOT + source);
        if (source.contains("..") || !resource.exists()) {
            return Optional.empty();
        }
        try (InputStream in = resource.getInputStream()) {
            return Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the demo document " + source, e);
        }
    }

    /** Ingests every bundled file in one bulk session; {@code progress} gets each result and its 1-based number. */
    public static void ingestAll(IngestionPipeline pipeline, ClauseStore store,
                                 BiConsumer<IngestResult, Integer> progress) {
        List<String> files = files();
        int done = 0;
        try (ClauseStore.BulkSession bulk = store.beginBulk()) {
            for (String file : files) {
                byte[] content = read(file).orElseThrow(
                        () -> new IllegalStateException("Demo document " + file + " is missing from the build"));
                progress.accept(pipeline.ingest(file, content), ++done);
            }
        }
    }
}
