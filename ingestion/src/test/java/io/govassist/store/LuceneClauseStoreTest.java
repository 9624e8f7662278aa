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
}
