package io.govassist.search;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.scoring.ScoringModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.aggregator.ContentAggregator;
import dev.langchain4j.rag.content.aggregator.ReRankingContentAggregator;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;
import io.govassist.ingestion.ClauseAwareSplitter;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import io.govassist.store.RetrievalMode;
import io.govassist.store.SearchHit;
import io.govassist.store.SearchQuery;
import io.govassist.search.SearchQualityProperties.Statute;
import io.govassist.system.GovAssistProperties;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Hybrid clause retrieval: the question goes through the {@link QueryTransformer} (colloquial → official vocabulary),
 * is embedded with the model's query instruction and searched densely and lexically in the {@link ClauseStore}; the
 * two rankings are fused by weighted RRF, then — when configured — with a dense ranking by the question embedded
 * without the instruction and a ranking of statute clauses only (the same search within the statutes, a legal
 * hierarchy prior: {@link SearchQualityProperties.Statute}), then with a document ranking (documents by the summed
 * scores of their clauses). Parts of one long clause are collapsed to its best part, and when a LangChain4j {@link ScoringModel} is
 * configured it re-orders the fused head ({@link ReRankingContentAggregator}). The settings and the measurements
 * behind their defaults: {@link SearchQualityProperties}, {@code docs/quality.md}.
 *
 * <p>As a LangChain4j {@link ContentRetriever} it returns one {@link Content} per clause whose segment metadata
 * carries the citation fields ({@code clause_id}, {@code document_id}, {@code clause_label}, …) and whose
 * content metadata carries the fused score.
 */
@Component
public class HybridClauseRetriever implements ContentRetriever {

    private static final Pattern ARTICLE = Pattern.compile("第[零〇一二三四五六七八九十百千两\\d]+条(之.+)?");

    /** The most hits one store search may return ({@link SearchQuery} allows 1000). */
    private static final int MAX_FETCH = 1000;

    /** Runs the filtered rankings beside the main one; a virtual thread each, waiting on the store. */
    private static final Executor RANKINGS = Executors.newVirtualThreadPerTaskExecutor();

    private final ClauseStore store;
    private final QueryAwareEmbeddingModel embeddingModel;
    private final GovAssistProperties.Search settings;
    private final SearchQualityProperties quality;
    private final QueryTransformer queryTransformer;
    private final ContentAggregator reranker;
    private final StatuteDocuments statutes;
    private final NamedDocuments namedDocuments;

    HybridClauseRetriever(ClauseStore store, QueryAwareEmbeddingModel embeddingModel, GovAssistProperties properties,
                          SearchQualityProperties quality, QueryTransformer queryTransformer,
                          Optional<ScoringModel> scoringModel) {
        this.store = store;
        this.embeddingModel = embeddingModel;
        this.settings = properties.search();
        this.quality = quality;
        this.queryTransformer = queryTransformer;
        this.reranker = scoringModel.<ContentAggregator>map(m -> ReRankingContentAggregator.builder().scoringModel(m)
                .build()).orElse(null);
        this.statutes = new StatuteDocuments(store, quality.statute(), Clock.systemUTC());
        this.namedDocuments = new NamedDocuments(store, statutes, Clock.systemUTC());
    }

    /** Searches with the configured fusion settings. */
    public List<SearchHit> search(String query, int topK, ClauseFilter filter) {
        return search(query, topK, filter, RetrievalMode.HYBRID);
    }

