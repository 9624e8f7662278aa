package io.govassist.documents;

import io.govassist.ingestion.Ids;
import io.govassist.system.DemoCorpus;
import io.govassist.system.GovAssistProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The original bytes of documents, for re-ingesting them: the clause store keeps only parsed clauses. Uploads are
 * kept in the app database (table {@code document_original}, so every replica sees them in pgvector mode);
 * documents imported from {@code govassist.ingest.paths} are re-read from there, and the demo corpus from the
 * classpath. Public for the website sync ({@code sync}), which keeps the pages it ingests like uploads.
 */
@Component
public class OriginalDocuments {

    private final JdbcClient jdbc;
    private final GovAssistProperties properties;

    OriginalDocuments(JdbcClient jdbc, GovAssistProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Upsert without a read-modify-write window: replicas may store the same document at the same moment. */
    public void save(String documentId, String source, byte[] content) {
        String hash = Ids.sha256(content);
        if (update(documentId, source, hash, content) > 0) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO document_original (document_id, source, content_hash, content) VALUES (?, ?, ?, ?)")
                    .params(documentId, source, hash, content).update();
        } catch (DuplicateKeyException e) {
            update(documentId, source, hash, content);
        }
    }

    private int update(String documentId, String source, String hash, byte[] content) {
        return jdbc.sql("UPDATE document_original SET source = ?, content_hash = ?, content = ? WHERE document_id = ?")
                .params(source, hash, content, documentId).update();
    }

    void delete(String documentId) {
        jdbc.sql("DELETE FROM document_original WHERE document_id = ?").param(documentId).update();
    }

    /** The document's current original bytes, looked up in the database, the import paths and the demo corpus. */
    Optional<byte[]> find(String documentId, String source) {
        Optional<byte[]> stored = jdbc.sql("SELECT content FROM document_original WHERE document_id = ?")
                .param(documentId).query((rs, n) -> rs.getBytes(1)).optional();
        if (stored.isPresent()) {
            return stored;
        }
        if (source.contains("..")) {
            return Optional.empty();
        }
        for (GovAssistProperties.ImportPath root : properties.ingest().paths()) {
            Path base = root.path().toAbsolutePath().normalize();
            Path file = Files.isDirectory(base) ? base.resolve(source).normalize() : base;
            boolean matches = Files.isDirectory(base) ? file.startsWith(base) : base.getFileName().toString().equals(source);
            if (matches && Files.isRegularFile(file)) {
                return Optional.of(read(file));
            }
        }
        return DemoCorpus.read(source);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
