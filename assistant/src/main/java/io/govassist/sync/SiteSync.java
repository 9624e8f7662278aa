package io.govassist.sync;

import io.govassist.documents.OriginalDocuments;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.ingestion.Ids;
import io.govassist.knowledge.KnowledgeBases;
import io.govassist.security.audit.AuditLog;
import io.govassist.store.ClauseStore;
import io.govassist.sync.SyncRepository.Outcome;
import io.govassist.sync.SyncRepository.PageState;
import io.govassist.sync.SyncRepository.PageStatus;
import io.govassist.sync.SyncRepository.RunPage;
import io.govassist.sync.SyncRepository.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One run of one source: robots.txt, the list page, then each linked page — conditional GET, content hash, ingest
 * when new or changed — and the pages that left the list flagged MISSING. A page's error is recorded as its result
 * and the run goes on; only a list page (or robots.txt) that cannot be read fails the run, and then nothing is
 * flagged. The document of every page the run leaves in the library (ingested, updated, unchanged, not modified) is
 * added to the source's knowledge base, if it names one — so naming one later takes in the pages synced before at the
 * next run. Never throws.
 */
final class SiteSync {

    private static final Logger log = LoggerFactory.getLogger(SiteSync.class);
    /** Outcomes after which the page's document is in the library. */
    private static final Set<Outcome> IN_LIBRARY = EnumSet.of(Outcome.INGESTED, Outcome.UPDATED, Outcome.UNCHANGED,
            Outcome.NOT_MODIFIED);

    private final SyncRepository repository;
    private final PageFetcher fetcher;
    private final IngestionPipeline pipeline;
    private final ClauseStore store;
    private final OriginalDocuments originals;
    private final AuditLog audit;
    private final SyncProperties settings;
    private final KnowledgeBases knowledgeBases;

    SiteSync(SyncRepository repository, PageFetcher fetcher, IngestionPipeline pipeline, ClauseStore store,
             OriginalDocuments originals, AuditLog audit, SyncProperties settings, KnowledgeBases knowledgeBases) {
        this.repository = repository;
        this.fetcher = fetcher;
        this.pipeline = pipeline;
        this.store = store;
        this.originals = originals;
        this.audit = audit;
        this.settings = settings;
        this.knowledgeBases = knowledgeBases;
    }

    /** Waits between requests to the portal so that two never start closer than the source's delay. */
    private static final class Pacer {
        private final long delayNanos;
        private long last = Long.MIN_VALUE;

        Pacer(int delayMs) {
            this.delayNanos = delayMs * 1_000_000L;
        }