    public List<SearchHit> search(String query, int topK, ClauseFilter filter, RetrievalMode mode) {
        String expanded = transform(query);
        float[] vector = mode == RetrievalMode.LEXICAL ? null
                : embeddingModel.embedQuery(quality.expansion().dense() ? expanded : query).vector();
        boolean documentFusion = mode == RetrievalMode.HYBRID && quality.documentWeight() > 0;
        int wanted = reranker == null ? topK : Math.max(topK, quality.rerank().candidates());
        if (documentFusion) {
            wanted = Math.max(wanted, Math.min(MAX_FETCH, settings.candidates()));
        }
        // the rankings within the statutes and within the documents the question names do not depend on the main
        // ranking: they run beside it (PostgreSQL: one more backend each), and the statute one is dropped when the
        // main ranking's evidence gives it no weight
        Set<String> namedKinds = Set.of();
        List<String> named = List.of();
        CompletableFuture<List<SearchHit>> statuteRanking = null;
        CompletableFuture<List<SearchHit>> namedRanking = null;
        if (mode == RetrievalMode.HYBRID) {
            namedKinds = NamedDocuments.named(query);
            named = quality.namedDocumentWeight() > 0 || quality.statute().weight() > 0
                    ? namedDocuments.documentIds(namedKinds, query) : List.of();
            ClauseFilter statuteFilter = statuteRankingPossible(namedKinds, named)
                    ? narrowed(filter, statutes.ids()) : null;
            if (statuteFilter != null) {
                statuteRanking = beside(() -> fetch(expanded, vector, quality.statute().candidates(), statuteFilter,
                        mode));
            }
            ClauseFilter namedFilter = quality.namedDocumentWeight() > 0 && !named.isEmpty()
                    ? narrowed(filter, Set.copyOf(named)) : null;
            if (namedFilter != null) {
                namedRanking = beside(() -> fetch(expanded, vector, quality.statute().candidates(), namedFilter,
                        mode));
            }
        }
        List<SearchHit> hits;
        if (quality.collapseParts()) {
            // collapsing drops parts: fetch a margin, and more while whole pages collapse away
            int fetch = Math.min(MAX_FETCH, wanted + Math.max(10, wanted / 2));
            while (true) {
                List<SearchHit> fetched = fetch(expanded, vector, fetch, filter, mode);
                hits = collapseParts(fetched);
                if (hits.size() >= wanted || fetched.size() < fetch || fetch == MAX_FETCH) {
                    break;
                }
                fetch = Math.min(MAX_FETCH, fetch * 2);
            }
        } else {
            hits = fetch(expanded, vector, wanted, filter, mode);
        }
        if (mode == RetrievalMode.HYBRID && quality.plainQueryWeight() > 0) {
            // the question as asked, embedded like a passage: a second view of it for the dense ranking; cosines
            // against this vector are not calibrated for the relevance threshold, so clauses only it finds get none
            float[] plain = embeddingModel.embed(query).content().vector();
            List<SearchHit> ranking = fetch(expanded, plain, settings.candidates(), filter, RetrievalMode.DENSE);
            hits = collapse(addRanking(hits, collapse(ranking), quality.plainQueryWeight(), settings.rrfK(), false));
        }
        if (statuteRanking != null) {
            double statuteWeight = statuteWeight(hits, namedKinds, named);
            if (statuteWeight > 0) {
                hits = collapse(addRanking(hits, collapse(joined(statuteRanking)), statuteWeight, settings.rrfK(),
                        true));
            }
        }
        if (namedRanking != null) {
            hits = collapse(addRanking(hits, collapse(joined(namedRanking)), quality.namedDocumentWeight(),
                    settings.rrfK(), true));
        }
        if (documentFusion) {
            hits = fuseDocuments(hits, quality.documentWeight(), settings.rrfK());
        }
        if (mode == RetrievalMode.HYBRID && quality.relevanceWeight() > 0) {
            hits = relevanceHead(query, hits, quality.relevanceHead(), quality.relevanceLexicalWeight(),
                    quality.relevanceWeight(), settings.rrfK());
        }
        if (reranker != null) {
            hits = rerank(query, hits, quality.rerank().candidates(), quality.rerank().weight(), settings.rrfK());
        }
        return hits.size() <= topK ? hits : List.copyOf(hits.subList(0, topK));
    }

    private List<SearchHit> fetch(String text, float[] vector, int n, ClauseFilter filter, RetrievalMode mode) {
        return store.search(new SearchQuery(text, vector, n, filter, mode, settings.denseWeight(),
                settings.lexicalWeight(), settings.rrfK(), Math.max(settings.candidates(), n)));
    }

    private List<SearchHit> collapse(List<SearchHit> hits) {
        return quality.collapseParts() ? collapseParts(hits) : hits;
    }

    /**
     * The statute ranking's weight for this question: none when it names only other kinds of documents, or names
     * documents (by kind or place) none of which is a statute; else the configured weight, scaled by the share of
     * articles of lower legal norms (regulations, rules, judicial interpretations: 第X条 clauses of documents that are
     * not statutes) among the first fused hits — the situation the prior is for, a question about law whose first
     * hits are lower norms worded like it — unless that scaling is off or the question names 法律.
     */
    double statuteWeight(List<SearchHit> fused, Set<String> namedKinds, List<String> namedDocumentIds) {
        Statute settings = quality.statute();
        if (!statuteRankingPossible(namedKinds, namedDocumentIds)) {
            return 0;
        }
        if (settings.evidenceDepth() == 0 || namedKinds.contains(NamedDocuments.LAW)) {
            return settings.weight();
        }
        int n = Math.min(settings.evidenceDepth(), fused.size());
        Set<String> statuteIds = statutes.ids();
        long lowerNorms = fused.subList(0, n).stream()
                .filter(h -> isArticle(h) && !statuteIds.contains(h.documentId())).count();
        return n == 0 ? 0 : settings.weight() * lowerNorms / n;
    }

