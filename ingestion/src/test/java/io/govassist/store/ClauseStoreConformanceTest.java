package io.govassist.store;

import io.govassist.ingestion.Clause;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.Ids;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.store.PolicyFixtures.FixtureDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The behaviour every {@link ClauseStore} must show, on real policy clauses embedded with the bundled model.
 * Implementations extend this class and say how to create an empty store and how to restart one.
 */
public abstract class ClauseStoreConformanceTest {

    protected static final String SERVICE_QUESTION = "政务服务智能化要建设哪些系统";
    protected static final String MEDICAL_QUESTION = "人工智能+医疗由哪些部门负责";
    protected static final String FEE_QUESTION = "申请政府信息公开要收费吗";
    protected static final String DEADLINE_QUESTION = "申请政府信息公开需要多长时间答复";

    protected PolicyFixtures fx;
    protected ClauseStore store;

    /** A new, empty store (each test gets its own). */
    protected abstract ClauseStore createStore();

    /** Closes {@code store} and opens the same data again, as after a restart. */
    protected abstract ClauseStore reopen(ClauseStore store);

    @BeforeEach
    void openStore() {
        fx = PolicyFixtures.get();
        store = createStore();
        store.bindEmbeddingSpace(fx.space());
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected void ingestBoth() {
        put(fx.plan);
        put(fx.law);
    }

    protected void put(FixtureDocument d) {
        store.replaceDocument(d.record(), d.clauses());
    }

    protected SearchQuery hybrid(String question, int topK, ClauseFilter filter) {
        return SearchQuery.hybrid(question, fx.queryVector(question), topK, filter);
    }

    protected SearchQuery query(RetrievalMode mode, String question, int topK, ClauseFilter filter) {
        float[] vector = mode == RetrievalMode.LEXICAL ? null : fx.queryVector(question);
        return new SearchQuery(question, vector, topK, filter, mode, 1.0, 1.0, 60, Math.max(100, topK));
    }

    protected static List<String> labels(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::clauseLabel).toList();
    }

