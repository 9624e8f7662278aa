package io.govassist.store;

import io.govassist.ingestion.Clause;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.Ids;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.store.PolicyFixtures.FixtureDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The conformance suite and PostgreSQL-specific behaviour, against the real local PostgreSQL + pgvector. */
class PgVectorClauseStoreIT extends ClauseStoreConformanceTest {

    private static final PostgresTestDatabase db = new PostgresTestDatabase();
    private DataSource dataSource;

    @BeforeAll
    static void database() {
        PostgresTestDatabase.requireAvailable();
    }

    @AfterAll
    static void dropSchemas() {
        db.dropAll();
    }

    @Override
    protected ClauseStore createStore() {
        dataSource = PostgresTestDatabase.dataSource(db.newSchema("store_it"));
        return PgVectorClauseStore.open(dataSource, PgVectorClauseStore.Settings.DEFAULTS);
    }

    @Override
    protected ClauseStore reopen(ClauseStore store) {
        PgVectorClauseStore pg = (PgVectorClauseStore) store;
        pg.close();
        return PgVectorClauseStore.open(dataSource, pg.settings());
    }

    private PgVectorClauseStore second() {
        return PgVectorClauseStore.open(dataSource, PgVectorClauseStore.Settings.DEFAULTS);
    }

    @Test
    void a_second_store_on_the_same_database_sees_writes_at_once() {
        try (PgVectorClauseStore other = second()) {
            other.bindEmbeddingSpace(fx.space());
            assertThat(other.clauseCount()).isZero();

            ingestBoth();

            assertThat(other.clauseCount()).isEqualTo(42);
            assertThat(labels(other.search(hybrid(SERVICE_QUESTION, 3, ClauseFilter.NONE)))).first()
                    .isEqualTo("二、（十五）");
            assertThat(other.deleteDocument(fx.plan.id())).isTrue();
            assertThat(store.findDocument(fx.plan.id())).isEmpty();
        }
    }

    @Test
    void a_store_opened_before_another_process_created_the_schema_reads_it() {
        try (PgVectorClauseStore early = second()) {
            assertThat(early.listDocuments()).isEmpty();
            ingestBoth();
            assertThat(early.listDocuments()).hasSize(2);
            assertThat(early.storedEmbeddingSpace()).contains(fx.space());
        }
    }

