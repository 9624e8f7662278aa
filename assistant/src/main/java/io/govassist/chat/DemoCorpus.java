package io.govassist.chat;

import io.govassist.ingestion.IngestionPipeline;
import io.govassist.store.ClauseStore;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bundled demo corpus for the chat commands, which run without the server's startup import. */
final class DemoCorpus {

    private DemoCorpus() {
    }

    /** Imports the bundled demo corpus ({@code demo-corpus/files.txt}) if the store is empty. */
    static void importIfEmpty(ClauseStore store, IngestionPipeline pipeline) {
        if (store.clauseCount() > 0) {
            return;
        }
        System.err.println("The store is empty: importing the bundled demo corpus first");
        try (InputStream list = new ClassPathResource("demo-corpus/files.txt").getInputStream();
             ClauseStore.BulkSession bulk = store.beginBulk()) {
            for (String file : new String(list.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
                try (InputStream in = new ClassPathResource("demo-corpus/" + file).getInputStream()) {
                    pipeline.ingest(file, in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The demo corpus is missing from the build", e);
        }
    }
}
