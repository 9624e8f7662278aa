package io.govassist.chat;

import io.govassist.ingestion.DocumentStatus;
import io.govassist.ingestion.PolicyMetadata;
import io.govassist.store.ClauseFilter;
import io.govassist.store.DocumentRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Clauses carried over from the previous turn obey the request's filter like retrieved ones. */
class ConversationClauseRetrieverTest {

    static final DocumentRecord PLAN = document("plan", "四川省人民政府办公厅", "2025-10-01", DocumentStatus.DRAFT);
    static final DocumentRecord LAW = document("law", "国务院", "2019-04-03", DocumentStatus.NORMAL);
    static final DocumentRecord UNDATED = document("undated", null, null, DocumentStatus.NORMAL);

    @Test
    void no_filter_admits_everything() {
        assertThat(List.of(PLAN, LAW, UNDATED)).allMatch(d -> ConversationClauseRetriever.admits(ClauseFilter.NONE, d));
    }

    @Test
    void an_excluded_document_is_never_carried_over() {
        ClauseFilter staffOnlyOut = ClauseFilter.NONE.excluding(List.of("law"));
        assertThat(ConversationClauseRetriever.admits(staffOnlyOut, LAW)).isFalse();
        assertThat(ConversationClauseRetriever.admits(staffOnlyOut, PLAN)).isTrue();
    }

    @Test
    void each_criterion_must_hold() {
        assertThat(ConversationClauseRetriever.admits(ClauseFilter.documents(List.of("law")), LAW)).isTrue();
        assertThat(ConversationClauseRetriever.admits(ClauseFilter.documents(List.of("law")), PLAN)).isFalse();
        ClauseFilter issuer = new ClauseFilter(List.of(), List.of("国务院"), null, null, true);
        assertThat(ConversationClauseRetriever.admits(issuer, LAW)).isTrue();
        assertThat(ConversationClauseRetriever.admits(issuer, PLAN)).isFalse();
        assertThat(ConversationClauseRetriever.admits(issuer, UNDATED)).isFalse();
        ClauseFilter dates = new ClauseFilter(List.of(), List.of(), "2019-04-03", "2019-12-31", true);
        assertThat(ConversationClauseRetriever.admits(dates, LAW)).as("inclusive").isTrue();
        assertThat(ConversationClauseRetriever.admits(dates, PLAN)).isFalse();
        assertThat(ConversationClauseRetriever.admits(dates, UNDATED)).as("undated documents have no date in range").isFalse();
        ClauseFilter noDrafts = new ClauseFilter(List.of(), List.of(), null, null, false);
        assertThat(ConversationClauseRetriever.admits(noDrafts, PLAN)).isFalse();
        assertThat(ConversationClauseRetriever.admits(noDrafts, LAW)).isTrue();
    }

    private static DocumentRecord document(String id, String issuer, String date, DocumentStatus status) {
        return new DocumentRecord(id, id + ".txt", "hash", new PolicyMetadata("文件" + id, null, issuer, date, status), 3,
                Instant.EPOCH);
    }
}