    @Test
    void concurrent_replaces_of_one_document_from_two_stores_leave_exactly_one_version() throws Exception {
        ingestBoth();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (PgVectorClauseStore other = second()) {
            other.bindEmbeddingSpace(fx.space());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ClauseStore target = i % 2 == 0 ? store : other;
                List<IndexedClause> clauses = fx.law.clauses().subList(0, 10 + i);
                futures.add(pool.submit(() -> {
                    go.await();
                    target.replaceDocument(fx.law.record(), clauses);
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        List<IndexedClause> stored = store.clausesOf(fx.law.id());
        assertThat(stored.size()).isBetween(10, 17);
        assertThat(store.findDocument(fx.law.id())).get().extracting(DocumentRecord::clauseCount)
                .isEqualTo(stored.size());
        assertThat(stored).extracting(IndexedClause::id)
                .containsExactlyElementsOf(fx.law.clauses().subList(0, stored.size()).stream()
                        .map(IndexedClause::id).toList());
        assertThat(countRows("store_clause")).isEqualTo(fx.plan.clauses().size() + stored.size());
        assertThat(countRows("store_document")).isEqualTo(2);
    }

    @Test
    void a_document_lock_excludes_other_processes_until_released() throws Exception {
        try (PgVectorClauseStore other = second()) {
            AtomicInteger acquired = new AtomicInteger();
            Thread waiter;
            try (ClauseStore.DocumentLock lock = store.lockDocument(fx.law.id())) {
                waiter = Thread.ofPlatform().start(() -> {
                    try (ClauseStore.DocumentLock l = other.lockDocument(fx.law.id())) {
                        acquired.incrementAndGet();
                    }
                });
                // another document's lock is independent
                try (ClauseStore.DocumentLock unrelated = other.lockDocument(fx.plan.id())) {
                    assertThat(unrelated).isNotNull();
                }
                Thread.sleep(300);
                assertThat(acquired).as("waits while the first holder has the lock").hasValue(0);
                // the holder can still write the document it locked
                store.replaceDocument(fx.law.record(), fx.law.clauses());
            }
            waiter.join(10_000);
            assertThat(acquired).hasValue(1);
        }
    }

    @Test
    void a_selective_non_document_filter_fills_topK_through_the_iterative_hnsw_scan() {
        ingestBoth();
        try (PgVectorClauseStore hnswOnly = PgVectorClauseStore.open(dataSource,
                new PgVectorClauseStore.Settings(LexicalAnalyzer.DEFAULT, 10, 0))) {
            hnswOnly.bindEmbeddingSpace(fx.space());
            float[] q = fx.queryVector(FEE_QUESTION);
            addDecoys(q, 600);
            ClauseFilter byCouncil = new ClauseFilter(List.of(), List.of("国务院"), null, null, true);
            ClauseFilter lawOnly = ClauseFilter.documents(List.of(fx.law.id()));

            List<SearchHit> byIssuer = hnswOnly.search(new SearchQuery(FEE_QUESTION, q, 10, byCouncil,
                    RetrievalMode.DENSE, 1, 1, 60, 10));
            List<SearchHit> byDocument = hnswOnly.search(new SearchQuery(FEE_QUESTION, q, 10, lawOnly,
                    RetrievalMode.DENSE, 1, 1, 60, 10));

            assertThat(byIssuer).hasSize(10).extracting(SearchHit::documentId).containsOnly(fx.law.id());
            assertThat(labels(byIssuer)).contains("第四十二条");
            assertThat(byDocument).extracting(SearchHit::clauseId).isEqualTo(byIssuer.stream()
                    .map(SearchHit::clauseId).toList());
        }
    }

    @Test
    void a_broad_document_filter_gathers_lexical_candidates_like_the_whole_corpus_a_narrow_one_from_every_token() {
        float[] v = fx.law.clauses().get(0).vector();
        String source = "test/budget.txt";
        String docId = Ids.documentId(source);
        List<IndexedClause> clauses = new ArrayList<>();
        List<String> texts = List.of("办理登记的期限", "办理登记的材料", "办理登记的地点", "办理登记的费用",
                "办理登记须核验独一无二的标识");
        for (int i = 0; i < texts.size(); i++) {
            Clause c = new Clause(List.of("第" + (i + 1) + "条"), List.of("第" + (i + 1) + "条"), "第" + (i + 1) + "条",
                    texts.get(i), ResponsibleUnits.NONE, 0);
            clauses.add(new IndexedClause(Ids.clauseId(docId, c.markers(), 0, 0), i, c, c.text(), v));
        }
        store.bindEmbeddingSpace(fx.space());
        store.replaceDocument(new DocumentRecord(docId, source, Ids.sha256(source),
                new PolicyMetadata("预算", null, "某机关", null, null), clauses.size(), Instant.now()), clauses);
        String question = "办理登记须核验独一无二的标识";
        ClauseFilter oneDocument = ClauseFilter.documents(List.of(docId));
        // a postings budget of 1: only the rarest token gathers candidates where the budget applies
        try (PgVectorClauseStore broad = PgVectorClauseStore.open(dataSource,
                new PgVectorClauseStore.Settings(LexicalAnalyzer.DEFAULT, 100, 2, 1));
             PgVectorClauseStore narrow = PgVectorClauseStore.open(dataSource,
                     new PgVectorClauseStore.Settings(LexicalAnalyzer.DEFAULT, 100, 10_000, 1))) {
            Set<String> unfiltered = ids(broad.search(query(RetrievalMode.LEXICAL, question, 10, ClauseFilter.NONE)));
            Set<String> asBroad = ids(broad.search(query(RetrievalMode.LEXICAL, question, 10, oneDocument)));
            Set<String> asNarrow = ids(narrow.search(query(RetrievalMode.LEXICAL, question, 10, oneDocument)));
            assertThat(asBroad).as("5 clauses > threshold 2: searched like the corpus").isEqualTo(unfiltered);
            assertThat(asNarrow).as("5 clauses <= threshold: every token").hasSize(5).containsAll(asBroad);
            assertThat(asBroad).hasSizeLessThan(5);
        }
    }

    private void addDecoys(float[] q, int n) {
        Random random = new Random(11);
        String source = "test/decoys.txt";
        String docId = Ids.documentId(source);
        List<IndexedClause> decoys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = q.clone();
            for (int j = 0; j < v.length; j++) {
                v[j] += (float) (random.nextGaussian() * 0.002);
            }
            Clause c = new Clause(List.of("第" + (i + 1) + "条"), List.of("第" + (i + 1) + "条"), "第" + (i + 1) + "条",
                    "诱饵条款" + i, ResponsibleUnits.NONE, 0);
            decoys.add(new IndexedClause(Ids.clauseId(docId, c.markers(), 0, 0), i, c, c.text(), v));
        }
        store.replaceDocument(new DocumentRecord(docId, source, Ids.sha256(source),
                new PolicyMetadata("诱饵", null, "诱饵机关", null, null), n, Instant.now()), decoys);
    }

    @Test
    void tokens_with_quotes_and_backslashes_are_stored_and_matched_verbatim() {
        String source = "test/quotes.txt";
        String docId = Ids.documentId(source);
        Clause c = new Clause(List.of(), List.of(), "前言", "O'Neil 说 a\\b 与 x:y & z | !w 都要登记",
                ResponsibleUnits.NONE, 0);
        IndexedClause ic = new IndexedClause(Ids.clauseId(docId, List.of(), 0, 0), 0, c, c.text(),
                fx.law.clauses().get(0).vector());
        store.replaceDocument(new DocumentRecord(docId, source, "h", new PolicyMetadata("引号", null, null, null,
                DocumentStatus.NORMAL), 1, Instant.now()), List.of(ic));

        for (String q : List.of("o'neil", "a\\b", "x:y", "& | !w")) {
            assertThat(store.search(query(RetrievalMode.LEXICAL, q, 5, ClauseFilter.NONE))).as(q)
                    .extracting(SearchHit::documentId).containsExactly(docId);
        }
    }

    @Test
    void a_database_built_with_another_analyzer_is_refused() {
        ingestBoth();
        store.close();

        assertThatThrownBy(() -> {
            try (PgVectorClauseStore s = PgVectorClauseStore.open(dataSource,
                    new PgVectorClauseStore.Settings(LexicalAnalyzer.CJK_BIGRAM, 100, 100))) {
                s.bindEmbeddingSpace(fx.space());
            }
        }).isInstanceOf(IllegalStateException.class).hasMessageContaining(LexicalAnalyzer.DEFAULT.name());
        store = second();
        assertThat(store.clauseCount()).isEqualTo(42);
    }

    @Test
    void an_unreachable_database_fails_with_a_clear_message() {
        var unreachable = new org.postgresql.ds.PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/test");
        unreachable.setConnectTimeout(2);

        assertThatThrownBy(() -> PgVectorClauseStore.open(unreachable, PgVectorClauseStore.Settings.DEFAULTS))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("Cannot open the PostgreSQL clause store");
    }

    @Test
    void the_schema_is_owned_by_flyway_with_an_hnsw_cosine_index_and_a_gin_index() throws Exception {
        ingestBoth();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version, success FROM " + PgVectorClauseStore.HISTORY_TABLE
                    + " WHERE version = '40'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(2)).isTrue();
            }
            List<String> indexes = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'store_clause' "
                    + "AND schemaname = current_schema()")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            assertThat(indexes).anySatisfy(d -> assertThat(d).contains("USING hnsw (embedding vector_cosine_ops)"));
            assertThat(indexes).anySatisfy(d -> assertThat(d).contains("USING gin (lexemes)"));
            try (ResultSet rs = s.executeQuery("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
                    + "WHERE attrelid = 'store_clause'::regclass AND attname = 'embedding'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("vector(512)");
            }
        }
    }

    @Test
    void a_rolled_back_replace_leaves_the_previous_version() {
        ingestBoth();
        IndexedClause good = fx.plan.clauses().get(0);
        IndexedClause stolen = new IndexedClause(fx.law.clauses().get(0).id(), 1, good.clause(), good.indexedText(),
                good.vector());

        assertThatThrownBy(() -> store.replaceDocument(fx.plan.record(), List.of(good, stolen)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("already belongs to another document");

        assertThat(store.clausesOf(fx.plan.id())).hasSize(fx.plan.clauses().size());
        assertThat(store.clauseCount()).isEqualTo(42);
    }

    @Test
    void token_document_frequencies_follow_every_write() throws Exception {
        ingestBoth();
        assertTermStatisticsMatchTheClauses();

        store.replaceDocument(fx.plan.record(), fx.plan.clauses().subList(0, 4));
        assertTermStatisticsMatchTheClauses();

        store.deleteDocument(fx.law.id());
        assertTermStatisticsMatchTheClauses();

        ingestBoth();
        ingestBoth();
        assertTermStatisticsMatchTheClauses();
    }

    @Test
    void concurrent_writers_keep_token_statistics_exact() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (PgVectorClauseStore other = second()) {
            other.bindEmbeddingSpace(fx.space());
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                FixtureDocument d = fx.document("concurrent/" + i + ".txt", fx.law.record().metadata(),
                        fx.law.clauses().stream().map(IndexedClause::clause).toList().subList(i, 12 + i));
                ClauseStore target = i % 2 == 0 ? store : other;
                futures.add(pool.submit(() -> target.replaceDocument(d.record(), d.clauses())));
                futures.add(pool.submit(() -> target.replaceDocument(d.record(), d.clauses().subList(0, 5))));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTermStatisticsMatchTheClauses();
    }

    private void assertTermStatisticsMatchTheClauses() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT count(*), coalesce(sum(coalesce(t.df, 0)), 0) FROM ts_stat('SELECT lexemes FROM store_clause') x
                     FULL JOIN (SELECT term, df FROM store_term WHERE df <> 0) t ON t.term = x.word
                     WHERE x.ndoc IS DISTINCT FROM t.df""")) {
            rs.next();
            assertThat(rs.getLong(1)).as("tokens whose stored document frequency is wrong").isZero();
        }
    }

    @Test
    void an_unfiltered_lexical_search_gathers_candidates_from_its_rarest_tokens_only() {
        ingestBoth();
        String q = "政府信息公开 医疗器械";
        try (PgVectorClauseStore tight = PgVectorClauseStore.open(dataSource,
                new PgVectorClauseStore.Settings(LexicalAnalyzer.DEFAULT, 100, 10_000, 1))) {
            List<SearchHit> pruned = tight.search(query(RetrievalMode.LEXICAL, q, 20, ClauseFilter.NONE));
            List<SearchHit> all = store.search(query(RetrievalMode.LEXICAL, q, 20, ClauseFilter.NONE));
            List<SearchHit> filtered = tight.search(query(RetrievalMode.LEXICAL, q, 20,
                    ClauseFilter.documents(List.of(fx.law.id()))));

            assertThat(pruned).isNotEmpty().allSatisfy(h -> assertThat(h.text()).contains("医疗器械"));
            assertThat(all).extracting(SearchHit::documentId).contains(fx.law.id(), fx.plan.id());
            assertThat(labels(all)).first().isEqualTo(labels(pruned).get(0));
            assertThat(filtered).as("a filtered search uses every token").isNotEmpty()
                    .extracting(SearchHit::documentId).containsOnly(fx.law.id());
        }
    }

    private long countRows(String table) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
