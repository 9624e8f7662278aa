package io.govassist.store;

import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.NoLockFactory;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static io.govassist.store.LuceneDocuments.ALL_CLAUSES;
import static io.govassist.store.LuceneDocuments.ALL_DOCUMENTS;
import static io.govassist.store.LuceneDocuments.DOC_ID;

/** The checks of {@link LuceneClauseStore#verify()}: Lucene's {@link CheckIndex}, then documents against clauses. */
final class LuceneIndexCheck {

    /** {@link CheckIndex}'s verdict on the last commit. */
    record CommitCheck(boolean clean, String message) {
    }

    private LuceneIndexCheck() {
    }

    static CommitCheck checkCommit(Directory directory) {
        boolean clean;
        String message;
        try (CheckIndex check = new CheckIndex(directory, NoLockFactory.INSTANCE.obtainLock(directory, "check"))) {
            CheckIndex.Status status = check.checkIndex();
            clean = status.clean;
            message = status.clean ? "clean" : status.numBadSegments + " bad segments of " + status.numSegments
                    + (status.missingSegments ? ", segments missing" : "");
        } catch (IOException | RuntimeException e) {
            clean = false;
            message = e.toString();
        }
        return new CommitCheck(clean, message);
    }

    /** Whether every document record has exactly its clauses in the snapshot {@code s}. */
    static LuceneClauseStore.Verification verify(IndexSearcher s, CommitCheck commit) throws IOException {
        List<String> incomplete = new ArrayList<>();
        List<String> orphans = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        Terms ids = MultiTerms.getTerms(s.getIndexReader(), DOC_ID);
        if (ids != null) {
            TermsEnum it = ids.iterator();
            for (BytesRef term = it.next(); term != null; term = it.next()) {
                String id = term.utf8ToString();
                int records = s.count(LuceneDocuments.documentQuery(id));
                int clauses = s.count(LuceneDocuments.clausesQuery(id));
                if (records == 0) {
                    if (clauses > 0) {
                        orphans.add(id);
                    }
                    continue;
                }
                if (records > 1) {
                    duplicates.add(id);
                }
                TopDocs top = s.search(LuceneDocuments.documentQuery(id), 1);
                int recorded = LuceneDocuments.toRecord(s.storedFields().document(top.scoreDocs[0].doc)).clauseCount();
                if (recorded != clauses) {
                    incomplete.add(id);
                }
            }
        }
        return new LuceneClauseStore.Verification(commit.clean(), commit.message(), s.count(ALL_DOCUMENTS),
                s.count(ALL_CLAUSES), incomplete, orphans, duplicates);
    }
}