        void await() throws InterruptedException {
            if (last != Long.MIN_VALUE) {
                long wait = last + delayNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L, (int) (wait % 1_000_000L));
                }
            }
            last = System.nanoTime();
        }
    }

    private static final class RunFailure extends Exception {
        private final String code;

        RunFailure(String code, String message) {
            super(message);
            this.code = code;
        }
    }

    /** Executes a started run; {@code actor} is audited (the admin who started it, or system). */
    void execute(SyncSource source, String runId, String actor) {
        int linksFound = 0;
        int listPages = 0;
        boolean listComplete = true;
        RunStatus status = RunStatus.SUCCEEDED;
        String errorCode = null;
        String errorMessage = null;
        int[] seq = {0};
        String knowledgeBase = source.knowledgeBase();
        try {
            URI list = URI.create(source.listUrl());
            Pattern pattern = Pattern.compile(source.linkPattern());
            Pacer pacer = new Pacer(source.delayMs());
            RobotsRules robots = robots(list, pacer);
            if (!robots.allows(list)) {
                throw new RunFailure("LIST_BLOCKED", "robots.txt 不允许抓取列表页：" + list);
            }
            ListScan scan = scanList(source, list, pattern, robots, pacer);
            List<URI> links = scan.links();
            linksFound = links.size();
            listPages = scan.pages();
            listComplete = scan.complete();
            Map<String, PageState> known = repository.pages(source.id());
            if (links.isEmpty()) {
                throw new RunFailure("NO_LINKS", "列表页中没有与链接规则匹配的链接（网站改版或规则有误？），本次未标记任何页面");
            }
            Set<String> listed = new HashSet<>();
            for (URI link : links) {
                listed.add(link.toString());
            }
            for (URI link : links.subList(0, Math.min(links.size(), settings.maxPagesPerRun()))) {
                PageState state = known.get(link.toString());
                RunPage result;
                try {
                    result = syncPage(source, link, state, robots, pacer, ++seq[0], actor);
                } catch (RuntimeException e) {
                    log.warn("Site sync of {} failed", link, e);
                    result = new RunPage(seq[0], link.toString(), Outcome.FAILED, null,
                            state == null ? null : state.documentId(), null, "INTERNAL_ERROR",
                            "处理该网页时出错：" + e.getClass().getSimpleName());
                    repository.savePage(source.id(), failed(state, link.toString(), result, repository.now()));
                }
                repository.addRunPage(runId, result);
                knowledgeBase = addToKnowledgeBase(source, knowledgeBase, result);
                repository.heartbeat(runId);
            }
            // Only a list read to its end tells which pages left it; older pages of a longer list were not seen.
            for (PageState gone : listComplete ? known.values() : List.<PageState>of()) {
                if (!listed.contains(gone.url()) && gone.status() != PageStatus.MISSING) {
                    flagMissing(source, runId, gone, ++seq[0], null, "已不在列表页中", actor);
                }
            }
        } catch (RunFailure e) {
            status = RunStatus.FAILED;
            errorCode = e.code;
            errorMessage = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = RunStatus.FAILED;
            errorCode = "INTERRUPTED";
            errorMessage = "同步中断（服务停止）";
        } catch (RuntimeException e) {
            log.error("Site sync run {} of source {} failed", runId, source.id(), e);
            status = RunStatus.FAILED;
            errorCode = "SYNC_FAILED";
            errorMessage = "同步出错：" + e.getClass().getSimpleName();
        }
        try {
            repository.finishRun(runId, status, linksFound, listPages, listComplete, errorCode, errorMessage);
            Map<Outcome, Integer> counts = repository.outcomeCounts(runId);
            audit.record(actor, "SYNC_RUN", source.name() + " (" + runId.substring(0, 8) + ")",
                    status == RunStatus.SUCCEEDED ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE,
                    errorCode != null ? errorCode + " " + errorMessage : counts.toString());
        } catch (RuntimeException e) {
            log.error("Cannot record the end of site sync run {}", runId, e);
        }
    }

    /**
     * Adds the page's document to the knowledge base when the page is in the library; returns the knowledge base to
     * use for the next pages: {@code null} once it has gone (deleted during the run — the source's own setting is
     * cleared with it).
     */
    private String addToKnowledgeBase(SyncSource source, String knowledgeBase, RunPage result) {
        if (knowledgeBase == null || result.documentId() == null || !IN_LIBRARY.contains(result.outcome())) {
            return knowledgeBase;
        }
        try {
            knowledgeBases.addDocument(knowledgeBase, result.documentId());
            return knowledgeBase;
        } catch (DataAccessException e) {
            log.warn("Knowledge base {} of site sync source {} is gone; this run adds no more pages to it: {}",
                    knowledgeBase, source.id(), e.toString());
            return null;
        }
    }

    /** The document links of the list, and whether it was read to its last page. */
    private record ListScan(List<URI> links, int pages, boolean complete) {
    }

    /**
     * Reads the list page and, up to the source's limit, the pages its 下一页 links lead to. A list page that cannot be
     * read fails the run (before any document page is fetched, so nothing is flagged on a partial list).
     */
    private ListScan scanList(SyncSource source, URI first, Pattern pattern, RobotsRules robots, Pacer pacer)
            throws RunFailure, InterruptedException {
        Set<URI> links = new LinkedHashSet<>();
        Set<URI> visited = new HashSet<>();
        URI current = first;
        int read = 0;
        while (current != null) {
            if (read == source.listPages() || !robots.allows(current)) {
                return new ListScan(new ArrayList<>(links), read, false);
            }
            visited.add(current);
            pacer.await();
            PageFetcher.Response page;
            try {
                page = fetcher.get(current, null, null);
            } catch (PageFetcher.FetchException e) {
                throw new RunFailure(e.code(), "列表页无法读取：" + e.getMessage());
            }
            if (page.status() != 200) {
                throw new RunFailure("LIST_UNAVAILABLE", "列表页返回 HTTP " + page.status() + "：" + current);
            }
            read++;
            links.addAll(ListLinks.extract(page.body(), page.uri(), pattern));
            URI next = ListLinks.nextPage(page.body(), page.uri());
            current = next == null || visited.contains(next) ? null : next;
        }
        return new ListScan(new ArrayList<>(links), read, true);
    }

    private RobotsRules robots(URI list, Pacer pacer) throws RunFailure, InterruptedException {
        URI robots = list.resolve("/robots.txt");
        pacer.await();
        PageFetcher.Response response;
        try {
            response = fetcher.get(robots, null, null);
        } catch (PageFetcher.FetchException e) {
            throw new RunFailure("ROBOTS_UNAVAILABLE", "无法读取 robots.txt，按规范暂不抓取：" + e.getMessage());
        }
        if (response.status() == 200) {
            return RobotsRules.parse(new String(response.body(), StandardCharsets.UTF_8), settings.robotsToken());
        }
        if (response.status() >= 400 && response.status() < 500) {
            return RobotsRules.ALLOW_ALL;
        }
        throw new RunFailure("ROBOTS_UNAVAILABLE",
                "robots.txt 返回 HTTP " + response.status() + "，按规范暂不抓取该网站");
    }

    private RunPage syncPage(SyncSource source, URI link, PageState state, RobotsRules robots, Pacer pacer, int seq,
                             String actor) throws InterruptedException {
        String url = link.toString();
        Instant now = repository.now();
        String documentId = state == null ? null : state.documentId();
        if (!robots.allows(link)) {
            RunPage result = new RunPage(seq, url, Outcome.BLOCKED, null, documentId, null, "ROBOTS_DISALLOWED",
                    "robots.txt 不允许抓取该网页");
            repository.savePage(source.id(), new PageState(url, state == null ? null : state.etag(),
                    state == null ? null : state.lastModified(), state == null ? null : state.contentHash(),
                    documentId, state == null ? null : state.title(), PageStatus.BLOCKED, result.errorCode(),
                    result.errorMessage(), now, state == null ? null : state.fetchedAt(),
                    state == null ? null : state.changedAt(), null));
            return result;
        }
        // Validators only while the document is still in the store: one deleted by staff is fetched in full again.
        boolean stored = documentId != null && store.findDocument(documentId).isPresent();
        pacer.await();
        PageFetcher.Response response;
        try {
            response = fetcher.get(link, stored ? state.etag() : null, stored ? state.lastModified() : null);
        } catch (PageFetcher.FetchException e) {
            RunPage result = new RunPage(seq, url, Outcome.FAILED, null, documentId, null, e.code(), e.getMessage());
            repository.savePage(source.id(), failed(state, url, result, now));
            return result;
        }
        int http = response.status();
        if (http == 304 && stored) {
            repository.savePage(source.id(), new PageState(url, keep(response.etag(), state.etag()),
                    keep(response.lastModified(), state.lastModified()), state.contentHash(), documentId,
                    state.title(), PageStatus.OK, null, null, now, now, state.changedAt(), null));
            return new RunPage(seq, url, Outcome.NOT_MODIFIED, http, documentId, state.title(), null, null);
        }
        if (http == 404 || http == 410) {
            return flagMissing(source, null, state == null ? new PageState(url, null, null, null, null, null,
                            PageStatus.FAILED, null, null, now, null, null, null) : state, seq, http,
                    "网页已不存在（HTTP " + http + "）", actor);
        }
        if (http != 200) {
            RunPage result = new RunPage(seq, url, Outcome.FAILED, http, documentId, null, "HTTP_" + http,
                    "网页返回 HTTP " + http);
            repository.savePage(source.id(), failed(state, url, result, now));
            return result;
        }
        byte[] body = response.body();
        String hash = Ids.sha256(body);
        if (stored && hash.equals(state.contentHash())) {
            repository.savePage(source.id(), new PageState(url, response.etag(), response.lastModified(), hash,
                    documentId, state.title(), PageStatus.OK, null, null, now, now, state.changedAt(), null));
            return new RunPage(seq, url, Outcome.UNCHANGED, http, documentId, state.title(), null, null);
        }
        IngestResult ingested = pipeline.ingest(url, body);
        if (ingested.failed()) {
            RunPage result = new RunPage(seq, url, Outcome.FAILED, http, documentId, null, ingested.errorCode(),
                    ingested.message());
            repository.savePage(source.id(), failed(state, url, result, now));
            audit.record(actor, "SYNC_PAGE_INGEST", url, AuditLog.Outcome.FAILURE, ingested.errorCode());
            return result;
        }
        try {
            originals.save(ingested.documentId(), url, body);
        } catch (RuntimeException e) {
            log.warn("Cannot keep the original of {} for re-ingesting: {}", url, e.toString());
        }
        Outcome outcome = switch (ingested.status()) {
            case INGESTED -> Outcome.INGESTED;
            case UPDATED -> Outcome.UPDATED;
            default -> Outcome.UNCHANGED;
        };
        repository.savePage(source.id(), new PageState(url, response.etag(), response.lastModified(), hash,
                ingested.documentId(), ingested.title(), PageStatus.OK, null, null, now, now,
                outcome == Outcome.UNCHANGED && state != null ? state.changedAt() : now, null));
        if (outcome != Outcome.UNCHANGED) {
            audit.record(actor, outcome == Outcome.INGESTED ? "SYNC_PAGE_INGEST" : "SYNC_PAGE_UPDATE",
                    url + " (" + ingested.documentId() + ")", AuditLog.Outcome.SUCCESS, ingested.clauses() + " clauses");
        }
        return new RunPage(seq, url, outcome, http, ingested.documentId(), ingested.title(), null, null);
    }

    /**
     * Flags a page whose listing or page disappeared; its document stays in the store (staff decide). Recorded in
     * the run when {@code runId} is given, else returned for the caller to record.
     */
    private RunPage flagMissing(SyncSource source, String runId, PageState state, int seq, Integer http,
                                String reason, String actor) {
        Instant now = repository.now();
        boolean first = state.status() != PageStatus.MISSING;
        repository.savePage(source.id(), new PageState(state.url(), state.etag(), state.lastModified(),
                state.contentHash(), state.documentId(), state.title(), PageStatus.MISSING, http == null
                ? "NOT_LISTED" : "HTTP_" + http, reason, http == null ? state.lastSeenAt() : now,
                http == null ? state.fetchedAt() : now, state.changedAt(),
                state.missingSince() != null ? state.missingSince() : now));
        RunPage result = new RunPage(seq, state.url(), Outcome.MISSING, http, state.documentId(), state.title(),
                http == null ? "NOT_LISTED" : "HTTP_" + http, reason
                        + (state.documentId() == null ? "" : "；文件仍保留在文件库中，请工作人员确认是否删除"));
        if (runId != null) {
            repository.addRunPage(runId, result);
        }
        if (first) {
            audit.record(actor, "SYNC_PAGE_MISSING", state.url()
                    + (state.documentId() == null ? "" : " (" + state.documentId() + ")"), AuditLog.Outcome.SUCCESS,
                    reason);
        }
        return result;
    }

    private static PageState failed(PageState state, String url, RunPage result, Instant now) {
        return new PageState(url, state == null ? null : state.etag(), state == null ? null : state.lastModified(),
                state == null ? null : state.contentHash(), state == null ? null : state.documentId(),
                state == null ? null : state.title(), PageStatus.FAILED, result.errorCode(), result.errorMessage(),
                now, now, state == null ? null : state.changedAt(), null);
    }

    private static String keep(String fresh, String old) {
        return fresh != null ? fresh : old;
    }
}
