package io.govassist.search;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.rag.query.transformer.DefaultQueryTransformer;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.ingestion.PolicyReader;
import io.govassist.models.EmbeddingModelSettings;
import io.govassist.models.OnnxBertEmbeddingModel;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import io.govassist.store.EmbeddingSpace;
import io.govassist.store.LuceneClauseStore;
import io.govassist.store.RetrievalMode;
import io.govassist.store.SearchHit;
import io.govassist.store.SearchQuery;
import io.govassist.store.StoreUnavailableException;
import io.govassist.system.GovAssistProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The retriever over a real store with real documents and the bundled model. */
class HybridClauseRetrieverTest {

    private static final String LEASE = "民法典/合同编-租赁合同.md";
    private static final String PLAN = "四川省贯彻落实国务院人工智能+行动实施方案（征求意见稿）.txt";
    private static final String GUIDELINE = "国务院文件/国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见.txt";

    private static final String PIPL = "法律/个人信息保护法(2021-08-20).md";

    private static Path dir;
    private static OnnxBertEmbeddingModel model;
    private static LuceneClauseStore store;

    @BeforeAll
    static void ingest() throws IOException {
        dir = Files.createTempDirectory("retriever-test");
        model = OnnxBertEmbeddingModel.load(EmbeddingModelSettings.bundled());
        store = LuceneClauseStore.open(dir);
        store.bindEmbeddingSpace(new EmbeddingSpace(model.modelId(), model.dimension()));
        IngestionPipeline pipeline = new IngestionPipeline(new PolicyReader(), model, store, 10_000_000, Clock.systemUTC());
        for (Map.Entry<String, String> doc : Map.of(LEASE, "/fixtures/民法典合同编-租赁合同.md",
                PLAN, "/demo-corpus/" + PLAN, GUIDELINE, "/demo-corpus/" + GUIDELINE,
                "行政法规/政府信息公开条例(2019-04-03).md", "/demo-corpus/行政法规/政府信息公开条例(2019-04-03).md",
                PIPL, "/demo-corpus/" + PIPL).entrySet()) {
            try (InputStream in = HybridClauseRetrieverTest.class.getResourceAsStream(doc.getValue())) {
                IngestResult r = pipeline.ingest(doc.getKey(), in.readAllBytes());
                assertThat(r.failed()).as(r.message()).isFalse();
            }
        }
    }

    @AfterAll
    static void close() {
        store.close();
        model.close();
    }

    private static HybridClauseRetriever retriever(Map<String, String> settings, ScoringModel scoringModel) {
        return retriever(store, settings, scoringModel);
    }

    private static HybridClauseRetriever retriever(ClauseStore store, Map<String, String> settings,
                                                   ScoringModel scoringModel) {
        Binder binder = new Binder(new MapConfigurationPropertySource(settings));
        SearchQualityProperties quality = binder.bindOrCreate("govassist.search", SearchQualityProperties.class);
        return new HybridClauseRetriever(store, model, binder.bindOrCreate("govassist", GovAssistProperties.class),
                quality, new SearchConfiguration().queryTransformer(quality), Optional.ofNullable(scoringModel));
    }

    private static HybridClauseRetriever retriever(Map<String, String> settings) {
        return retriever(settings, null);
    }

    @Test
    void vocabulary_expansion_lets_lexical_search_reach_statute_wording() {
        // statutes say 出租人, never 房东: BM25 alone finds nothing
        String question = "房东";
        List<SearchHit> plain = retriever(Map.of("govassist.search.expansion.enabled", "false"))
                .search(question, 5, ClauseFilter.NONE, RetrievalMode.LEXICAL);
        List<SearchHit> expanded = retriever(Map.of()).search(question, 5, ClauseFilter.NONE, RetrievalMode.LEXICAL);
        assertThat(plain).isEmpty();
        assertThat(expanded).hasSize(5).allSatisfy(h -> {
            assertThat(h.source()).isEqualTo(LEASE);
            assertThat(h.text()).contains("出租人");
        });
    }

    @Test
    void the_expanded_question_is_embedded_only_when_configured() {
        HybridClauseRetriever lexicalOnly = retriever(Map.of());
        HybridClauseRetriever both = retriever(Map.of("govassist.search.expansion.dense", "true"));
        String question = "房东一直不修房子怎么办";
        double plainSimilarity = lexicalOnly.search(question, 1, ClauseFilter.NONE, RetrievalMode.DENSE).getFirst().similarity();
        double expandedSimilarity = both.search(question, 1, ClauseFilter.NONE, RetrievalMode.DENSE).getFirst().similarity();
        assertThat(expandedSimilarity).isNotEqualTo(plainSimilarity);
        assertThat(lexicalOnly.transform(question)).contains("出租人");
    }