    protected static Set<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::clauseId).collect(Collectors.toSet());
    }

    // ------------------------------------------------------------------------------------------------ ranking

    @Test
    void hybrid_search_puts_the_answering_plan_clause_first() {
        ingestBoth();

        assertThat(labels(store.search(hybrid(SERVICE_QUESTION, 5, ClauseFilter.NONE)))).first()
                .isEqualTo("二、（十五）");
        assertThat(labels(store.search(hybrid(MEDICAL_QUESTION, 5, ClauseFilter.NONE)))).first()
                .isEqualTo("二、（十）");
    }

    @Test
    void hybrid_search_finds_the_answering_law_article() {
        ingestBoth();

        List<SearchHit> hits = store.search(hybrid(DEADLINE_QUESTION, 5, ClauseFilter.NONE));

        assertThat(labels(hits)).first().isEqualTo("第三十三条");
        assertThat(hits.get(0).documentId()).isEqualTo(fx.law.id());
    }

    @Test
    void dense_only_search_ranks_by_meaning() {
        ingestBoth();

        List<SearchHit> service = store.search(query(RetrievalMode.DENSE, SERVICE_QUESTION, 3, ClauseFilter.NONE));
        List<SearchHit> fee = store.search(query(RetrievalMode.DENSE, FEE_QUESTION, 3, ClauseFilter.NONE));

        assertThat(labels(service)).contains("二、（十五）");
        assertThat(labels(fee)).contains("第四十二条");
    }

    @Test
    void hits_carry_the_cosine_similarity_of_query_and_clause_vectors() {
        ingestBoth();

        List<SearchHit> dense = store.search(query(RetrievalMode.DENSE, SERVICE_QUESTION, 5, ClauseFilter.NONE));
        List<SearchHit> hybrid = store.search(hybrid(SERVICE_QUESTION, 5, ClauseFilter.NONE));
        List<SearchHit> lexical = store.search(query(RetrievalMode.LEXICAL, SERVICE_QUESTION, 5, ClauseFilter.NONE));

        for (int i = 1; i < dense.size(); i++) {
            assertThat(dense.get(i).similarity()).isLessThanOrEqualTo(dense.get(i - 1).similarity() + 1e-6);
        }
        assertThat(dense.get(0).similarity()).isBetween(0.3, 1.0);
        SearchHit top = hybrid.get(0);
        double expected = 0;
        float[] q = fx.queryVector(SERVICE_QUESTION);
        float[] v = store.clausesOf(top.documentId()).stream().filter(c -> c.id().equals(top.clauseId()))
                .findFirst().orElseThrow().vector();
        for (int i = 0; i < q.length; i++) {
            expected += q[i] * v[i];
        }
        assertThat(top.similarity()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(lexical).allSatisfy(h -> assertThat(h.similarity()).isNaN());
    }

    @Test
    void lexical_only_search_needs_no_vector_and_matches_terms() {
        ingestBoth();

        List<SearchHit> hits = store.search(query(RetrievalMode.LEXICAL, "依申请提供政府信息收取信息处理费", 5,
                ClauseFilter.NONE));
        List<SearchHit> medical = store.search(query(RetrievalMode.LEXICAL, "医疗器械 医学人工智能伦理审查", 5,
                ClauseFilter.NONE));

        assertThat(labels(hits)).first().isEqualTo("第四十二条");
        assertThat(labels(medical)).first().isEqualTo("二、（十）");
    }

    @Test
    void lexical_ranking_counts_how_often_a_clause_names_the_query_terms() {
        ingestBoth();
        // the same sentence with 湿地 named twice more: longer, so BM25 by presence alone would rank it second
        String once = "湿地保护应当坚持生态优先、综合治理的原则，各级人民政府组织有关部门开展调查监测和科学评估工作。";
        String thrice = "湿地保护应当坚持生态优先、综合治理的原则，各级人民政府组织有关部门开展湿地调查监测和湿地科学评估工作。";
        for (String[] order : new String[][]{{once, thrice}, {thrice, once}}) {
            List<Clause> clauses = new ArrayList<>();
            for (int i = 0; i < order.length; i++) {
                String label = "第" + (i + 1) + "条";
                clauses.add(new Clause(List.of(label), List.of(label), label, order[i], ResponsibleUnits.NONE, 0));
            }
            put(fx.document("湿地/保护.txt", new PolicyMetadata("保护条例", null, null, null, null), clauses));

            List<SearchHit> hits = store.search(query(RetrievalMode.LEXICAL, "湿地", 2, ClauseFilter.NONE));

            assertThat(hits).extracting(SearchHit::text).as("湿地 three times first").first().isEqualTo(thrice);
        }
    }

    @Test
    void a_lexical_query_without_searchable_terms_returns_no_hits() {
        ingestBoth();

        assertThat(store.search(query(RetrievalMode.LEXICAL, "？！。", 5, ClauseFilter.NONE))).isEmpty();
        assertThat(store.search(query(RetrievalMode.LEXICAL, "量子纠缠", 5, ClauseFilter.NONE))).isEmpty();
    }

    @Test
    void a_very_long_query_is_searched_without_error() {
        ingestBoth();
        String longText = fx.plan.clauses().stream().map(c -> c.clause().text()).collect(Collectors.joining());

        for (RetrievalMode mode : RetrievalMode.values()) {
            assertThat(store.search(query(mode, longText, 10, ClauseFilter.NONE))).hasSize(10);
        }
    }

    @Test
    void every_mode_returns_at_most_topK_hits_in_descending_score_order() {
        ingestBoth();

        for (RetrievalMode mode : RetrievalMode.values()) {
            for (int topK : new int[] {1, 3, 7, 40}) {
                List<SearchHit> hits = store.search(query(mode, "政府信息公开 人工智能 政务服务", topK, ClauseFilter.NONE));
                assertThat(hits).as(mode + " topK " + topK).hasSizeLessThanOrEqualTo(topK).isNotEmpty();
                if (mode != RetrievalMode.LEXICAL) {
                    assertThat(hits).as(mode + " topK " + topK).hasSize(topK);
                }
                for (int i = 1; i < hits.size(); i++) {
                    assertThat(hits.get(i).score()).as(mode + " rank " + i)
                            .isLessThanOrEqualTo(hits.get(i - 1).score());
                }
                assertThat(ids(hits)).as("no duplicates").hasSize(hits.size());
            }
        }
    }

    @Test
    void hybrid_scores_are_weighted_reciprocal_rank_fusion() {
        ingestBoth();
        String q = SERVICE_QUESTION;
        List<SearchHit> dense = store.search(query(RetrievalMode.DENSE, q, 100, ClauseFilter.NONE));
        List<SearchHit> lexical = store.search(query(RetrievalMode.LEXICAL, q, 100, ClauseFilter.NONE));

        List<SearchHit> fused = store.search(new SearchQuery(q, fx.queryVector(q), 5, ClauseFilter.NONE,
                RetrievalMode.HYBRID, 2.0, 0.5, 10, 100));

        for (SearchHit hit : fused) {
            double expected = 0;
            int d = indexOf(dense, hit.clauseId());
            int l = indexOf(lexical, hit.clauseId());
            if (d >= 0) {
                expected += 2.0 / (10 + d + 1);
            }
            if (l >= 0) {
                expected += 0.5 / (10 + l + 1);
            }
            assertThat(hit.score()).as(hit.clauseLabel()).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void a_zero_weight_turns_hybrid_into_a_single_ranking() {
        ingestBoth();
        String q = MEDICAL_QUESTION;
        List<String> dense = labels(store.search(query(RetrievalMode.DENSE, q, 5, ClauseFilter.NONE)));

        List<String> fused = labels(store.search(new SearchQuery(q, fx.queryVector(q), 5, ClauseFilter.NONE,
                RetrievalMode.HYBRID, 1.0, 0.0, 60, 100)));

        assertThat(fused).isEqualTo(dense);
    }

    private static int indexOf(List<SearchHit> hits, String clauseId) {
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i).clauseId().equals(clauseId)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void hits_carry_everything_a_citation_needs() {
        ingestBoth();
        IndexedClause expected = fx.plan.clause("二、（十）");

        SearchHit hit = store.search(hybrid(MEDICAL_QUESTION, 1, ClauseFilter.NONE)).get(0);

        assertThat(hit.clauseId()).isEqualTo(expected.id());
        assertThat(hit.documentId()).isEqualTo(fx.plan.id());
        assertThat(hit.documentTitle()).isEqualTo("四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）");
        assertThat(hit.docNumber()).isNull();
        assertThat(hit.source()).isEqualTo(fx.plan.record().source());
        assertThat(hit.clauseLabel()).isEqualTo("二、（十）");
        assertThat(hit.clausePath()).containsExactly("二、重点任务", "（十）人工智能+医疗");
        assertThat(hit.markers()).containsExactly("二、", "（十）");
        assertThat(hit.text()).isEqualTo(expected.clause().text());
        assertThat(hit.responsibleUnits()).isEqualTo(new ResponsibleUnits(List.of("省卫生健康委"),
                List.of("省药监局", "省医保局")));
        assertThat(hit.status()).isEqualTo(DocumentStatus.DRAFT);
        assertThat(hit.score()).isPositive();

        SearchHit article = store.search(hybrid(DEADLINE_QUESTION, 1, ClauseFilter.NONE)).get(0);
        assertThat(article.docNumber()).isEqualTo("国务院令第711号");
        assertThat(article.clauseLabel()).isEqualTo("第三十三条");
        assertThat(article.clausePath()).containsExactly("第四章 依申请公开", "第三十三条");
        assertThat(article.markers()).containsExactly("第四章", "第三十三条");
        assertThat(article.text()).startsWith("第三十三条 行政机关收到政府信息公开申请").contains("\n行政机关不能当场答复的");
        assertThat(article.responsibleUnits()).isEqualTo(ResponsibleUnits.NONE);
        assertThat(article.status()).isEqualTo(DocumentStatus.NORMAL);
    }

    // ------------------------------------------------------------------------------------------------ writes

    @Test
    void ingesting_the_same_document_twice_is_idempotent() {
        ingestBoth();
        List<SearchHit> before = store.search(hybrid(SERVICE_QUESTION, 10, ClauseFilter.NONE));
        long count = store.clauseCount();

        ingestBoth();

        assertThat(store.clauseCount()).isEqualTo(count).isEqualTo(42);
        assertThat(store.listDocuments()).hasSize(2);
        List<SearchHit> after = store.search(hybrid(SERVICE_QUESTION, 10, ClauseFilter.NONE));
        assertThat(after).extracting(SearchHit::clauseId).isEqualTo(before.stream().map(SearchHit::clauseId).toList());
        for (int i = 0; i < after.size(); i++) {
            assertThat(after.get(i).score()).isCloseTo(before.get(i).score(), within(1e-6));
        }
    }

    @Test
    void replacing_a_document_with_fewer_clauses_removes_the_old_ones() {
        ingestBoth();
        List<IndexedClause> shorter = fx.plan.clauses().subList(0, 5);

        store.replaceDocument(fx.plan.record(), shorter);

        assertThat(store.clausesOf(fx.plan.id())).extracting(IndexedClause::id)
                .containsExactlyElementsOf(shorter.stream().map(IndexedClause::id).toList());
        assertThat(store.findDocument(fx.plan.id())).get().extracting(DocumentRecord::clauseCount).isEqualTo(5);
        assertThat(store.clauseCount()).isEqualTo(5 + fx.law.clauses().size());
        assertThat(labels(store.search(hybrid(SERVICE_QUESTION, 50, ClauseFilter.NONE)))).doesNotContain("二、（十五）");
    }

    @Test
    void replacing_a_document_never_exposes_a_mix_of_versions() throws Exception {
        ingestBoth();
        String source = "test/版本切换.txt";
        PolicyMetadata meta = new PolicyMetadata("版本切换测试", null, "测试机关", "2024-01-01", DocumentStatus.NORMAL);
        FixtureDocument a = versionOf(source, meta, fx.law.clauses().subList(0, 3), "甲");
        FixtureDocument b = versionOf(source, meta, fx.plan.clauses().subList(2, 7), "乙");
        Set<String> idsA = a.clauses().stream().map(IndexedClause::id).collect(Collectors.toSet());
        Set<String> idsB = b.clauses().stream().map(IndexedClause::id).collect(Collectors.toSet());
        assertThat(idsA).doesNotContainAnyElementsOf(idsB);
        store.replaceDocument(a.record(), a.clauses());
        ClauseFilter onlyIt = ClauseFilter.documents(List.of(a.id()));
        SearchQuery q = new SearchQuery("人工智能 政府信息", fx.queryVector(SERVICE_QUESTION), 20, onlyIt,
                RetrievalMode.HYBRID, 1, 1, 60, 20);

        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger snapshots = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Thread t = new Thread(() -> {
                started.countDown();
                while (writing.get()) {
                    Set<String> seen = ids(store.search(q));
                    if (!seen.equals(idsA) && !seen.equals(idsB)) {
                        violations.add("search saw " + seen);
                    }
                    Set<String> listed = store.clausesOf(a.id()).stream().map(IndexedClause::id)
                            .collect(Collectors.toSet());
                    if (!listed.equals(idsA) && !listed.equals(idsB)) {
                        violations.add("clausesOf saw " + listed);
                    }
                    snapshots.incrementAndGet();
                }
            });
            t.start();
            readers.add(t);
        }
        started.await();
        for (int i = 0; i < 30; i++) {
            FixtureDocument v = i % 2 == 0 ? b : a;
            store.replaceDocument(v.record(), v.clauses());
        }
        writing.set(false);
        for (Thread t : readers) {
            t.join();
        }

        assertThat(violations).isEmpty();
        assertThat(snapshots.get()).isGreaterThan(2);
        assertThat(ids(store.search(q))).isEqualTo(idsA);
        assertThat(store.clauseCount()).isEqualTo(42 + 3);
    }

    private FixtureDocument versionOf(String source, PolicyMetadata meta, List<IndexedClause> from, String version) {
        String docId = Ids.documentId(source);
        List<IndexedClause> clauses = new ArrayList<>();
        for (IndexedClause c : from) {
            clauses.add(new IndexedClause(Ids.clauseId(docId, c.clause().markers(), 0, 0) + version, clauses.size(),
                    c.clause(), c.indexedText(), c.vector()));
        }
        return new FixtureDocument(new DocumentRecord(docId, source, Ids.sha256(version), meta, clauses.size(),
                Instant.now()), clauses);
    }

    @Test
    void deleting_a_document_removes_its_clauses_hits_and_metadata() {
        ingestBoth();

        assertThat(store.deleteDocument(fx.plan.id())).isTrue();

        assertThat(store.findDocument(fx.plan.id())).isEmpty();
        assertThat(store.clausesOf(fx.plan.id())).isEmpty();
        assertThat(store.listDocuments()).extracting(DocumentRecord::id).containsExactly(fx.law.id());
        assertThat(store.clauseCount()).isEqualTo(fx.law.clauses().size());
        for (RetrievalMode mode : RetrievalMode.values()) {
            assertThat(store.search(query(mode, SERVICE_QUESTION, 50, ClauseFilter.NONE)))
                    .extracting(SearchHit::documentId).containsOnly(fx.law.id());
        }
        assertThat(store.deleteDocument(fx.plan.id())).isFalse();
        assertThat(store.deleteDocument("0000000000000000")).isFalse();
    }

    @Test
    void vectors_of_the_wrong_dimension_are_rejected_and_nothing_is_stored() {
        IndexedClause good = fx.law.clauses().get(0);
        IndexedClause bad = new IndexedClause(good.id(), 0, good.clause(), good.indexedText(), new float[256]);

        assertThatThrownBy(() -> store.replaceDocument(fx.law.record(), List.of(bad)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256")
                .hasMessageContaining("512");
        assertThat(store.clauseCount()).isZero();
        assertThat(store.findDocument(fx.law.id())).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ filters

    @Test
    void a_document_filter_restricts_every_mode() {
        ingestBoth();
        ClauseFilter lawOnly = ClauseFilter.documents(List.of(fx.law.id()));

        for (RetrievalMode mode : RetrievalMode.values()) {
            List<SearchHit> hits = store.search(query(mode, SERVICE_QUESTION + " 政府信息", 10, lawOnly));
            assertThat(hits).as(mode.name()).isNotEmpty().extracting(SearchHit::documentId).containsOnly(fx.law.id());
        }
    }

    @Test
    void an_excluded_document_is_never_returned_in_any_mode() {
        ingestBoth();
        ClauseFilter notLaw = ClauseFilter.NONE.excluding(List.of(fx.law.id()));
        String lawQuestion = DEADLINE_QUESTION + " 政府信息公开 收费";

        for (RetrievalMode mode : RetrievalMode.values()) {
            assertThat(store.search(query(mode, lawQuestion, 10, ClauseFilter.NONE))).as(mode + " unfiltered")
                    .extracting(SearchHit::documentId).contains(fx.law.id());
            List<SearchHit> hits = store.search(query(mode, lawQuestion, 50, notLaw));
            assertThat(hits).as(mode.name()).isNotEmpty().extracting(SearchHit::documentId).containsOnly(fx.plan.id());
        }
    }

    @Test
    void an_exclusion_combines_with_a_document_filter() {
        ingestBoth();
        ClauseFilter lawButExcluded = ClauseFilter.documents(List.of(fx.law.id())).excluding(List.of(fx.law.id()));

        for (RetrievalMode mode : RetrievalMode.values()) {
            assertThat(store.search(query(mode, DEADLINE_QUESTION, 10, lawButExcluded))).as(mode.name()).isEmpty();
        }
    }

    @Test
    void an_issuer_filter_restricts_every_mode() {
        ingestBoth();
        ClauseFilter byCouncil = new ClauseFilter(List.of(), List.of("国务院"), null, null, true);
        ClauseFilter byNobody = new ClauseFilter(List.of(), List.of("不存在的机关"), null, null, true);

        for (RetrievalMode mode : RetrievalMode.values()) {
            assertThat(store.search(query(mode, MEDICAL_QUESTION + " 政府信息", 10, byCouncil))).as(mode.name())
                    .isNotEmpty().extracting(SearchHit::documentId).containsOnly(fx.law.id());
            assertThat(store.search(query(mode, MEDICAL_QUESTION, 10, byNobody))).as(mode.name()).isEmpty();
        }
    }

    @Test
    void a_date_range_filter_is_inclusive_and_may_be_open_ended() {
        ingestBoth();
        String q = "人工智能 政府信息公开";

        for (RetrievalMode mode : RetrievalMode.values()) {
            assertThat(docsOf(store.search(query(mode, q, 50, new ClauseFilter(null, null, "2025-11-18", null, true)))))
                    .as(mode + " from").containsExactly(fx.plan.id());
            assertThat(docsOf(store.search(query(mode, q, 50, new ClauseFilter(null, null, null, "2019-04-03", true)))))
                    .as(mode + " to").containsExactly(fx.law.id());
            assertThat(docsOf(store.search(query(mode, q, 50,
                    new ClauseFilter(null, null, "2019-04-03", "2025-11-18", true)))))
                    .as(mode + " both").containsExactlyInAnyOrder(fx.plan.id(), fx.law.id());
            assertThat(store.search(query(mode, q, 50, new ClauseFilter(null, null, "2019-04-04", "2025-11-17", true))))
                    .as(mode + " between").isEmpty();
        }
    }

    @Test
    void drafts_are_left_out_when_not_included() {
        ingestBoth();
        ClauseFilter noDrafts = new ClauseFilter(null, null, null, null, false);

        for (RetrievalMode mode : RetrievalMode.values()) {
            List<SearchHit> hits = store.search(query(mode, SERVICE_QUESTION + " 政府信息", 50, noDrafts));
            assertThat(hits).as(mode.name()).isNotEmpty()
                    .allSatisfy(h -> assertThat(h.status()).isNotEqualTo(DocumentStatus.DRAFT));
        }
        assertThat(docsOf(store.search(query(RetrievalMode.HYBRID, SERVICE_QUESTION, 50, ClauseFilter.NONE))))
                .contains(fx.plan.id());
    }

    @Test
    void filters_combine_as_a_conjunction() {
        ingestBoth();
        ClauseFilter planButNoDrafts = new ClauseFilter(List.of(fx.plan.id()), List.of("四川省科学技术厅"), null, null,
                false);

        for (RetrievalMode mode : RetrievalMode.values()) {
            assertThat(store.search(query(mode, SERVICE_QUESTION, 10, planButNoDrafts))).as(mode.name()).isEmpty();
        }
    }

    @Test
    void a_selective_filter_still_yields_topK_dense_hits() {
        ingestBoth();
        // 300 decoy clauses whose vectors sit right next to the query: an unfiltered top-k is all decoys,
        // so a store that filtered after the vector search would return (almost) nothing.
        float[] q = fx.queryVector(FEE_QUESTION);
        Random random = new Random(7);
        for (int d = 0; d < 3; d++) {
            String source = "test/decoys-" + d + ".txt";
            String docId = Ids.documentId(source);
            List<IndexedClause> decoys = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                float[] v = q.clone();
                for (int j = 0; j < v.length; j++) {
                    v[j] += (float) (random.nextGaussian() * 0.002);
                }
                Clause c = new Clause(List.of("第" + (i + 1) + "条"), List.of("第" + (i + 1) + "条"),
                        "第" + (i + 1) + "条", "诱饵条款" + i, ResponsibleUnits.NONE, 0);
                decoys.add(new IndexedClause(Ids.clauseId(docId, c.markers(), 0, 0), i, c, c.text(), v));
            }
            store.replaceDocument(new DocumentRecord(docId, source, Ids.sha256(source),
                    new PolicyMetadata("诱饵" + d, null, null, null, null), decoys.size(), Instant.now()), decoys);
        }
        ClauseFilter lawOnly = ClauseFilter.documents(List.of(fx.law.id()));

        List<SearchHit> dense = store.search(new SearchQuery(FEE_QUESTION, q, 10, lawOnly, RetrievalMode.DENSE,
                1, 1, 60, 10));
        List<SearchHit> fused = store.search(new SearchQuery(FEE_QUESTION, q, 10, lawOnly, RetrievalMode.HYBRID,
                1, 1, 60, 10));

        assertThat(dense).hasSize(10).extracting(SearchHit::documentId).containsOnly(fx.law.id());
        assertThat(fused).hasSize(10).extracting(SearchHit::documentId).containsOnly(fx.law.id());
        assertThat(labels(dense)).contains("第四十二条");
        assertThat(store.search(new SearchQuery(FEE_QUESTION, q, 10, ClauseFilter.NONE, RetrievalMode.DENSE,
                1, 1, 60, 10))).extracting(SearchHit::documentId).doesNotContain(fx.law.id());
    }

    private static Set<String> docsOf(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::documentId).collect(Collectors.toCollection(HashSet::new));
    }

    // ------------------------------------------------------------------------------------------------ space

    @Test
    void binding_the_same_embedding_space_again_is_accepted() {
        store.bindEmbeddingSpace(fx.space());
        store = reopen(store);
        store.bindEmbeddingSpace(fx.space());
    }

    @Test
    void binding_another_embedding_space_is_refused_even_after_a_restart() {
        ingestBoth();
        EmbeddingSpace otherModel = new EmbeddingSpace("text-embedding-3-small", 512);
        EmbeddingSpace otherDimension = new EmbeddingSpace(fx.space().modelId(), 1024);

        assertThatThrownBy(() -> store.bindEmbeddingSpace(otherModel))
                .isInstanceOf(EmbeddingSpaceMismatchException.class)
                .hasMessageContaining("bge-small-zh-v1.5")
                .hasMessageContaining("text-embedding-3-small");
        store = reopen(store);
        assertThatThrownBy(() -> store.bindEmbeddingSpace(otherDimension))
                .isInstanceOf(EmbeddingSpaceMismatchException.class)
                .hasMessageContaining("1024");
        assertThat(store.clauseCount()).isEqualTo(42);
    }

    @Test
    void a_rebound_store_accepts_the_new_model_after_a_restart_and_refuses_the_old_one() {
        ingestBoth();
        EmbeddingSpace retrained = new EmbeddingSpace("govassist-embed-zh-1", fx.space().dimension());
        assertThatThrownBy(() -> store.bindEmbeddingSpace(retrained))
                .isInstanceOf(EmbeddingSpaceMismatchException.class)
                .hasMessageContaining("reindex");
        assertThat(store.embeddingSpace()).contains(fx.space());

        store.rebindEmbeddingSpace(retrained);
        assertThat(store.embeddingSpace()).contains(retrained);
        store = reopen(store);
        store.bindEmbeddingSpace(retrained);
        assertThat(store.clauseCount()).isEqualTo(42);
        ClauseStore reopened = store;
        assertThatThrownBy(() -> reopened.bindEmbeddingSpace(fx.space()))
                .isInstanceOf(EmbeddingSpaceMismatchException.class);
    }

    @Test
    void rebinding_to_another_dimension_is_refused_and_changes_nothing() {
        ingestBoth();
        assertThatThrownBy(() -> store.rebindEmbeddingSpace(new EmbeddingSpace("bigger", 1024)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1024");
        store = reopen(store);
        store.bindEmbeddingSpace(fx.space());
        assertThat(store.embeddingSpace()).contains(fx.space());
    }

    // ------------------------------------------------------------------------------------------------ reads

    @Test
    void a_restarted_store_keeps_documents_clauses_and_hits() {
        ingestBoth();
        List<SearchHit> before = store.search(hybrid(MEDICAL_QUESTION, 10, ClauseFilter.NONE));
        List<DocumentRecord> documents = store.listDocuments();

        store = reopen(store);
        store.bindEmbeddingSpace(fx.space());

        assertThat(store.listDocuments()).isEqualTo(documents);
        assertThat(store.clauseCount()).isEqualTo(42);
        assertThat(store.search(hybrid(MEDICAL_QUESTION, 10, ClauseFilter.NONE))).extracting(SearchHit::clauseId)
                .containsExactlyElementsOf(before.stream().map(SearchHit::clauseId).toList());
        assertThat(store.clausesOf(fx.law.id())).hasSize(fx.law.clauses().size());
    }

    @Test
    void clausesOf_returns_the_clauses_in_document_order_with_their_vectors() {
        ingestBoth();

        List<IndexedClause> stored = store.clausesOf(fx.plan.id());

        assertThat(stored).hasSize(fx.plan.clauses().size());
        for (int i = 0; i < stored.size(); i++) {
            IndexedClause expected = fx.plan.clauses().get(i);
            IndexedClause actual = stored.get(i);
            assertThat(actual.id()).isEqualTo(expected.id());
            assertThat(actual.ordinal()).isEqualTo(expected.ordinal());
            assertThat(actual.clause()).isEqualTo(expected.clause());
            assertThat(actual.indexedText()).isEqualTo(expected.indexedText());
            assertThat(actual.vector()).hasSize(expected.vector().length);
            for (int j = 0; j < expected.vector().length; j++) {
                assertThat(actual.vector()[j]).isCloseTo(expected.vector()[j], within(1e-6f));
            }
        }
        assertThat(store.clausesOf("ffffffffffffffff")).isEmpty();
    }

    @Test
    void documents_are_found_by_id_and_listed_by_source() {
        put(fx.plan);
        put(fx.law);
        FixtureDocument early = fx.document("a/最先.txt",
                new PolicyMetadata("最先", "川府发〔2024〕1号", "四川省人民政府", "2024-03-01", DocumentStatus.TRIAL),
                List.of(fx.law.clauses().get(0).clause()));
        put(early);

        assertThat(store.listDocuments()).extracting(DocumentRecord::source)
                .containsExactly("a/最先.txt", fx.law.record().source(), fx.plan.record().source());
        assertThat(store.findDocument(early.id())).contains(early.record());
        assertThat(store.findDocument(fx.plan.id())).contains(fx.plan.record());
        assertThat(store.findDocument("0123456789abcdef")).isEmpty();
        assertThat(store.clauseCount()).isEqualTo(43);
    }

    @Test
    void documents_keep_their_metadata_and_ingestion_time_exactly() {
        for (String time : List.of("2026-01-05T08:00:00.123456789Z", "2025-12-31T23:59:59.999999999Z")) {
            FixtureDocument d = fx.document("time/" + time + ".txt",
                    new PolicyMetadata("时间", "国办发〔2025〕9号", "国务院办公厅", "2025-12-31", DocumentStatus.PROVISIONAL),
                    List.of(fx.law.clauses().get(1).clause()));
            DocumentRecord record = new DocumentRecord(d.id(), d.record().source(), d.record().contentHash(),
                    d.record().metadata(), 1, Instant.parse(time));
            store.replaceDocument(record, d.clauses());

            assertThat(store.findDocument(d.id())).contains(record);
        }
    }

    @Test
    void an_empty_store_answers_every_read() {
        assertThat(store.listDocuments()).isEmpty();
        assertThat(store.clauseCount()).isZero();
        for (RetrievalMode mode : RetrievalMode.values()) {
            assertThat(store.search(query(mode, SERVICE_QUESTION, 5, ClauseFilter.NONE))).isEmpty();
        }
    }
}
