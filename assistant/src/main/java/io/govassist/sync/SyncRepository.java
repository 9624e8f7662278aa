package io.govassist.sync;

import io.govassist.ingestion.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The rows of {@code sync_source}, {@code sync_run}, {@code sync_run_page} and {@code sync_page}. */
@Component
class SyncRepository {

    enum Trigger { MANUAL, SCHEDULED }

    enum RunStatus { RUNNING, SUCCEEDED, FAILED }

    /** What one run did with one page. */
    enum Outcome { INGESTED, UPDATED, UNCHANGED, NOT_MODIFIED, FAILED, BLOCKED, MISSING }

    /** Where a page stands after the latest run that looked at it. */
    enum PageStatus { OK, FAILED, BLOCKED, MISSING }

    record Run(String id, String sourceId, Trigger trigger, String startedBy, RunStatus status, Instant startedAt,
               Instant finishedAt, int linksFound, int listPages, boolean listComplete, String errorCode,
               String errorMessage) {
    }

    record RunPage(int seq, String url, Outcome outcome, Integer httpStatus, String documentId, String title,
                   String errorCode, String errorMessage) {
    }

    /** A page's state, carried from run to run. */
    record PageState(String url, String etag, String lastModified, String contentHash, String documentId,
                     String title, PageStatus status, String errorCode, String errorMessage, Instant lastSeenAt,
                     Instant fetchedAt, Instant changedAt, Instant missingSince) {
    }

    private final JdbcClient jdbc;
    private final Clock clock = Clock.systemUTC();

    SyncRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Instant now() {
        return clock.instant();
    }

    // ---- sources

    String createSource(String name, String listUrl, String linkPattern, int listPages, String schedule,
                        int delayMs, boolean enabled, String knowledgeBase, String admin) {
        String id = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(now());
        jdbc.sql("""
                        INSERT INTO sync_source (id, name, list_url, link_pattern, list_pages, schedule, delay_ms,
                                                 enabled, knowledge_base_id, created_by, created_at, updated_by,
                                                 updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, name, listUrl, linkPattern, listPages, schedule, delayMs, enabled, knowledgeBase, admin,
                        now, admin, now)
                .update();
        return id;
    }

    boolean updateSource(String id, String name, String listUrl, String linkPattern, int listPages, String schedule,
                         int delayMs, boolean enabled, String knowledgeBase, String admin) {
        return jdbc.sql("""
                        UPDATE sync_source SET name = ?, list_url = ?, link_pattern = ?, list_pages = ?, schedule = ?,
                                               delay_ms = ?, enabled = ?, knowledge_base_id = ?, updated_by = ?,
                                               updated_at = ?
                        WHERE id = ?""")
                .params(name, listUrl, linkPattern, listPages, schedule, delayMs, enabled, knowledgeBase, admin,
                        Timestamp.from(now()), id)
                .update() == 1;
    }

    /** Deletes a source with its runs and page states (never its documents). */
    boolean deleteSource(String id) {
        return jdbc.sql("DELETE FROM sync_source WHERE id = ?").param(id).update() == 1;
    }

    Optional<SyncSource> findSource(String id) {
        return jdbc.sql("SELECT * FROM sync_source WHERE id = ?").param(id).query(SyncRepository::source).optional();
    }

    List<SyncSource> sources() {
        return jdbc.sql("SELECT * FROM sync_source ORDER BY created_at, id").query(SyncRepository::source).list();
    }

    private static SyncSource source(ResultSet rs, int row) throws SQLException {
        return new SyncSource(rs.getString("id"), rs.getString("name"), rs.getString("list_url"),
                rs.getString("link_pattern"), rs.getInt("list_pages"), rs.getString("schedule"), rs.getInt("delay_ms"),
                rs.getBoolean("enabled"), rs.getString("knowledge_base_id"), rs.getString("created_by"),
                instant(rs, "created_at"), rs.getString("updated_by"), instant(rs, "updated_at"));
    }

    // ---- runs

    /**
     * Starts a run unless one of the source is running already (one whose last heartbeat is before
     * {@code staleBefore} is taken as dead — its server stopped — and marked FAILED). Returns the new run's id.
     */
    Optional<String> startRun(String sourceId, Trigger trigger, String startedBy, Instant staleBefore) {
        jdbc.sql("""
                        UPDATE sync_run SET status = 'FAILED', finished_at = ?, error_code = 'INTERRUPTED',
                                            error_message = '同步中断（服务停止或重启）'
                        WHERE source_id = ? AND status = 'RUNNING' AND heartbeat_at < ?""")
                .params(Timestamp.from(now()), sourceId, Timestamp.from(staleBefore)).update();
        String id = UUID.randomUUID().toString();
        int inserted = jdbc.sql("""
                        INSERT INTO sync_run (id, source_id, trigger_kind, started_by, status, started_at,
                                              heartbeat_at, links_found)
                        SELECT ?, ?, ?, ?, 'RUNNING', ?, ?, 0 FROM sync_source s
                        WHERE s.id = ? AND NOT EXISTS (
                            SELECT 1 FROM sync_run r WHERE r.source_id = ? AND r.status = 'RUNNING')""")
                .params(id, sourceId, trigger.name(), startedBy, Timestamp.from(now()), Timestamp.from(now()),
                        sourceId, sourceId)
                .update();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    boolean running(String sourceId) {
        return jdbc.sql("SELECT COUNT(*) FROM sync_run WHERE source_id = ? AND status = 'RUNNING'")
                .param(sourceId).query(Integer.class).single() > 0;
    }

    /** Tells other replicas (and a restarted server) that the run is alive. */
    void heartbeat(String runId) {
        jdbc.sql("UPDATE sync_run SET heartbeat_at = ? WHERE id = ?").params(Timestamp.from(now()), runId).update();
    }

    void finishRun(String runId, RunStatus status, int linksFound, int listPages, boolean listComplete,
                   String errorCode, String errorMessage) {
        jdbc.sql("""
                        UPDATE sync_run SET status = ?, finished_at = ?, links_found = ?, list_pages = ?,
                                            list_complete = ?, error_code = ?, error_message = ?
                        WHERE id = ?""")
                .params(status.name(), Timestamp.from(now()), linksFound, listPages, listComplete, errorCode,
                        cut(errorMessage, 2000), runId)
                .update();
    }

    void addRunPage(String runId, RunPage page) {
        jdbc.sql("""
                        INSERT INTO sync_run_page (run_id, seq, url, outcome, http_status, document_id, title,
                                                   error_code, error_message)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(runId, page.seq(), cut(page.url(), 2000), page.outcome().name(), page.httpStatus(),
                        page.documentId(), cut(page.title(), 500), page.errorCode(), cut(page.errorMessage(), 2000))
                .update();
    }

    Optional<Run> findRun(String runId) {
        return jdbc.sql("SELECT * FROM sync_run WHERE id = ?").param(runId).query(SyncRepository::run).optional();
    }

    List<Run> runs(String sourceId, int limit) {
        return jdbc.sql("SELECT * FROM sync_run WHERE source_id = ? ORDER BY started_at DESC, id LIMIT ?")
                .params(sourceId, limit).query(SyncRepository::run).list();
    }

    List<RunPage> runPages(String runId) {
        return jdbc.sql("SELECT * FROM sync_run_page WHERE run_id = ? ORDER BY seq").param(runId)
                .query((rs, n) -> new RunPage(rs.getInt("seq"), rs.getString("url"),
                        Outcome.valueOf(rs.getString("outcome")), (Integer) rs.getObject("http_status"),
                        rs.getString("document_id"), rs.getString("title"), rs.getString("error_code"),
                        rs.getString("error_message")))
                .list();
    }

    Map<Outcome, Integer> outcomeCounts(String runId) {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        jdbc.sql("SELECT outcome, COUNT(*) AS n FROM sync_run_page WHERE run_id = ? GROUP BY outcome").param(runId)
                .query(rs -> {
                    counts.put(Outcome.valueOf(rs.getString("outcome")), rs.getInt("n"));
                });
        return counts;
    }

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(rs.getString("id"), rs.getString("source_id"), Trigger.valueOf(rs.getString("trigger_kind")),
                rs.getString("started_by"), RunStatus.valueOf(rs.getString("status")), instant(rs, "started_at"),
                instant(rs, "finished_at"), rs.getInt("links_found"), rs.getInt("list_pages"),
                rs.getBoolean("list_complete"), rs.getString("error_code"),
                rs.getString("error_message"));
    }

