package io.govassist.store;

import io.govassist.ingestion.Clause;
import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.ingestion.ResponsibleUnits;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layout of {@link LuceneClauseStore}'s index: its fields, the commit user data keys, the Lucene documents of a
 * policy document and its clauses and the way back, and the queries selecting them.
 */
final class LuceneDocuments {

    static final String KIND = "kind";
    static final String KIND_CLAUSE = "clause";
    static final String KIND_DOCUMENT = "document";
    static final String DOC_ID = "doc_id";
    static final String CLAUSE_ID = "clause_id";
    static final String ORDINAL = "ordinal";
    static final String TEXT = "text";
    static final String INDEXED_TEXT = "indexed_text";
    static final String CLAUSE_TEXT = "clause_text";
    static final String LABEL = "label";
    static final String PATH = "path";
    static final String MARKERS = "markers";
    static final String LEAD = "lead";
    static final String COOPERATING = "cooperating";
    static final String PART = "part";
    static final String VECTOR = "vector";
    static final String TITLE = "title";
    static final String DOC_NUMBER = "doc_number";
    static final String ISSUER = "issuer";
    static final String DATE = "date";
    static final String STATUS = "status";
    static final String SOURCE = "source";
    static final String CONTENT_HASH = "content_hash";
    static final String CLAUSE_COUNT = "clause_count";
    static final String INGESTED_AT = "ingested_at";

    static final String COMMIT_FORMAT = "govassist.store.format";
    static final String COMMIT_ANALYZER = "govassist.lexical.analyzer";
    static final String COMMIT_MODEL = "govassist.embedding.model";
    static final String COMMIT_DIMENSION = "govassist.embedding.dimension";
    static final String FORMAT_VERSION = "1";

    static final Set<String> HIT_FIELDS = Set.of(CLAUSE_ID, DOC_ID, TITLE, DOC_NUMBER, SOURCE, LABEL, PATH,
            MARKERS, CLAUSE_TEXT, LEAD, COOPERATING, STATUS);
    static final Query ALL_CLAUSES = new TermQuery(new Term(KIND, KIND_CLAUSE));
    static final Query ALL_DOCUMENTS = new TermQuery(new Term(KIND, KIND_DOCUMENT));

    private LuceneDocuments() {
    }


    static Map<String, String> readCommitData(Directory dir) throws IOException {
        try {
            if (!DirectoryReader.indexExists(dir)) {
                return Map.of();
            }
            try (DirectoryReader r = DirectoryReader.open(dir)) {
                return new HashMap<>(r.getIndexCommit().getUserData());
            }
        } catch (IndexNotFoundException e) {
            return Map.of();
        }
    }

