package io.govassist.system;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The knowledge bases an import adds its documents to, as this package needs them: entries {@code ID=DIR} of
 * {@code govassist.ingest.paths} ({@link StartupImport}) and {@code ingest --knowledge-base ID} ({@link CommandLine}).
 * Implemented by {@code io.govassist.knowledge.KnowledgeBases}, so that {@code system} does not depend on the
 * {@code knowledge} package (which uses this one).
 */
public interface ImportKnowledgeBases {

    /** What a knowledge base id looks like ({@code io.govassist.knowledge.KnowledgeBase.ID} is this pattern). */
    Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** Whether a knowledge base with this id exists. */
    boolean exists(String id);

    /** Adds a stored document to an existing knowledge base (no-op when it is in already). */
    void addDocument(String id, String documentId);

    /** Those of {@code ids} (nulls ignored, each once, in order) that name no existing knowledge base. */
    default List<String> missing(Collection<String> ids) {
        return ids.stream().filter(Objects::nonNull).distinct().filter(id -> !exists(id)).toList();
    }
}