    // ---- page states

    /** The source's pages by URL, in URL order. */
    Map<String, PageState> pages(String sourceId) {
        Map<String, PageState> pages = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM sync_page WHERE source_id = ? ORDER BY url").param(sourceId)
                .query(rs -> {
                    PageState p = new PageState(rs.getString("url"), rs.getString("etag"),
                            rs.getString("last_modified"), rs.getString("content_hash"), rs.getString("document_id"),
                            rs.getString("title"), PageStatus.valueOf(rs.getString("status")),
                            rs.getString("error_code"), rs.getString("error_message"), instant(rs, "last_seen_at"),
                            instant(rs, "fetched_at"), instant(rs, "changed_at"), instant(rs, "missing_since"));
                    pages.put(p.url(), p);
                });
        return pages;
    }

    void savePage(String sourceId, PageState p) {
        String id = Ids.sha256(sourceId + "|" + p.url());
        Object[] values = {cut(p.etag(), 500), cut(p.lastModified(), 100), p.contentHash(), p.documentId(),
                cut(p.title(), 500), p.status().name(), p.errorCode(), cut(p.errorMessage(), 2000),
                ts(p.lastSeenAt()), ts(p.fetchedAt()), ts(p.changedAt()), ts(p.missingSince())};
        int updated = jdbc.sql("""
                        UPDATE sync_page SET etag = ?, last_modified = ?, content_hash = ?, document_id = ?, title = ?,
                                             status = ?, error_code = ?, error_message = ?, last_seen_at = ?,
                                             fetched_at = ?, changed_at = ?, missing_since = ?
                        WHERE id = ?""")
                .params(concat(values, id)).update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO sync_page (etag, last_modified, content_hash, document_id, title, status,
                                                   error_code, error_message, last_seen_at, fetched_at, changed_at,
                                                   missing_since, id, source_id, url)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(concat(concat(concat(values, id), sourceId), cut(p.url(), 2000))).update();
        }
    }

    private static Object[] concat(Object[] values, Object last) {
        Object[] all = java.util.Arrays.copyOf(values, values.length + 1);
        all[values.length] = last;
        return all;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
