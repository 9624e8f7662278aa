package io.govassist.eval;

import io.govassist.knowledge.KnowledgeBases;
import io.govassist.knowledge.SearchScope;
import io.govassist.store.ClauseFilter;
import io.govassist.system.ApiException;

import java.io.PrintStream;

/**
 * {@code --knowledge-base ID} of the offline commands ({@code eval}, {@code chat-eval}, {@code calibrate-refusal}):
 * the questions are searched and answered within that knowledge base's scope, resolved by the same code as an HTTP
 * request naming it — as signed-in staff would be, since only the operator runs these commands, so STAFF knowledge
 * bases can be measured too.
 */
final class KnowledgeBaseOption {

    static final String NAME = "--knowledge-base";

    private KnowledgeBaseOption() {
    }

    /**
     * The scope of {@code id}; without one ({@code null}) every document and the configured threshold, as the
     * commands have always measured.
     *
     * @throws IllegalArgumentException naming the id when there is no such knowledge base
     */
    static SearchScope resolve(KnowledgeBases knowledgeBases, String id) {
        if (id == null) {
            return SearchScope.NONE;
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException(NAME + " needs a value");
        }
        try {
            return knowledgeBases.resolve(id, ClauseFilter.NONE, true);
        } catch (ApiException e) {
            throw new IllegalArgumentException("unknown knowledge base " + id
                    + " (GET /api/v1/admin/knowledge-bases lists them; the id is the slug, e.g. ai-plan)");
        }
    }

    /**
     * {@link #resolve} for a command: the scope, or {@code null} after printing {@code command: reason} to
     * {@code err} (the command then exits with 2).
     */
    static SearchScope resolveOrReport(KnowledgeBases knowledgeBases, String id, String command, PrintStream err) {
        try {
            return resolve(knowledgeBases, id);
        } catch (IllegalArgumentException e) {
            err.println(command + ": " + e.getMessage());
            return null;
        }
    }
}
