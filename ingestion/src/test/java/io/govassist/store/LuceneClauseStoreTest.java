package io.govassist.store;

import io.govassist.store.PolicyFixtures.FixtureDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LuceneClauseStoreTest extends ClauseStoreConformanceTest {

    @TempDir
    Path tempDir;

    @Override
    protected ClauseStore createStore() {
        return LuceneClauseStore.open(tempDir.resolve("index"));
    }

    @Override
    protected ClauseStore reopen(ClauseStore store) {
        LuceneClauseStore lucene = (LuceneClauseStore) store;
        lucene.close();
        return LuceneClauseStore.open(lucene.path(), lucene.lexicalAnalyzer());
    }

    private LuceneClauseStore lucene() {
        return (LuceneClauseStore) store;
    }

    @Test
    void storing_before_an_embedding_space_is_bound_is_refused() {
        try (LuceneClauseStore fresh = LuceneClauseStore.open(tempDir.resolve("unbound"))) {
            assertThatThrownBy(() -> fresh.replaceDocument(fx.law.record(), fx.law.clauses()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("bindEmbeddingSpace");
        }
    }

    @Test
    void a_bulk_session_publishes_its_documents_when_it_ends() {
        try (LuceneClauseStore.Bulk bulk = lucene().beginBulk()) {
            put(fx.plan);
            put(fx.law);
            assertThat(store.clauseCount()).as("not yet visible").isZero();
        }

        assertThat(store.clauseCount()).isEqualTo(42);
        store = reopen(store);
        assertThat(store.clauseCount()).as("durable").isEqualTo(42);
    }

    @Test
    void nested_bulk_sessions_publish_when_the_last_one_ends() {
        LuceneClauseStore.Bulk outer = lucene().beginBulk();
        try (LuceneClauseStore.Bulk inner = lucene().beginBulk()) {
            put(fx.plan);
        }
        assertThat(store.clauseCount()).isZero();
        put(fx.law);
        outer.close();
        outer.close();

        assertThat(store.clauseCount()).isEqualTo(42);
    }

    @Test
    void flush_publishes_writes_of_a_running_bulk_session() {
        try (LuceneClauseStore.Bulk bulk = lucene().beginBulk()) {
            put(fx.law);
            lucene().flush();
            assertThat(store.clauseCount()).isEqualTo(fx.law.clauses().size());
        }
    }

    @Test
    void replaceDocuments_stores_many_documents_with_one_commit() {
        Map<DocumentRecord, List<IndexedClause>> batch = new LinkedHashMap<>();
        for (FixtureDocument d : List.of(fx.plan, fx.law)) {
            batch.put(d.record(), d.clauses());
        }

        lucene().replaceDocuments(batch);

        assertThat(store.clauseCount()).isEqualTo(42);
        assertThat(store.listDocuments()).hasSize(2);
    }

    @Test
    void closing_a_store_with_uncommitted_bulk_writes_keeps_them() {
        LuceneClauseStore.Bulk bulk = lucene().beginBulk();
        put(fx.plan);
        store = reopen(store);
        bulk.close();

        assertThat(store.clauseCount()).isEqualTo(fx.plan.clauses().size());
    }

    @Test
    void concurrent_writers_in_a_bulk_session_store_every_document() throws Exception {
        List<FixtureDocument> docs = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            docs.add(fx.document("bulk/" + i + ".txt", fx.law.record().metadata(),
                    fx.law.clauses().stream().map(IndexedClause::clause).toList().subList(0, 3 + i)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try (LuceneClauseStore.Bulk bulk = lucene().beginBulk()) {
            List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
            for (FixtureDocument d : docs) {
                futures.add(pool.submit(() -> put(d)));
                futures.add(pool.submit(() -> put(d)));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(store.listDocuments()).hasSize(8);
        assertThat(store.clauseCount()).isEqualTo(docs.stream().mapToLong(d -> d.clauses().size()).sum());
        for (FixtureDocument d : docs) {
            assertThat(store.clausesOf(d.id())).hasSize(d.clauses().size());
        }
    }

    @Test
    void an_index_built_with_another_analyzer_is_refused() {
        ingestBoth();
        store.close();
        Path dir = lucene().path();

        assertThatThrownBy(() -> LuceneClauseStore.open(dir, LexicalAnalyzer.CJK_BIGRAM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LexicalAnalyzer.DEFAULT.name());
        store = LuceneClauseStore.open(dir);
        assertThat(store.clauseCount()).isEqualTo(42);
    }

    @Test
    void a_closed_store_refuses_calls() {
        store.close();

        assertThatThrownBy(() -> store.clauseCount()).isInstanceOf(IllegalStateException.class);
        store.close();
    }

    @Test
    void every_analyzer_finds_the_plan_clauses() {
        for (LexicalAnalyzer analyzer : LexicalAnalyzer.values()) {
            try (LuceneClauseStore s = LuceneClauseStore.open(tempDir.resolve(analyzer.name()), analyzer)) {
                s.bindEmbeddingSpace(fx.space());
                s.replaceDocument(fx.plan.record(), fx.plan.clauses());
                s.replaceDocument(fx.law.record(), fx.law.clauses());
                assertThat(labels(s.search(hybrid(SERVICE_QUESTION, 3, ClauseFilter.NONE)))).as(analyzer.name())
                        .first().isEqualTo("二、（十五）");
                assertThat(labels(s.search(query(RetrievalMode.LEXICAL, "医疗器械 伦理审查", 3, ClauseFilter.NONE))))
                        .as(analyzer.name()).first().isEqualTo("二、（十）");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ exclusion views

    private List<SearchHit> searchAll(String question, ClauseFilter filter) {
        List<SearchHit> all = new java.util.ArrayList<>();
        for (RetrievalMode mode : RetrievalMode.values()) {
            all.addAll(store.search(query(mode, question, 50, filter)));
        }
        return all;
    }

    @Test
    void a_cached_exclusion_never_outlives_the_documents_it_was_computed_on() {
        String question = DEADLINE_QUESTION + " 政府信息公开 " + SERVICE_QUESTION;
        ClauseFilter notPlan = ClauseFilter.NONE.excluding(List.of(fx.plan.id()));
        put(fx.law);
        assertThat(searchAll(question, notPlan)).isNotEmpty().extracting(SearchHit::documentId)
                .containsOnly(fx.law.id());
        assertThat(lucene().exclusions().cachedViews()).isEqualTo(1);

        // the excluded (staff-only) document is ingested after the exclusion was cached: its clauses stay out
        put(fx.plan);
        assertThat(searchAll(question, ClauseFilter.NONE)).extracting(SearchHit::documentId).contains(fx.plan.id());
        assertThat(searchAll(question, notPlan)).isNotEmpty().extracting(SearchHit::documentId)
                .containsOnly(fx.law.id());

        // a deleted document disappears from the cached exclusion's results, and comes back when re-added
        store.deleteDocument(fx.law.id());
        assertThat(searchAll(question, notPlan)).isEmpty();
        put(fx.law);
        assertThat(searchAll(question, notPlan)).isNotEmpty().extracting(SearchHit::documentId)
                .containsOnly(fx.law.id());

        // the plan leaves the staff-only set (re-added to public): the new exclusion no longer hides it
        ClauseFilter notLaw = ClauseFilter.NONE.excluding(List.of(fx.law.id()));
        assertThat(searchAll(question, notLaw)).isNotEmpty().extracting(SearchHit::documentId)
                .containsOnly(fx.plan.id());
        assertThat(searchAll(question, ClauseFilter.NONE.excluding(List.of("no-such-document"))))
                .extracting(SearchHit::documentId).contains(fx.plan.id(), fx.law.id());
        assertThat(lucene().exclusions().cachedViews()).as("views of the current snapshot only").isEqualTo(3);
    }

    @Test
    void an_exclusion_view_returns_the_hits_of_the_exclusion_filter_in_the_same_order() {
        ingestBoth();
        store.deleteDocument(fx.plan.id()); // a segment with deletions, a second one after re-adding
        put(fx.plan);
        List<ClauseFilter> filters = List.of(
                ClauseFilter.NONE.excluding(List.of(fx.law.id())),
                ClauseFilter.NONE.excluding(List.of(fx.plan.id())),
                ClauseFilter.NONE.excluding(List.of(fx.plan.id(), fx.law.id())),
                new ClauseFilter(List.of(), List.of("国务院"), null, null, false).excluding(List.of(fx.plan.id())),
                ClauseFilter.documents(List.of(fx.law.id(), fx.plan.id())).excluding(List.of(fx.law.id())));
        for (String question : List.of(DEADLINE_QUESTION, SERVICE_QUESTION, MEDICAL_QUESTION, FEE_QUESTION)) {
            for (ClauseFilter filter : filters) {
                for (RetrievalMode mode : RetrievalMode.values()) {
                    // candidates 3 (HNSW with a visit limit) and 100 (exact search: fewer clauses than that)
                    for (int candidates : new int[] {3, 100}) {
                        float[] vector = mode == RetrievalMode.LEXICAL ? null : fx.queryVector(question);
                        SearchQuery q = new SearchQuery(question, vector, 3, filter, mode, 1.0, 1.0, 60, candidates);
                        lucene().useExclusionViews(false);
                        List<SearchHit> byFilter = store.search(q);
                        lucene().useExclusionViews(true);
                        assertThat(store.search(q)).as(mode + " " + candidates + " " + filter).isEqualTo(byFilter);
                    }
                }
            }
        }
    }
}