    @Test
    void parts_of_one_long_clause_are_collapsed_to_the_best_ranked_part() {
        String question = "行政执法决定法制审核";
        // without document fusion, whose document scores would sum the parts, and without the statute ranking
        List<SearchHit> all = retriever(Map.of("govassist.search.collapse-parts", "false",
                "govassist.search.document-weight", "0", "govassist.search.statute.weight", "0",
                "govassist.search.relevance-weight", "0"))
                .search(question, 15, ClauseFilter.NONE, RetrievalMode.HYBRID);
        assertThat(all.stream().map(HybridClauseRetrieverTest::clauseKey).distinct().count())
                .as("the 行政执法 guideline has long clauses split into parts, several in the top 15").isLessThan(all.size());

        List<SearchHit> collapsed = retriever(Map.of("govassist.search.document-weight", "0",
                "govassist.search.statute.weight", "0", "govassist.search.relevance-weight", "0"))
                .search(question, 15, ClauseFilter.NONE, RetrievalMode.HYBRID);
        assertThat(collapsed).hasSize(15);
        assertThat(collapsed.stream().map(HybridClauseRetrieverTest::clauseKey)).doesNotHaveDuplicates();
        assertThat(collapsed.getFirst().clauseId()).isEqualTo(all.getFirst().clauseId());
        assertThat(HybridClauseRetriever.collapseParts(all)).containsExactlyElementsOf(
                collapsed.subList(0, HybridClauseRetriever.collapseParts(all).size()));
    }

    private static String clauseKey(SearchHit h) {
        return h.documentId() + h.clausePath() + h.clauseLabel();
    }

    /** Deterministic stand-in for a cross-encoder: scores a clause by how often it says 承租人. */
    private static final ScoringModel PREFERS_LESSEE = (segments, query) -> Response.from(segments.stream()
            .map(TextSegment::text).map(t -> (double) (t.length() - t.replace("承租人", "").length()) / 3).toList());

    private static final String LEASE_QUESTION = "租赁合同到期后房屋怎么处理";

    /** The first 12 hybrid hits for {@link #LEASE_QUESTION}, the first 8 given to {@code scoringModel} (if any). */
    private static List<SearchHit> leaseHits(ScoringModel scoringModel, String... settings) {
        Map<String, String> map = new java.util.HashMap<>(Map.of("govassist.search.rerank.candidates", "8"));
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        return retriever(map, scoringModel).search(LEASE_QUESTION, 12, ClauseFilter.NONE, RetrievalMode.HYBRID);
    }

    @Test
    void a_scoring_model_reorders_the_fused_head_and_leaves_the_tail_alone() {
        String question = LEASE_QUESTION;
        List<SearchHit> fused = leaseHits(null);
        List<SearchHit> reranked = leaseHits(PREFERS_LESSEE);

        assertThat(reranked.subList(0, 8)).containsExactlyInAnyOrderElementsOf(fused.subList(0, 8));
        assertThat(reranked.subList(8, 12)).containsExactlyElementsOf(fused.subList(8, 12));
        List<Double> scores = reranked.subList(0, 8).stream()
                .map(h -> PREFERS_LESSEE.score(h.text(), question).content()).toList();
        assertThat(scores).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(scores.getFirst()).as("the head holds a clause about the lessee").isPositive();
        assertThat(reranked).isNotEqualTo(fused);
    }

    @Test
    void a_weighted_scoring_model_is_fused_with_the_fused_order_instead_of_replacing_it() {
        List<SearchHit> fused = leaseHits(null);
        List<SearchHit> replaced = leaseHits(PREFERS_LESSEE);
        List<SearchHit> weighted = leaseHits(PREFERS_LESSEE, "govassist.search.rerank.weight", "0.000001");
        List<SearchHit> strong = leaseHits(PREFERS_LESSEE, "govassist.search.rerank.weight", "1000");

        assertThat(replaced.subList(0, 8)).isNotEqualTo(fused.subList(0, 8));
        // a tiny weight only breaks ties: the fused order stands; a huge one is the scoring model's order
        assertThat(ids(weighted)).containsExactlyElementsOf(ids(fused));
        assertThat(ids(strong.subList(0, 8))).containsExactlyElementsOf(ids(replaced.subList(0, 8)));
        assertThat(ids(strong.subList(8, 12))).containsExactlyElementsOf(ids(fused.subList(8, 12)));
    }

