package io.govassist.search;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import io.govassist.models.QueryAwareEmbeddingModel;
import io.govassist.store.ClauseFilter;
import io.govassist.store.ClauseStore;
import io.govassist.store.RetrievalMode;
import io.govassist.store.SearchHit;
import io.govassist.store.SearchQuery;
import io.govassist.system.GovAssistProperties;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Hybrid clause retrieval: the query is embedded with the model's query instruction and searched densely and
 * lexically in the {@link ClauseStore}; the two rankings are fused by weighted RRF.
 *
 * <p>As a LangChain4j {@link ContentRetriever} it returns one {@link Content} per clause whose segment metadata
 * carries the citation fields ({@code clause_id}, {@code document_id}, {@code clause_label}, …) and whose
 * content metadata carries the fused score.
 */
@Component
public class HybridClauseRetriever implements ContentRetriever {

    private final ClauseStore store;
    private final QueryAwareEmbeddingModel embeddingModel;
    private final GovAssistProperties.Search settings;

    HybridClauseRetriever(ClauseStore store, QueryAwareEmbeddingModel embeddingModel, GovAssistProperties properties) {
        this.store = store;
        this.embeddingModel = embeddingModel;
        this.settings = properties.search();
    }

    /** Searches with the configured fusion settings. */
    public List<SearchHit> search(String query, int topK, ClauseFilter filter) {
        return search(query, topK, filter, RetrievalMode.HYBRID);
    }

    public List<SearchHit> search(String query, int topK, ClauseFilter filter, RetrievalMode mode) {
        float[] vector = mode == RetrievalMode.LEXICAL ? null : embeddingModel.embedQuery(query).vector();
        return store.search(new SearchQuery(query, vector, topK, filter, mode, settings.denseWeight(),
                settings.lexicalWeight(), settings.rrfK(), Math.max(settings.candidates(), topK)));
    }

    @Override
    public List<Content> retrieve(Query query) {
        return search(query.text(), settings.defaultTopK(), ClauseFilter.NONE).stream()
                .map(HybridClauseRetriever::toContent)
                .toList();
    }

    static Content toContent(SearchHit hit) {
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
        return Content.from(TextSegment.from(hit.text(), metadata), Map.of(ContentMetadata.SCORE, hit.score()));
    }
}
