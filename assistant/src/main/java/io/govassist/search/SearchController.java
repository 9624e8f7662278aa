package io.govassist.search;

import io.govassist.ingestion.ResponsibleUnits;
import io.govassist.knowledge.KnowledgeBases;
import io.govassist.store.ClauseFilter;
import io.govassist.store.SearchHit;
import io.govassist.security.privacy.PersonalDataMasker;
import io.govassist.system.ApiException;
import io.govassist.system.GovAssistProperties;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code POST /api/v1/search}: hybrid clause search. The query is masked ({@link PersonalDataMasker}) before it is
 * embedded or searched, like chat questions; it is neither stored nor logged.
 */
@RestController
@RequestMapping("/api/v1/search")
class SearchController {

    private final HybridClauseRetriever retriever;
    private final GovAssistProperties.Search settings;
    private final KnowledgeBases knowledgeBases;

    SearchController(HybridClauseRetriever retriever, GovAssistProperties properties, KnowledgeBases knowledgeBases) {
        this.retriever = retriever;
        this.settings = properties.search();
        this.knowledgeBases = knowledgeBases;
    }

    record Filter(List<String> documentIds) {
    }

    /**
     * @param knowledgeBase optional: search only this knowledge base's documents (without one: every document but
     *                      those only in STAFF knowledge bases)
     */
    record SearchRequest(String query, Integer topK, Filter filter, String knowledgeBase) {
    }

    record Hit(String clauseId, String documentId, String documentTitle, String docNumber, String source,
               String clauseLabel, List<String> clausePath, String text, double score,
               ResponsibleUnits responsibleUnits, String status) {

        static Hit of(SearchHit h) {
            return new Hit(h.clauseId(), h.documentId(), h.documentTitle(), h.docNumber(), h.source(), h.clauseLabel(),
                    h.clausePath(), h.text(), h.score(), h.responsibleUnits(), h.status().name());
        }
    }

    record SearchResponse(List<Hit> hits, long tookMs) {
    }

    @PostMapping
    SearchResponse search(@RequestBody(required = false) SearchRequest request) {
        if (request == null || request.query() == null || request.query().isBlank()) {
            throw ApiException.badRequest("EMPTY_QUERY", "查询内容不能为空");
        }
        if (request.query().length() > settings.maxQueryLength()) {
            throw ApiException.badRequest("QUERY_TOO_LONG", "查询内容过长，最多 " + settings.maxQueryLength() + " 个字符");
        }
        int topK = request.topK() == null ? settings.defaultTopK() : request.topK();
        if (topK < 1 || topK > settings.maxTopK()) {
            throw ApiException.badRequest("INVALID_TOP_K", "topK 必须在 1 到 " + settings.maxTopK() + " 之间");
        }
        ClauseFilter filter = request.filter() == null || request.filter().documentIds() == null
                ? ClauseFilter.NONE : ClauseFilter.documents(request.filter().documentIds());
        filter = knowledgeBases.scope(request.knowledgeBase(), filter);
        long start = System.nanoTime();
        List<Hit> hits = retriever.search(PersonalDataMasker.mask(request.query().strip()), topK, filter).stream().map(Hit::of).toList();
        return new SearchResponse(hits, (System.nanoTime() - start) / 1_000_000);
    }
}
