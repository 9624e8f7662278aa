package io.govassist.curated;

import io.govassist.ingestion.Clause;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.store.IndexedClause;
import io.govassist.store.SearchHit;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The chat's way into curated answers: the active answer whose question a chat question asks, with its clauses as
 * they are in the store now. The active questions' embeddings are kept in memory and recomputed when the table
 * changes (checked on every question by one small query, so other instances' changes count too).
 */
@Component
public class CuratedAnswers {

    /** Shown with a curated answer instead of the AI label. */
    public static final String LABEL = "（人工审核：本回答由工作人员审核发布，请以政策原文为准）";

    private final CuratedAnswerRepository repository;
    private final QueryAwareEmbeddingModel model;
    private final ClauseStore store;
    private final CuratedProperties settings;
    private final CuratedAnswerMatcher matcher;
    private volatile Snapshot snapshot = new Snapshot("", List.of());

    CuratedAnswers(CuratedAnswerRepository repository, QueryAwareEmbeddingModel model, ClauseStore store,
                   CuratedProperties settings) {
        this.repository = repository;
        this.model = model;
        this.store = store;
        this.settings = settings;
        this.matcher = new CuratedAnswerMatcher(settings.minSimilarity(), settings.minOverlap());
    }

    /**
     * A curated answer for the chat.
     *
     * @param id      the curated answer's id
     * @param answer  its text; markers {@code [n]} refer to {@code clauses[n-1]}
     * @param clauses the cited clauses, in order, as the store has them now
     */
    public record Match(String id, String answer, List<SearchHit> clauses) {
    }

    private record Entry(CuratedAnswer answer, float[] vector) {
    }

    private record Snapshot(String version, List<Entry> entries) {
    }

    /**
     * The best-scoring active curated answer that {@code question} matches, if any and if all its clauses are still
     * in the store (an answer resting on a removed clause is not served).
     */
    public Optional<Match> match(String question) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        List<Entry> entries = current().entries();
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        float[] q = model.embedQuery(question).vector();
        Entry best = null;
        double bestCosine = -1;
        for (Entry e : entries) {
            double cosine = CuratedAnswerMatcher.cosine(q, e.vector());
            if (cosine > bestCosine && matcher.matches(cosine, question, e.answer().question())) {
                best = e;
                bestCosine = cosine;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        CuratedAnswer found = best.answer();
        return resolve(found.clauses()).map(hits -> new Match(found.id(), found.answer(), hits));
    }

    /** The clauses as search hits from the store; empty when one of them is gone. */
    Optional<List<SearchHit>> resolve(List<ClauseRef> refs) {
        List<SearchHit> hits = new ArrayList<>(refs.size());
        Map<String, List<IndexedClause>> byDocument = new HashMap<>();
        for (ClauseRef ref : refs) {
            Optional<DocumentRecord> document = store.findDocument(ref.documentId());
            if (document.isEmpty()) {
                return Optional.empty();
            }
            Optional<IndexedClause> clause = byDocument.computeIfAbsent(ref.documentId(), store::clausesOf).stream()
                    .filter(c -> c.id().equals(ref.clauseId())).findFirst();
            if (clause.isEmpty()) {
                return Optional.empty();
            }
            DocumentRecord d = document.get();
            Clause c = clause.get().clause();
            hits.add(new SearchHit(ref.clauseId(), d.id(), d.metadata().title(), d.metadata().docNumber(), d.source(),
                    c.label(), c.path(), c.markers(), c.text(), Double.NaN, Double.NaN, c.responsibleUnits(),
                    d.metadata().status()));
        }
        return hits.isEmpty() ? Optional.empty() : Optional.of(hits);
    }

    private Snapshot current() {
        String version = repository.version();
        Snapshot s = snapshot;
        if (version.equals(s.version())) {
            return s;
        }
        synchronized (this) {
            s = snapshot;
            if (version.equals(s.version())) {
                return s;
            }
            Map<String, Entry> known = new HashMap<>();
            for (Entry e : s.entries()) {
                known.put(e.answer().id() + "|" + e.answer().question(), e);
            }
            List<CuratedAnswer> active = repository.list(CuratedAnswer.Status.ACTIVE, Integer.MAX_VALUE);
            List<Entry> entries = new ArrayList<>(active.size());
            for (CuratedAnswer a : active) {
                Entry old = known.get(a.id() + "|" + a.question());
                entries.add(new Entry(a, old != null ? old.vector() : model.embedQuery(a.question()).vector()));
            }
            snapshot = new Snapshot(version, List.copyOf(entries));
            return snapshot;
        }
    }
}