    @Test
    void the_scoring_model_sees_each_clause_as_it_was_indexed_with_its_title_and_headings() {
        List<String> shown = new java.util.concurrent.CopyOnWriteArrayList<>();
        ScoringModel recording = (segments, query) -> {
            segments.forEach(s -> shown.add(s.text()));
            return Response.from(segments.stream().map(s -> 0.0).toList());
        };
        List<SearchHit> hits = retriever(Map.of("govassist.search.rerank.candidates", "5"), recording)
                .search(LEASE_QUESTION, 5, ClauseFilter.NONE, RetrievalMode.HYBRID);
        assertThat(shown).hasSize(5);
        for (SearchHit h : hits) {
            assertThat(shown).contains("《" + h.documentTitle() + "》 " + String.join(" > ", h.clausePath()) + "\n"
                    + h.text());
        }
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::clauseId).toList();
    }

    private static SearchHit scored(String document, String label, double score) {
        return new SearchHit(document + label, document, "标题" + document, null, document + ".md", label, List.of(label),
                List.of(label), "正文", score, 0.5, null, null);
    }

    @Test
    void document_fusion_lifts_clauses_of_the_document_with_the_most_evidence() {
        List<SearchHit> fused = List.of(scored("A", "第一条", 0.0300), scored("B", "第一条", 0.0290),
                scored("C", "第一条", 0.0280), scored("A", "第二条", 0.0275), scored("A", "第三条", 0.0190));
        List<SearchHit> out = HybridClauseRetriever.fuseDocuments(fused, 1.0, 60);
        // A (0.0765 in total) ranks first among documents: its 第二条 overtakes C's 第一条
        assertThat(out).extracting(h -> h.documentId() + h.clauseLabel())
                .containsExactly("A第一条", "B第一条", "A第二条", "C第一条", "A第三条");
        assertThat(out.getFirst().score()).isCloseTo(0.0300 + 1.0 / 61, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(HybridClauseRetriever.fuseDocuments(fused, 0.0, 60)).extracting(SearchHit::clauseId)
                .containsExactlyElementsOf(fused.stream().map(SearchHit::clauseId).toList());
    }

    @Test
    void without_expansion_the_transformer_leaves_the_question_alone() {
        assertThat(new DefaultQueryTransformer().transform(dev.langchain4j.rag.query.Query.from("房东")))
                .singleElement().satisfies(q -> assertThat(q.text()).isEqualTo("房东"));
        assertThat(retriever(Map.of("govassist.search.expansion.enabled", "false")).transform("房东不修房子"))
                .isEqualTo("房东不修房子");
    }

    @Test
    void a_ranking_fused_in_adds_weight_over_k_plus_rank_and_brings_new_clauses_with_or_without_similarity() {
        List<SearchHit> fused = List.of(scored("A", "第一条", 0.20), scored("B", "第一条", 0.15), scored("C", "第一条", 0.12));
        List<SearchHit> ranking = List.of(scored("C", "第一条", 9), scored("D", "第一条", 8));
        List<SearchHit> out = HybridClauseRetriever.addRanking(fused, ranking, 1.0, 10, true);
        // C gains 1/11, D joins with 1/12 alone
        assertThat(out).extracting(SearchHit::clauseId).containsExactly("C第一条", "A第一条", "B第一条", "D第一条");
        assertThat(out.getFirst().score()).isCloseTo(0.12 + 1.0 / 11, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(out.getLast().score()).isCloseTo(1.0 / 12, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(out.getLast().similarity()).isEqualTo(0.5);
        assertThat(HybridClauseRetriever.addRanking(fused, ranking, 1.0, 10, false))
                .filteredOn(h -> h.documentId().equals("D")).singleElement()
                .satisfies(h -> assertThat(h.similarity()).isNaN());
        assertThat(HybridClauseRetriever.addRanking(fused, ranking, 1.0, 10, false))
                .filteredOn(h -> h.documentId().equals("C")).singleElement()
                .satisfies(h -> assertThat(h.similarity()).isEqualTo(0.5));
    }

    private static final String STATE_PRIVACY = "国家机关公开政府信息时怎么保护个人隐私";

    private static int firstStatuteRank(List<SearchHit> hits) {
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i).source().equals(PIPL)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    @Test
    void the_statute_ranking_lifts_clauses_of_the_law_over_the_regulation_worded_like_the_question() {
        List<SearchHit> plain = retriever(Map.of("govassist.search.statute.weight", "0"))
                .search(STATE_PRIVACY, 10, ClauseFilter.NONE);
        List<SearchHit> withStatutes = retriever(Map.of("govassist.search.statute.weight", "2"))
                .search(STATE_PRIVACY, 10, ClauseFilter.NONE);
        assertThat(plain.getFirst().source()).as("the regulation on disclosure leads without the prior")
                .isNotEqualTo(PIPL);
        assertThat(firstStatuteRank(withStatutes)).isLessThan(firstStatuteRank(plain));
        assertThat(withStatutes.getFirst().source()).isEqualTo(PIPL);
        assertThat(withStatutes).allSatisfy(h -> assertThat(h.similarity()).isBetween(-1.0, 1.0));
    }

    @Test
    void a_narrowed_ranking_keeps_the_callers_exclusions() {
        ClauseFilter scoped = ClauseFilter.NONE.excluding(List.of("staff-law"));
        ClauseFilter narrowed = HybridClauseRetriever.narrowed(scoped, java.util.Set.of("staff-law", "public-law"));
        assertThat(narrowed.documentIds()).containsExactly("public-law");
        assertThat(narrowed.excludedDocumentIds()).containsExactly("staff-law");
        assertThat(HybridClauseRetriever.narrowed(scoped, java.util.Set.of("staff-law")))
                .as("only excluded documents: no ranking").isNull();
    }

    @Test
    void the_statute_ranking_respects_the_callers_document_restriction() {
        HybridClauseRetriever withoutStatutes = retriever(Map.of("govassist.search.statute.weight", "0"));
        String regulation = withoutStatutes.search(STATE_PRIVACY, 1, ClauseFilter.NONE).getFirst().documentId();
        ClauseFilter onlyRegulation = ClauseFilter.documents(List.of(regulation));
        HybridClauseRetriever withStatutes = retriever(Map.of("govassist.search.statute.weight", "2"));
        assertThat(withStatutes.statuteFilter(onlyRegulation)).isNull();
        assertThat(withStatutes.search(STATE_PRIVACY, 10, onlyRegulation)).extracting(SearchHit::clauseId)
                .containsExactlyElementsOf(withoutStatutes.search(STATE_PRIVACY, 10, onlyRegulation).stream()
                        .map(SearchHit::clauseId).toList());
        assertThat(withStatutes.statuteFilter(ClauseFilter.NONE).documentIds()).singleElement()
                .isEqualTo(withStatutes.search(STATE_PRIVACY, 1, ClauseFilter.documents(
                        withStatutes.statuteFilter(ClauseFilter.NONE).documentIds())).getFirst().documentId());
    }

    @Test
    void the_plain_question_view_adds_a_dense_ranking_and_keeps_the_calibrated_similarity() {
        String question = "租金一直没交房东能不能收回房子";
        List<SearchHit> plain = retriever(Map.of()).search(question, 20, ClauseFilter.NONE);
        List<SearchHit> twoViews = retriever(Map.of("govassist.search.plain-query-weight", "1"))
                .search(question, 20, ClauseFilter.NONE);
        assertThat(twoViews).extracting(SearchHit::clauseId).isNotEqualTo(plain.stream().map(SearchHit::clauseId).toList());
        float[] instructed = model.embedQuery(question).vector();
        assertThat(twoViews).filteredOn(h -> !Double.isNaN(h.similarity())).hasSizeGreaterThan(10).allSatisfy(h -> {
            float[] clause = store.clausesOf(h.documentId()).stream().filter(c -> c.id().equals(h.clauseId()))
                    .findFirst().orElseThrow().vector();
            double cosine = 0;
            for (int i = 0; i < clause.length; i++) {
                cosine += instructed[i] * clause[i];
            }
            assertThat(h.similarity()).as("cosine with the instructed question").isCloseTo(cosine,
                    org.assertj.core.api.Assertions.within(1e-4));
        });
    }

    private static SearchHit withSimilarity(String document, String label, String text, double score, double similarity) {
        return new SearchHit(document + label, document, "标题" + document, null, document + ".md", label, List.of(label),
                List.of(label), text, score, similarity, null, null);
    }

    @Test
    void the_relevance_ranking_lifts_the_head_clause_that_reads_like_the_question_and_keeps_the_tail() {
        List<SearchHit> fused = List.of(
                withSimilarity("A", "第一条", "其他事项", 0.20, 0.50),
                withSimilarity("B", "第一条", "农机装备北斗导航", 0.19, 0.60),
                withSimilarity("C", "第一条", "其他", 0.18, 0.40),
                withSimilarity("D", "第一条", "尾部", 0.01, 0.90));
        List<SearchHit> out = HybridClauseRetriever.relevanceHead("农机能用北斗导航吗", fused, 3, 0.3, 2.0, 10);
        assertThat(out).extracting(SearchHit::documentId).containsExactly("B", "A", "C", "D");
        assertThat(out.getFirst().score()).isCloseTo(0.19 + 2.0 / 11, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(HybridClauseRetriever.relevanceHead("农机能用北斗导航吗", fused, 3, 0.3, 0, 10))
                .as("weight 0: off").isEqualTo(fused);
    }

    @Test
    void the_statute_prior_follows_the_questions_evidence_and_what_it_names() {
        HybridClauseRetriever retriever = retriever(Map.of());
        String statute = retriever.statuteFilter(ClauseFilter.NONE).documentIds().getFirst();
        List<SearchHit> lowerNorms = List.of(scored("R1", "第一条", 0.3), scored("R2", "第二条", 0.2),
                scored("R3", "第三条", 0.1), scored("P", "二、", 0.05));
        assertThat(retriever.statuteWeight(lowerNorms, java.util.Set.of(), List.of()))
                .as("three of four first hits are articles of lower norms").isEqualTo(0.75);
        List<SearchHit> policy = List.of(scored("P", "二、", 0.3), scored(statute, "第一条", 0.2));
        assertThat(retriever.statuteWeight(policy, java.util.Set.of(), List.of()))
                .as("policy clauses and statutes are no evidence for the prior").isZero();
        assertThat(retriever.statuteWeight(lowerNorms, java.util.Set.of("方案"), List.of("P"))).isZero();
        assertThat(retriever.statuteWeight(lowerNorms, java.util.Set.of(), List.of("P")))
                .as("a named place without statutes").isZero();
        assertThat(retriever.statuteWeight(policy, java.util.Set.of(NamedDocuments.LAW), List.of(statute)))
                .as("a question naming 法律 gets the full weight").isEqualTo(1.0);
    }

    @Test
    void a_question_naming_the_plan_ranks_the_plan_higher_than_without_the_signal() {
        String question = "这个方案在保护个人信息和数据安全方面有什么安排？";
        // the signal alone: no statute prior, no relevance ranking
        List<SearchHit> without = retriever(Map.of("govassist.search.named-document-weight", "0",
                "govassist.search.statute.weight", "0", "govassist.search.relevance-weight", "0"))
                .search(question, 20, ClauseFilter.NONE);
        List<SearchHit> with = retriever(Map.of(
                "govassist.search.statute.weight", "0", "govassist.search.relevance-weight", "0"))
                .search(question, 20, ClauseFilter.NONE);
        assertThat(firstRankOf(with, PLAN)).isLessThan(firstRankOf(without, PLAN));
    }

    @Test
    void a_store_failure_in_a_ranking_run_beside_the_main_one_fails_the_search_with_that_failure() {
        // the statute and named-document rankings are the filtered searches; they run on other threads
        ClauseStore filteredSearchesFail = (ClauseStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ClauseStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("search") && !((SearchQuery) args[0]).filter().isEmpty()) {
                        throw new StoreUnavailableException("PostgreSQL is gone", null);
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        String question = "这个方案对政务服务的智能客服有什么安排？";

        assertThatThrownBy(() -> retriever(filteredSearchesFail, Map.of(), null).search(question, 10,
                ClauseFilter.NONE))
                .isExactlyInstanceOf(StoreUnavailableException.class).hasMessage("PostgreSQL is gone");
        assertThat(retriever(filteredSearchesFail, Map.of("govassist.search.statute.weight", "0",
                "govassist.search.named-document-weight", "0"), null).search(question, 10, ClauseFilter.NONE))
                .as("without those rankings nothing runs filtered").isNotEmpty();
    }

    private static int firstRankOf(List<SearchHit> hits, String source) {
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i).source().equals(source)) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }
}