    /** Whether the statute ranking can have a weight for this question, whatever the main ranking holds. */
    private boolean statuteRankingPossible(Set<String> namedKinds, List<String> namedDocumentIds) {
        return quality.statute().weight() > 0 && !NamedDocuments.namesOnlyNonStatutes(namedKinds)
                && (namedDocumentIds.isEmpty() || namedDocumentIds.stream().anyMatch(statutes.ids()::contains));
    }

    private static CompletableFuture<List<SearchHit>> beside(Supplier<List<SearchHit>> ranking) {
        return CompletableFuture.supplyAsync(ranking, RANKINGS);
    }

    /** The ranking's hits, or what it threw (a store failure is the search's failure, as when run in line). */
    private static List<SearchHit> joined(CompletableFuture<List<SearchHit>> ranking) {
        try {
            return ranking.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Whether a hit is a law article (its own marker is 第X条). */
    static boolean isArticle(SearchHit hit) {
        List<String> markers = hit.markers();
        return !markers.isEmpty() && ARTICLE.matcher(markers.getLast()).matches();
    }

    /** {@code filter} narrowed to the statute documents (kept for the tests of the statute filter). */
    ClauseFilter statuteFilter(ClauseFilter filter) {
        return narrowed(filter, statutes.ids());
    }

    /**
     * {@code filter} narrowed to these documents, or {@code null} when it leaves none (none in the store, or the
     * caller's document restriction holds none of them).
     */
    static ClauseFilter narrowed(ClauseFilter filter, Set<String> ids) {
        List<String> allowed = (filter.documentIds().isEmpty() ? ids.stream().sorted()
                : filter.documentIds().stream().filter(ids::contains))
                .filter(id -> !filter.excludedDocumentIds().contains(id)).toList();
        if (allowed.isEmpty()) {
            return null;
        }
        return new ClauseFilter(allowed, filter.issuers(), filter.dateFrom(), filter.dateTo(), filter.includeDrafts(),
                filter.excludedDocumentIds());
    }

    /**
     * Fuses one more ranking into {@code hits} by RRF: each clause of {@code ranking} gains {@code weight / (rrfK +
     * rank)}; clauses not yet among {@code hits} join with that score alone (with their similarity when
     * {@code keepSimilarity}, else {@code NaN}: the ranking's query vector differs from the calibrated one). The result
     * is ordered by score, ties by clause id.
     */
    static List<SearchHit> addRanking(List<SearchHit> hits, List<SearchHit> ranking, double weight, int rrfK,
                                      boolean keepSimilarity) {
        Map<String, SearchHit> byId = new LinkedHashMap<>();
        for (SearchHit h : hits) {
            byId.putIfAbsent(h.clauseId(), h);
        }
        for (int i = 0; i < ranking.size(); i++) {
            SearchHit r = ranking.get(i);
            double gain = weight / (rrfK + i + 1);
            SearchHit known = byId.get(r.clauseId());
            byId.put(r.clauseId(), known != null ? withScore(known, known.score() + gain)
                    : withScore(r, gain, keepSimilarity ? r.similarity() : Double.NaN));
        }
        List<SearchHit> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparingDouble(SearchHit::score).reversed().thenComparing(SearchHit::clauseId));
        return out;
    }

    private static SearchHit withScore(SearchHit h, double score) {
        return withScore(h, score, h.similarity());
    }

    private static SearchHit withScore(SearchHit h, double score, double similarity) {
        return new SearchHit(h.clauseId(), h.documentId(), h.documentTitle(), h.docNumber(), h.source(),
                h.clauseLabel(), h.clausePath(), h.markers(), h.text(), score, similarity, h.responsibleUnits(),
                h.status());
    }

    /** The lexical query text: the question as the {@link QueryTransformer} rewrites it. */
    String transform(String query) {
        Collection<Query> queries = queryTransformer.transform(Query.from(query));
        return queries.isEmpty() ? query : queries.iterator().next().text();
    }

    /** Keeps the best-ranked part of each clause (same document, path and label). */
    static List<SearchHit> collapseParts(List<SearchHit> hits) {
        Set<String> seen = new HashSet<>();
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            if (seen.add(h.documentId() + '\u0000' + h.clausePath() + '\u0000' + h.clauseLabel())) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Adds a document ranking to the fused clause scores: documents ordered by the summed scores of their clauses in
     * {@code hits}, each clause gaining {@code weight / (rrfK + rank of its document)}.
     */
    static List<SearchHit> fuseDocuments(List<SearchHit> hits, double weight, int rrfK) {
        Map<String, Double> documentScores = new HashMap<>();
        for (SearchHit h : hits) {
            documentScores.merge(h.documentId(), h.score(), Double::sum);
        }
        List<String> ranked = documentScores.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        Map<String, Integer> documentRank = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            documentRank.put(ranked.get(i), i + 1);
        }
        List<SearchHit> rescored = new ArrayList<>(hits.size());
        for (SearchHit h : hits) {
            rescored.add(withScore(h, h.score() + weight / (rrfK + documentRank.get(h.documentId()))));
        }
        rescored.sort(Comparator.comparingDouble(SearchHit::score).reversed());
        return rescored;
    }

    /**
     * Fuses a relevance ranking of the first {@code head} hits into their scores by RRF: relevance = cosine similarity
     * + {@code lexicalWeight} × the share of the question's content terms in the clause, its title and headings (the
     * measure of the chat's threshold). The fusion's signals find and order the candidates; relevance, which reads
     * each candidate against the whole question, corrects the head. The rest keep their order after the head.
     */
    static List<SearchHit> relevanceHead(String query, List<SearchHit> hits, int head, double lexicalWeight,
                                         double weight, int rrfK) {
        int n = Math.min(head, hits.size());
        if (n < 2 || weight <= 0) {
            return hits;
        }
        Set<String> terms = LexicalEvidence.terms(query);
        Map<String, Double> relevance = new HashMap<>();
        for (SearchHit h : hits.subList(0, n)) {
            double similarity = Double.isNaN(h.similarity()) ? 0 : h.similarity();
            relevance.put(h.clauseId(),
                    similarity + lexicalWeight * LexicalEvidence.coverage(terms, LexicalEvidence.searchableText(h)));
        }
        List<SearchHit> ranking = new ArrayList<>(hits.subList(0, n));
        ranking.sort(Comparator.comparingDouble((SearchHit h) -> relevance.get(h.clauseId())).reversed());
        List<SearchHit> out = new ArrayList<>(addRanking(hits.subList(0, n), ranking, weight, rrfK, true));
        out.addAll(hits.subList(n, hits.size()));
        return out;
    }

    /**
     * Re-orders the first {@code candidates} hits by the scoring model (with {@code weight} > 0: fuses its ranking into
     * their scores by RRF); the rest keep their order after them.
     */
    private List<SearchHit> rerank(String query, List<SearchHit> hits, int candidates, double weight, int rrfK) {
        int n = Math.min(candidates, hits.size());
        Map<String, SearchHit> byId = new LinkedHashMap<>();
        List<Content> head = new ArrayList<>(n);
        for (SearchHit h : hits.subList(0, n)) {
            byId.put(h.clauseId(), h);
            // the clause as it was indexed (title and headings first): a bare 第X条 does not say which law it is
            head.add(toContent(h, ClauseAwareSplitter.contextualText(h.documentTitle(), h.clausePath(), h.text())));
        }
        List<SearchHit> out = new ArrayList<>(hits.size());
        for (Content c : reranker.aggregate(Map.of(Query.from(query), List.of(head)))) {
            SearchHit h = byId.remove(c.textSegment().metadata().getString("clause_id"));
            if (h != null) {
                out.add(h);
            }
        }
        out.addAll(byId.values());
        if (weight > 0) {
            out = new ArrayList<>(addRanking(hits.subList(0, n), out, weight, rrfK, true));
        }
        out.addAll(hits.subList(n, hits.size()));
        return out;
    }

    @Override
    public List<Content> retrieve(Query query) {
        return search(query.text(), settings.defaultTopK(), ClauseFilter.NONE).stream()
                .map(HybridClauseRetriever::toContent)
                .toList();
    }

    static Content toContent(SearchHit hit) {
        return toContent(hit, hit.text());
    }

    private static Content toContent(SearchHit hit, String text) {
        Metadata metadata = new Metadata()
                .put("clause_id", hit.clauseId())
                .put("document_id", hit.documentId())
                .put("document_title", hit.documentTitle())
                .put("source", hit.source())
                .put("clause_label", hit.clauseLabel())
                .put("clause_path", String.join(" > ", hit.clausePath()))
                .put("status", hit.status().name());
        if (hit.docNumber() != null) {
            metadata.put("doc_number", hit.docNumber());
        }
        return Content.from(TextSegment.from(text, metadata), Map.of(ContentMetadata.SCORE, hit.score()));
    }
}
