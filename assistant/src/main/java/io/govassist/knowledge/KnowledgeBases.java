package io.govassist.knowledge;

import io.govassist.knowledge.KnowledgeBase.Audience;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.system.ApiException;
import io.govassist.system.ImportKnowledgeBases;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The knowledge bases and their documents ({@code knowledge_base}, {@code knowledge_base_document}), and the search
 * scope a request's knowledge base gives. As {@link ImportKnowledgeBases}, the knowledge bases that imports
 * ({@code govassist.ingest.paths} entries {@code ID=DIR}, {@code ingest --knowledge-base}) add documents to.
 */
@Component
public class KnowledgeBases implements ImportKnowledgeBases {

    /** The knowledge base of every document that belongs to no other. */
    public static final String DEFAULT = "default";

    /** A document id no document has: the filter of a knowledge base without documents selects nothing. */
    static final String NO_DOCUMENT = "\u0000no-document";

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final ClauseStore store;
    private final TransactionTemplate transactions;
    private final Clock clock = Clock.systemUTC();

    KnowledgeBases(JdbcClient jdbc, JsonMapper json, ClauseStore store, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.json = json;
        this.store = store;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** A knowledge base with its number of documents (for {@link #DEFAULT}: those in no other one included). */
    public record Listed(KnowledgeBase knowledgeBase, int documentCount) {
    }

    @Override
    public boolean exists(String id) {
        return find(id).isPresent();
    }

    public Optional<KnowledgeBase> find(String id) {
        if (id == null || !KnowledgeBase.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT * FROM knowledge_base WHERE id = ?").param(id).query(this::row).optional();
    }

    /** Every knowledge base, {@link #DEFAULT} first, then by id. */
    public List<KnowledgeBase> all() {
        return jdbc.sql("SELECT * FROM knowledge_base ORDER BY CASE WHEN id = 'default' THEN 0 ELSE 1 END, id")
                .query(this::row).list();
    }

    /** Every knowledge base, {@link #DEFAULT} first, then by id, with document counts of stored documents. */
    public List<Listed> list() {
        Map<String, Set<String>> byDocument = memberships();
        Map<String, Integer> counts = new HashMap<>();
        for (DocumentRecord d : store.listDocuments()) {
            for (String kb : byDocument.getOrDefault(d.id(), Set.of(DEFAULT))) {
                counts.merge(kb, 1, Integer::sum);
            }
        }
        return all().stream()
                .map(kb -> new Listed(kb, counts.getOrDefault(kb.id(), 0))).toList();
    }

    /** Creates a knowledge base; false when the id is taken. */
    boolean create(KnowledgeBase kb, String createdBy) {
        try {
            return jdbc.sql("""
                            INSERT INTO knowledge_base (id, name, audience, welcome, suggested_questions,
                                                        refusal_threshold, created_by, created_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(kb.id(), kb.name(), kb.audience().name(), kb.welcome(),
                            json.writeValueAsString(kb.suggestedQuestions()), kb.refusalThreshold(), createdBy,
                            Timestamp.from(clock.instant()))
                    .update() == 1;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** Replaces name, audience, welcome text, suggested questions and threshold; false when there is no such one. */
    boolean update(KnowledgeBase kb) {
        return jdbc.sql("""
                        UPDATE knowledge_base SET name = ?, audience = ?, welcome = ?, suggested_questions = ?,
                               refusal_threshold = ? WHERE id = ?""")
                .params(kb.name(), kb.audience().name(), kb.welcome(), json.writeValueAsString(kb.suggestedQuestions()),
                        kb.refusalThreshold(), kb.id())
                .update() == 1;
    }

    /** Deletes a knowledge base and its memberships (not its documents); false when there is no such one. */
    boolean delete(String id) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            jdbc.sql("DELETE FROM knowledge_base_document WHERE knowledge_base_id = ?").param(id).update();
            return jdbc.sql("DELETE FROM knowledge_base WHERE id = ?").param(id).update() == 1;
        }));
    }

    /** Sets a knowledge base's documents to exactly these (atomically). */
    void setDocuments(String id, Collection<String> documentIds) {
        transactions.executeWithoutResult(tx -> {
            jdbc.sql("DELETE FROM knowledge_base_document WHERE knowledge_base_id = ?").param(id).update();
            for (String documentId : new LinkedHashSet<>(documentIds)) {
                jdbc.sql("INSERT INTO knowledge_base_document (knowledge_base_id, document_id) VALUES (?, ?)")
                        .params(id, documentId).update();
            }
        });
    }

    /** Adds a document to a knowledge base (no-op when it is in already). */
    @Override
    public void addDocument(String id, String documentId) {
        jdbc.sql("""
                        INSERT INTO knowledge_base_document (knowledge_base_id, document_id)
                        SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM knowledge_base_document
                                                      WHERE knowledge_base_id = ? AND document_id = ?)""")
                .params(id, documentId, id, documentId).update();
    }

    /** Removes a deleted document from every knowledge base. */
    public void forgetDocument(String documentId) {
        jdbc.sql("DELETE FROM knowledge_base_document WHERE document_id = ?").param(documentId).update();
    }

    /** The knowledge bases of each document with an explicit membership (a document absent is in {@link #DEFAULT}). */
    public Map<String, Set<String>> memberships() {
        Map<String, Set<String>> byDocument = new TreeMap<>();
        jdbc.sql("SELECT document_id, knowledge_base_id FROM knowledge_base_document ORDER BY knowledge_base_id")
                .query(rs -> {
                    byDocument.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(rs.getString(2));
                });
        return byDocument;
    }

    /** The knowledge bases of one document. */
    public List<String> of(String documentId) {
        List<String> ids = jdbc.sql("SELECT knowledge_base_id FROM knowledge_base_document WHERE document_id = ? "
                + "ORDER BY knowledge_base_id").param(documentId).query(String.class).list();
        return ids.isEmpty() ? List.of(DEFAULT) : ids;
    }

    /**
     * A knowledge base the current caller may search: unknown, or STAFF for a caller not signed in as staff, is
     * {@code KNOWLEDGE_BASE_NOT_FOUND} (404) alike, so an anonymous caller learns nothing of staff material.
     */
    public KnowledgeBase readable(String id) {
        return readable(id, callerIsStaff());
    }

    private KnowledgeBase readable(String id, boolean staff) {
        return find(id).filter(kb -> kb.audience() == Audience.PUBLIC || staff)
                .orElseThrow(() -> ApiException.notFound("KNOWLEDGE_BASE_NOT_FOUND", "未找到该知识库：" + id));
    }

    /**
     * {@code base} restricted to a knowledge base's documents, for the store to apply inside its query. Without one
     * ({@code null} or blank): every document except those only in STAFF knowledge bases — for everyone, staff
     * included, as before knowledge bases existed. Naming {@link #DEFAULT}: its documents only (those in no other
     * knowledge base, or assigned to it). Naming another: its documents only (none when it has none).
     *
     * @throws ApiException {@code KNOWLEDGE_BASE_NOT_FOUND} (404) as {@link #readable(String)}
     */
    public ClauseFilter scope(String knowledgeBase, ClauseFilter base) {
        return resolve(knowledgeBase, base).filter();
    }

    /**
     * The request's scope: its filter as {@link #scope(String, ClauseFilter)}, and the knowledge base's own refusal
     * threshold (none without a knowledge base). Whether a STAFF one is readable depends on the current caller.
     */
    public SearchScope resolve(String knowledgeBase, ClauseFilter base) {
        return resolve(knowledgeBase, base, callerIsStaff());
    }

    /**
     * As {@link #resolve(String, ClauseFilter)} for a caller who is ({@code staff}) or is not signed-in staff: the
     * offline commands, run by the operator on the server, read STAFF knowledge bases too.
     */
    public SearchScope resolve(String knowledgeBase, ClauseFilter base, boolean staff) {
        if (knowledgeBase == null || knowledgeBase.isBlank()) {
            return new SearchScope(base.excluding(jdbc.sql("""
                    SELECT m.document_id FROM knowledge_base_document m JOIN knowledge_base k
                    ON k.id = m.knowledge_base_id GROUP BY m.document_id
                    HAVING SUM(CASE WHEN k.audience = 'PUBLIC' THEN 1 ELSE 0 END) = 0""")
                    .query(String.class).list()), null);
        }
        KnowledgeBase kb = readable(knowledgeBase.strip(), staff);
        if (kb.id().equals(DEFAULT)) {
            return new SearchScope(base.excluding(jdbc.sql("""
                    SELECT document_id FROM knowledge_base_document GROUP BY document_id
                    HAVING SUM(CASE WHEN knowledge_base_id = 'default' THEN 1 ELSE 0 END) = 0""")
                    .query(String.class).list()), kb.refusalThreshold());
        }
        List<String> members = jdbc.sql("SELECT document_id FROM knowledge_base_document WHERE knowledge_base_id = ? "
                + "ORDER BY document_id").param(kb.id()).query(String.class).list();
        List<String> allowed = base.documentIds().isEmpty() ? members
                : base.documentIds().stream().filter(members::contains).toList();
        return new SearchScope(new ClauseFilter(allowed.isEmpty() ? List.of(NO_DOCUMENT) : allowed, base.issuers(),
                base.dateFrom(), base.dateTo(), base.includeDrafts(), base.excludedDocumentIds()),
                kb.refusalThreshold());
    }

    /** Whether the request is made by signed-in staff (console session or HTTP Basic), admins included. */
    static boolean callerIsStaff() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated()
                && auth.getAuthorities().stream().anyMatch(a -> "ROLE_STAFF".equals(a.getAuthority()));
    }

    private KnowledgeBase row(ResultSet rs, int n) throws SQLException {
        double threshold = rs.getDouble("refusal_threshold");
        Double refusalThreshold = rs.wasNull() ? null : threshold;
        return new KnowledgeBase(rs.getString("id"), rs.getString("name"), Audience.valueOf(rs.getString("audience")),
                rs.getString("welcome"), json.readValue(rs.getString("suggested_questions"), STRINGS),
                refusalThreshold);
    }
}
