package io.govassist.store;

import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded store on a disk that fills up ({@link FullDiskDirectory}: writes fail with "No space left on device"
 * after a number of bytes): the write is refused with {@link StorageFullException}, what was committed before stays
 * searchable, the index stays clean for Lucene's {@link CheckIndex}, and once space is freed writes work again
 * without a restart.
 */
class LuceneClauseStoreDiskFullTest {

    @TempDir
    Path tempDir;

    private PolicyFixtures fx;
    private FullDiskDirectory disk;
    private LuceneClauseStore store;

    @BeforeEach
    void open() {
        fx = PolicyFixtures.get();
        store = LuceneClauseStore.open(tempDir, LexicalAnalyzer.DEFAULT, d -> disk = new FullDiskDirectory(d));
        store.bindEmbeddingSpace(fx.space());
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void a_write_on_a_full_disk_is_refused_and_the_committed_documents_stay_searchable() throws IOException {
        store.replaceDocument(fx.law.record(), fx.law.clauses());
        // fails at different points of the write: creating the first file, inside a segment, writing segments_N
        for (long free : new long[] {0, 1, 500, 5_000, 50_000}) {
            disk.setFreeBytes(free);
            assertThatThrownBy(() -> store.replaceDocument(fx.plan.record(), fx.plan.clauses()))
                    .as("%d bytes free", free)
                    .isInstanceOf(StorageFullException.class)
                    .hasMessageContaining("no space left");

            assertThat(store.findDocument(fx.plan.id())).as("%d bytes free", free).isEmpty();
            assertThat(store.clauseCount()).isEqualTo(fx.law.clauses().size());
            assertThat(store.search(hybrid("申请政府信息公开要收费吗")).getFirst().documentId()).isEqualTo(fx.law.id());
        }
        disk.unlimited();
        store.close();
        assertClean();
        store = reopen();
        assertThat(store.listDocuments()).extracting(DocumentRecord::id).containsExactly(fx.law.id());
        assertThat(store.clauseCount()).isEqualTo(fx.law.clauses().size());
    }

    @Test
    void after_space_is_freed_the_refused_document_is_stored_without_a_restart() throws IOException {
        store.replaceDocument(fx.law.record(), fx.law.clauses());
        disk.setFreeBytes(5_000);
        assertThatThrownBy(() -> store.replaceDocument(fx.plan.record(), fx.plan.clauses()))
                .isInstanceOf(StorageFullException.class);

        disk.unlimited();
        store.replaceDocument(fx.plan.record(), fx.plan.clauses());

        assertThat(store.clauseCount()).isEqualTo(fx.law.clauses().size() + fx.plan.clauses().size());
        assertThat(store.search(hybrid("政务服务智能化要建设哪些系统")).getFirst().documentId()).isEqualTo(fx.plan.id());
        store.close();
        assertClean();
        store = reopen();
        assertThat(store.clauseCount()).as("durable").isEqualTo(fx.law.clauses().size() + fx.plan.clauses().size());
    }

    @Test
    void a_bulk_session_that_cannot_commit_stores_none_of_its_documents() throws IOException {
        store.replaceDocument(fx.law.record(), fx.law.clauses());
        LuceneClauseStore.Bulk bulk = store.beginBulk();
        store.deleteDocument(fx.law.id());
        store.replaceDocument(fx.plan.record(), fx.plan.clauses());
        disk.setFreeBytes(20_000);

        assertThatThrownBy(bulk::close).isInstanceOf(StorageFullException.class);

        assertThat(store.listDocuments()).extracting(DocumentRecord::id).as("the last commit")
                .containsExactly(fx.law.id());
        assertThat(store.clauseCount()).isEqualTo(fx.law.clauses().size());
        disk.unlimited();
        store.replaceDocument(fx.plan.record(), fx.plan.clauses());
        assertThat(store.listDocuments()).hasSize(2);
        store.close();
        assertClean();
        store = reopen();
        assertThat(store.listDocuments()).hasSize(2);
    }

    @Test
    void a_rollback_during_a_bulk_session_is_reported_when_the_session_ends() {
        LuceneClauseStore.Bulk bulk = store.beginBulk();
        store.replaceDocument(fx.law.record(), fx.law.clauses());
        disk.setFreeBytes(0);
        assertThatThrownBy(store::flush).isInstanceOf(StorageFullException.class);
        disk.unlimited();
        store.replaceDocument(fx.plan.record(), fx.plan.clauses());

        assertThatThrownBy(bulk::close).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ingested again");
        assertThat(store.listDocuments()).extracting(DocumentRecord::id).as("only what was written after the rollback")
                .containsExactly(fx.plan.id());
    }

    private SearchQuery hybrid(String question) {
        return SearchQuery.hybrid(question, fx.queryVector(question), 5, ClauseFilter.NONE);
    }

    private LuceneClauseStore reopen() {
        LuceneClauseStore reopened = LuceneClauseStore.open(tempDir, LexicalAnalyzer.DEFAULT);
        reopened.bindEmbeddingSpace(fx.space());
        return reopened;
    }

    private void assertClean() throws IOException {
        store = null;
        try (Directory dir = FSDirectory.open(tempDir); CheckIndex check = new CheckIndex(dir)) {
            CheckIndex.Status status = check.checkIndex();
            assertThat(status.clean).as("CheckIndex").isTrue();
        }
    }
}