    static Document documentDoc(DocumentRecord d) {
        PolicyMetadata m = d.metadata();
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_DOCUMENT, Field.Store.NO));
        doc.add(new StringField(DOC_ID, d.id(), Field.Store.YES));
        doc.add(new StoredField(SOURCE, d.source()));
        doc.add(new StoredField(CONTENT_HASH, d.contentHash()));
        doc.add(new StoredField(CLAUSE_COUNT, d.clauseCount()));
        doc.add(new StoredField(INGESTED_AT, d.ingestedAt().toString()));
        addMetadata(doc, m);
        return doc;
    }

    private static void addMetadata(Document doc, PolicyMetadata m) {
        doc.add(new StoredField(TITLE, m.title()));
        if (m.docNumber() != null) {
            doc.add(new StoredField(DOC_NUMBER, m.docNumber()));
        }
        if (m.issuer() != null) {
            doc.add(new StringField(ISSUER, m.issuer(), Field.Store.YES));
        }
        if (m.date() != null) {
            doc.add(new StringField(DATE, m.date(), Field.Store.YES));
        }
        doc.add(new StringField(STATUS, m.status().name(), Field.Store.YES));
    }

    static Document clauseDoc(DocumentRecord d, IndexedClause c) {
        Clause clause = c.clause();
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_CLAUSE, Field.Store.NO));
        doc.add(new StringField(DOC_ID, d.id(), Field.Store.YES));
        doc.add(new StringField(CLAUSE_ID, c.id(), Field.Store.YES));
        doc.add(new SortedDocValuesField(CLAUSE_ID, new BytesRef(c.id())));
        doc.add(new StoredField(ORDINAL, c.ordinal()));
        doc.add(new TextField(TEXT, c.indexedText(), Field.Store.NO));
        doc.add(new StoredField(INDEXED_TEXT, c.indexedText()));
        doc.add(new StoredField(CLAUSE_TEXT, clause.text()));
        doc.add(new StoredField(LABEL, clause.label()));
        clause.path().forEach(p -> doc.add(new StoredField(PATH, p)));
        clause.markers().forEach(p -> doc.add(new StoredField(MARKERS, p)));
        clause.responsibleUnits().lead().forEach(u -> doc.add(new StoredField(LEAD, u)));
        clause.responsibleUnits().cooperating().forEach(u -> doc.add(new StoredField(COOPERATING, u)));
        doc.add(new StoredField(PART, clause.part()));
        doc.add(new KnnFloatVectorField(VECTOR, c.vector(), VectorSimilarityFunction.COSINE));
        doc.add(new StoredField(SOURCE, d.source()));
        addMetadata(doc, d.metadata());
        return doc;
    }

    static Clause toClause(Document d) {
        return new Clause(List.of(d.getValues(PATH)), List.of(d.getValues(MARKERS)), d.get(LABEL), d.get(CLAUSE_TEXT),
                new ResponsibleUnits(List.of(d.getValues(LEAD)), List.of(d.getValues(COOPERATING))),
                d.getField(PART) == null ? 0 : d.getField(PART).numericValue().intValue());
    }

    static DocumentRecord toRecord(Document d) {
        PolicyMetadata m = new PolicyMetadata(d.get(TITLE), d.get(DOC_NUMBER), d.get(ISSUER), d.get(DATE),
                status(d.get(STATUS)));
        IndexableField count = d.getField(CLAUSE_COUNT);
        return new DocumentRecord(d.get(DOC_ID), d.get(SOURCE), d.get(CONTENT_HASH), m,
                count.numericValue().intValue(), Instant.parse(d.get(INGESTED_AT)));
    }

    static DocumentStatus status(String s) {
        return s == null ? DocumentStatus.NORMAL : DocumentStatus.valueOf(s);
    }

    static float[] vectorOf(List<LeafReaderContext> leaves, int doc) throws IOException {
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        FloatVectorValues values = leaf.reader().getFloatVectorValues(VECTOR);
        if (values == null) {
            return new float[0];
        }
        KnnVectorValues.DocIndexIterator it = values.iterator();
        if (it.advance(doc - leaf.docBase) != doc - leaf.docBase) {
            return new float[0];
        }
        return values.vectorValue(it.index()).clone();
    }

    static Query documentQuery(String documentId) {
        return new BooleanQuery.Builder()
                .add(ALL_DOCUMENTS, Occur.FILTER)
                .add(new TermQuery(new Term(DOC_ID, documentId)), Occur.FILTER)
                .build();
    }

    /** The clauses of one document. */
    static Query clausesQuery(String documentId) {
        return new BooleanQuery.Builder()
                .add(ALL_CLAUSES, Occur.FILTER)
                .add(new TermQuery(new Term(DOC_ID, documentId)), Occur.FILTER)
                .build();
    }

    /** The filter as a Lucene query over clause documents, or {@code null} for no restriction. */
    static Query filterQuery(ClauseFilter f) {
        if (f == null || f.isEmpty()) {
            return null;
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder().add(ALL_CLAUSES, Occur.FILTER);
        if (!f.documentIds().isEmpty()) {
            b.add(new TermInSetQuery(DOC_ID, f.documentIds().stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
        if (!f.issuers().isEmpty()) {
            b.add(new TermInSetQuery(ISSUER, f.issuers().stream().map(BytesRef::new).toList()), Occur.FILTER);
        }
        if (f.dateFrom() != null || f.dateTo() != null) {
            b.add(TermRangeQuery.newStringRange(DATE, f.dateFrom(), f.dateTo(), true, true), Occur.FILTER);
        }
        if (!f.includeDrafts()) {
            b.add(new TermQuery(new Term(STATUS, DocumentStatus.DRAFT.name())), Occur.MUST_NOT);
        }
        if (!f.excludedDocumentIds().isEmpty()) {
            b.add(new TermInSetQuery(DOC_ID, f.excludedDocumentIds().stream().map(BytesRef::new).toList()),
                    Occur.MUST_NOT);
        }
        return b.build();
    }
}
