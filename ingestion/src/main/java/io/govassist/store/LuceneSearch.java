package io.govassist.store;

import io.govassist.ingestion.Clause;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.govassist.store.LuceneDocuments.CLAUSE_ID;
import static io.govassist.store.LuceneDocuments.DOC_ID;
import static io.govassist.store.LuceneDocuments.DOC_NUMBER;
import static io.govassist.store.LuceneDocuments.HIT_FIELDS;
import static io.govassist.store.LuceneDocuments.SOURCE;
import static io.govassist.store.LuceneDocuments.STATUS;
import static io.govassist.store.LuceneDocuments.TITLE;
import static io.govassist.store.LuceneDocuments.VECTOR;

/**
 * A search of {@link LuceneClauseStore} on one index snapshot: the dense ranking (HNSW), the lexical ranking (BM25)
 * and their weighted reciprocal rank fusion, ties broken by clause id in every ranking.
 */
final class LuceneSearch {

    private LuceneSearch() {
    }

    /** The hits of {@code query}; {@code lexical} is its BM25 query ({@code null}: none), {@code filter} may be null. */
    static List<SearchHit> run(IndexSearcher s, SearchQuery query, Query lexical, Query filter) throws IOException {
        return run(s, query, lexical, filter, null);
    }

    /**
     * As {@link #run(IndexSearcher, SearchQuery, Query, Query)} on {@code view} of the snapshot ({@code null}: the
     * snapshot itself), the view hiding excluded documents; {@code filter} holds the other criteria.
     */
    static List<SearchHit> run(IndexSearcher snapshot, SearchQuery query, Query lexical, Query filter,
                               LuceneExclusions.View view) throws IOException {
        IndexSearcher s = view == null ? snapshot : view.searcher();
        float[] vector = query.vector();
        int k = query.candidates();
        Map<Integer, String> ids = new HashMap<>();
        ScoreDoc[] ranked = switch (query.mode()) {
            case DENSE -> sortDeterministically(s, dense(s, vector, k, filter, view), null, ids);
            case LEXICAL -> sortDeterministically(s, lexical(s, lexical, k, filter), null, ids);
            case HYBRID -> fuse(s,
                    query.denseWeight() == 0 ? new ScoreDoc[0]
                            : sortDeterministically(s, dense(s, vector, k, filter, view), null, ids),
                    query.lexicalWeight() == 0 ? new ScoreDoc[0]
                            : sortDeterministically(s, lexical(s, lexical, k, filter), null, ids),
                    query, ids);
        };
        return toHits(s, ranked, query.topK(), query.mode() == RetrievalMode.LEXICAL ? null : vector);
    }

    private static ScoreDoc[] dense(IndexSearcher s, float[] vector, int k, Query filter, LuceneExclusions.View view)
            throws IOException {
        Query q = view != null && filter == null ? view.knn(VECTOR, vector, k)
                : new KnnFloatVectorQuery(VECTOR, vector, k, filter);
        return s.search(q, k).scoreDocs;
    }

    private static ScoreDoc[] lexical(IndexSearcher s, Query terms, int k, Query filter) throws IOException {
        if (terms == null) {
            return new ScoreDoc[0];
        }
        Query q = filter == null ? terms
                : new BooleanQuery.Builder().add(terms, Occur.MUST).add(filter, Occur.FILTER).build();
        return s.search(q, k).scoreDocs;
    }

    /** Weighted reciprocal rank fusion: {@code Σ weight / (rrfK + rank)}, rank starting at 1. */
    private static ScoreDoc[] fuse(IndexSearcher s, ScoreDoc[] dense, ScoreDoc[] lexical, SearchQuery q,
                                   Map<Integer, String> ids) {
        Map<Integer, Double> fused = new LinkedHashMap<>();
        addRanks(fused, dense, q.denseWeight(), q.rrfK());
        addRanks(fused, lexical, q.lexicalWeight(), q.rrfK());
        ScoreDoc[] out = new ScoreDoc[fused.size()];
        int i = 0;
        for (Map.Entry<Integer, Double> e : fused.entrySet()) {
            out[i++] = new ScoreDoc(e.getKey(), e.getValue().floatValue());
        }
        // ordered by the exact double sums: the float in ScoreDoc could merge near-ties
        return sortDeterministically(s, out, fused, ids);
    }

    private static void addRanks(Map<Integer, Double> fused, ScoreDoc[] ranking, double weight, int k) {
        for (int r = 0; r < ranking.length; r++) {
            fused.merge(ranking[r].doc, weight / (k + r + 1), Double::sum);
        }
    }

    /** Orders by descending score (exact doubles when given), ties by clause id, so results never depend on docids. */
    private static ScoreDoc[] sortDeterministically(IndexSearcher s, ScoreDoc[] docs, Map<Integer, Double> exact,
                                                    Map<Integer, String> ids) {
        for (ScoreDoc sd : docs) {
            ids.computeIfAbsent(sd.doc, doc -> clauseIdOf(s, doc));
        }
        Comparator<ScoreDoc> byScore = exact == null
                ? Comparator.comparingDouble((ScoreDoc sd) -> sd.score).reversed()
                : Comparator.comparingDouble((ScoreDoc sd) -> exact.get(sd.doc)).reversed();
        ScoreDoc[] copy = docs.clone();
        Arrays.sort(copy, byScore.thenComparing(sd -> ids.get(sd.doc)));
        return copy;
    }

    private static String clauseIdOf(IndexSearcher s, int doc) {
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        try {
            SortedDocValues dv = leaf.reader().getSortedDocValues(CLAUSE_ID);
            if (dv != null && dv.advanceExact(doc - leaf.docBase)) {
                return dv.lookupOrd(dv.ordValue()).utf8ToString();
            }
            return "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<SearchHit> toHits(IndexSearcher s, ScoreDoc[] ranked, int topK, float[] queryVector)
            throws IOException {
        ScoreDoc[] ordered = ranked;
        List<LeafReaderContext> leaves = s.getIndexReader().leaves();
        int n = Math.min(topK, ordered.length);
        List<SearchHit> hits = new ArrayList<>(n);
        StoredFields stored = s.storedFields();
        for (int i = 0; i < n; i++) {
            Document d = stored.document(ordered[i].doc, HIT_FIELDS);
            Clause c = LuceneDocuments.toClause(d);
            hits.add(new SearchHit(d.get(CLAUSE_ID), d.get(DOC_ID), d.get(TITLE), d.get(DOC_NUMBER), d.get(SOURCE),
                    c.label(), c.path(), c.markers(), c.text(), ordered[i].score,
                    queryVector == null ? Double.NaN : dot(queryVector, LuceneDocuments.vectorOf(leaves, ordered[i].doc)),
                    c.responsibleUnits(), LuceneDocuments.status(d.get(STATUS))));
        }
        return hits;
    }

    /** Stored vectors are unit length, so their dot product with a unit query vector is the cosine. */
    private static double dot(float[] a, float[] b) {
        if (b.length != a.length) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
