package io.govassist.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

class LuceneIndexUpgradeTest {

    private static final String FIXTURE = "/fixtures/lucene-10.3.2-index/";
    private static final List<String> FILES = List.of("segments_3", "_0.si", "_0.cfe", "_0.cfs");

    @TempDir
    Path dir;

    @Test
    void an_index_written_by_the_previous_lucene_release_opens_searches_and_takes_new_documents() throws IOException {
        for (String f : FILES) {
            try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(FIXTURE + f), f)) {
                Files.copy(in, dir.resolve(f));
            }
        }
        DocumentRecord law;
        List<IndexedClause> clauses;
        try (LuceneClauseStore store = LuceneClauseStore.open(dir)) {
            assertThat(store.clauseCount()).isEqualTo(58);
            law = store.listDocuments().getFirst();
            assertThat(law.metadata().title()).contains("政府信息公开条例");
            clauses = store.clausesOf(law.id());
            assertThat(clauses).hasSize(58);

            List<SearchHit> lexical = store.search(new SearchQuery("依申请公开 答复期限 工作日", null, 5,
                    ClauseFilter.NONE, RetrievalMode.LEXICAL, 1, 1, 60, 100));
            assertThat(lexical).isNotEmpty().allMatch(h -> h.documentId().equals(law.id()));
            IndexedClause probe = clauses.get(20);
            List<SearchHit> dense = store.search(SearchQuery.hybrid(probe.clause().text(), probe.vector(), 3,
                    ClauseFilter.NONE));
            assertThat(dense.getFirst().clauseId()).isEqualTo(probe.id());

            // written with the current codec beside the old segment
            DocumentRecord copy = new DocumentRecord("copy-of-" + law.id(), "copy.md", law.contentHash(),
                    law.metadata(), clauses.size(), Instant.parse("2026-12-04T00:00:00Z"));
            store.replaceDocument(copy, clauses.stream().map(c -> new IndexedClause("copy-" + c.id(), c.ordinal(),
                    c.clause(), c.indexedText(), c.vector())).toList());
        }
        try (LuceneClauseStore reopened = LuceneClauseStore.open(dir)) {
            assertThat(reopened.clauseCount()).isEqualTo(116);
            assertThat(reopened.findDocument(law.id())).isPresent();
            assertThat(reopened.clausesOf("copy-of-" + law.id())).hasSize(58);
        }
    }
}
