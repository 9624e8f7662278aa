package io.govassist.sync;

import io.govassist.knowledge.KnowledgeBase;
import io.govassist.knowledge.KnowledgeBases;
import io.govassist.security.audit.AuditLog;
import io.govassist.sync.SyncRepository.Outcome;
import io.govassist.sync.SyncRepository.PageState;
import io.govassist.sync.SyncRepository.Run;
import io.govassist.sync.SyncRepository.RunPage;
import io.govassist.system.ApiError;
import io.govassist.system.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * 网站同步 for administrators ({@code /api/v1/admin/sync/**}): sources (create, list, read with their pages, edit,
 * delete), start a run now (it goes on in the background; the answer is its id), read runs with their per-page
 * results. Every change and run is audited (SYNC_SOURCE_CREATE, _UPDATE, _DELETE, SYNC_RUN_START; the run itself
 * records SYNC_RUN, SYNC_PAGE_INGEST, _UPDATE, _MISSING).
 */
@RestController
class SyncController {

    static final int MAX_NAME = 100;
    static final int MAX_URL = 2000;
    static final int MAX_PATTERN = 500;
    static final int MAX_DELAY_MS = 60_000;
    static final int MAX_LIST_PAGES = 50;
    static final int DEFAULT_DELAY_MS = 1000;
    static final int RUNS_LISTED = 20;
    private static final Pattern ID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final SyncRepository repository;
    private final SyncRuns runs;
    private final SyncProperties settings;
    private final AuditLog audit;
    private final KnowledgeBases knowledgeBases;

    SyncController(SyncRepository repository, SyncRuns runs, SyncProperties settings, AuditLog audit,
                   KnowledgeBases knowledgeBases) {
        this.repository = repository;
        this.runs = runs;
        this.settings = settings;
        this.audit = audit;
        this.knowledgeBases = knowledgeBases;
    }

    /**
     * A new or changed source; on update, what is left out keeps its value.
     *
     * @param listPages most list pages read per run, following 下一页 links (1–50, default 1)
     * @param schedule  interval ({@code 6h}, {@code 30m}, {@code 1d}) or 6-field cron; blank: only by hand
     * @param delayMs  least pause between two requests to the portal (0–60000 ms, default 1000)
     * @param knowledgeBase id of an existing knowledge base the synced pages are added to (unknown: 404
     *                      {@code KNOWLEDGE_BASE_NOT_FOUND}); blank or absent on create: none; blank on update: none
     *                      any more (pages already added stay in it)
     */
    record SourceRequest(String name, String listUrl, String linkPattern, Integer listPages, String schedule,
                         Integer delayMs, Boolean enabled, String knowledgeBase) {
    }

    record PageCounts(int total, int ok, int failed, int blocked, int missing) {
    }

    /**
     * @param listComplete false when the list had more pages than the source reads: pages not seen were then not
     *                     flagged as unlisted
     */
    record RunSummary(String id, String sourceId, String trigger, String startedBy, String status, Instant startedAt,
                      Instant finishedAt, int linksFound, int listPages, boolean listComplete,
                      Map<Outcome, Integer> counts, ApiError.Body error) {
    }

    /** @param knowledgeBase the knowledge base its pages are added to, or {@code null} */
    record SourceView(String id, String name, String listUrl, String linkPattern, int listPages, String schedule,
                      int delayMs, boolean enabled, String knowledgeBase, boolean running, String createdBy,
                      Instant createdAt, String updatedBy, Instant updatedAt, PageCounts pages, RunSummary lastRun) {
    }

    record SourceList(List<SourceView> sources) {
    }

    record SourceDetail(SourceView source, List<PageState> pages) {
    }

    record RunList(List<RunSummary> runs) {
    }

    record RunDetail(RunSummary run, List<RunPage> pages) {
    }

    @GetMapping("/api/v1/admin/sync/sources")
    SourceList list() {
        return new SourceList(repository.sources().stream().map(this::view).toList());
    }

    @GetMapping("/api/v1/admin/sync/sources/{id}")
    SourceDetail get(@PathVariable String id) {
        SyncSource source = existing(id);
        return new SourceDetail(view(source), List.copyOf(repository.pages(source.id()).values()));
    }

    @PostMapping("/api/v1/admin/sync/sources")
    ResponseEntity<SourceView> create(@RequestBody(required = false) SourceRequest request) {
        if (request == null) {
            throw ApiException.badRequest("INVALID_SYNC_SOURCE", "请求须包含 name、listUrl 和 linkPattern");
        }
        Valid v = validated(request.name(), request.listUrl(), request.linkPattern(),
                request.listPages() == null ? 1 : request.listPages(), request.schedule(),
                request.delayMs() == null ? DEFAULT_DELAY_MS : request.delayMs());
        boolean enabled = request.enabled() == null || request.enabled();
        String knowledgeBase = knowledgeBase(request.knowledgeBase());
        String id = repository.createSource(v.name, v.listUrl, v.linkPattern, v.listPages, v.schedule, v.delayMs,
                enabled, knowledgeBase, admin());
        audit.record("SYNC_SOURCE_CREATE", v.name + " (" + id.substring(0, 8) + ")", AuditLog.Outcome.SUCCESS,
                v.listUrl + (knowledgeBase == null ? "" : " knowledge base " + knowledgeBase));
        runs.reload();
        return ResponseEntity.status(HttpStatus.CREATED).body(view(existing(id)));
    }

    @PutMapping("/api/v1/admin/sync/sources/{id}")
    SourceView update(@PathVariable String id, @RequestBody(required = false) SourceRequest request) {
        SyncSource old = existing(id);
        if (request == null) {
            throw ApiException.badRequest("INVALID_SYNC_SOURCE", "请求体不能为空");
        }
        Valid v = validated(or(request.name(), old.name()), or(request.listUrl(), old.listUrl()),
                or(request.linkPattern(), old.linkPattern()),
                request.listPages() == null ? old.listPages() : request.listPages(),
                request.schedule() == null ? old.schedule() : request.schedule(),
                request.delayMs() == null ? old.delayMs() : request.delayMs());
        boolean enabled = request.enabled() == null ? old.enabled() : request.enabled();
        String knowledgeBase = request.knowledgeBase() == null ? old.knowledgeBase()
                : knowledgeBase(request.knowledgeBase());
        if (!repository.updateSource(id, v.name, v.listUrl, v.linkPattern, v.listPages, v.schedule, v.delayMs, enabled,
                knowledgeBase, admin())) {
            throw notFound(id);
        }
        audit.record("SYNC_SOURCE_UPDATE", v.name + " (" + id.substring(0, 8) + ")", AuditLog.Outcome.SUCCESS,
                v.listUrl + (enabled ? "" : " disabled") + (v.schedule == null ? "" : " schedule " + v.schedule)
                        + (knowledgeBase == null ? "" : " knowledge base " + knowledgeBase));
        runs.reload();
        return view(existing(id));
    }

    /** Deletes the source, its runs and page states; the documents it ingested stay in the library. */
    @DeleteMapping("/api/v1/admin/sync/sources/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        SyncSource source = existing(id);
        if (repository.running(id)) {
            throw new ApiException(HttpStatus.CONFLICT, "SYNC_RUNNING", "该来源正在同步，请等本次同步结束后再删除");
        }
        repository.deleteSource(id);
        audit.record("SYNC_SOURCE_DELETE", source.name() + " (" + id.substring(0, 8) + ")",
                AuditLog.Outcome.SUCCESS, source.listUrl());
        runs.reload();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/v1/admin/sync/sources/{id}/run")
    ResponseEntity<RunSummary> run(@PathVariable String id) {
        SyncSource source = existing(id);
        if (!source.enabled()) {
            throw new ApiException(HttpStatus.CONFLICT, "SYNC_SOURCE_DISABLED", "该来源已停用，请先启用再同步");
        }
        String runId = runs.start(source, SyncRepository.Trigger.MANUAL, admin()).orElseThrow(() -> {
            audit.record("SYNC_RUN_START", source.name() + " (" + id.substring(0, 8) + ")",
                    AuditLog.Outcome.FAILURE, "SYNC_RUNNING");
            return new ApiException(HttpStatus.CONFLICT, "SYNC_RUNNING", "该来源正在同步，请稍后查看结果");
        });
        audit.record("SYNC_RUN_START", source.name() + " (" + runId.substring(0, 8) + ")", AuditLog.Outcome.SUCCESS,
                source.listUrl());
        return ResponseEntity.accepted().body(summary(repository.findRun(runId).orElseThrow()));
    }

    @GetMapping("/api/v1/admin/sync/sources/{id}/runs")
    RunList runs(@PathVariable String id) {
        SyncSource source = existing(id);
        return new RunList(repository.runs(source.id(), RUNS_LISTED).stream().map(this::summary).toList());
    }

    @GetMapping("/api/v1/admin/sync/runs/{id}")
    RunDetail runDetail(@PathVariable("id") String runId) {
        if (!ID.matcher(runId).matches()) {
            throw ApiException.notFound("SYNC_RUN_NOT_FOUND", "未找到该次同步：" + runId);
        }
        Run run = repository.findRun(runId)
                .orElseThrow(() -> ApiException.notFound("SYNC_RUN_NOT_FOUND", "未找到该次同步：" + runId));
        return new RunDetail(summary(run), repository.runPages(runId));
    }

    private record Valid(String name, String listUrl, String linkPattern, int listPages, String schedule,
                         int delayMs) {
    }

    private Valid validated(String name, String listUrl, String linkPattern, int listPages, String schedule,
                            int delayMs) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME) {
            throw ApiException.badRequest("INVALID_NAME", "来源名称不能为空，最多 " + MAX_NAME + " 个字符");
        }
        String u = listUrl == null ? "" : listUrl.strip();
        URI uri;
        try {
            uri = new URI(u);
        } catch (java.net.URISyntaxException e) {
            uri = null;
        }
        if (u.isEmpty() || u.length() > MAX_URL || uri == null || !PageFetcher.webScheme(uri)
                || uri.getRawUserInfo() != null) {
            throw ApiException.badRequest("INVALID_URL", "列表页地址须为完整的 http 或 https 网址（最多 " + MAX_URL + " 个字符）");
        }
        String p = linkPattern == null ? "" : linkPattern.strip();
        if (p.isEmpty() || p.length() > MAX_PATTERN) {
            throw ApiException.badRequest("INVALID_PATTERN", "链接规则不能为空，最多 " + MAX_PATTERN + " 个字符");
        }
        try {
            Pattern.compile(p);
        } catch (PatternSyntaxException e) {
            throw ApiException.badRequest("INVALID_PATTERN", "链接规则不是有效的正则表达式：" + e.getDescription());
        }
        if (listPages < 1 || listPages > MAX_LIST_PAGES) {
            throw ApiException.badRequest("INVALID_LIST_PAGES", "列表页数须在 1 到 " + MAX_LIST_PAGES + " 之间");
        }
        Schedule parsed;
        try {
            parsed = Schedule.parse(schedule, settings.minInterval());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_SCHEDULE", e.getMessage());
        }
        if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
            throw ApiException.badRequest("INVALID_DELAY", "请求间隔须在 0 到 " + MAX_DELAY_MS + " 毫秒之间");
        }
        return new Valid(n, u, p, listPages, parsed == null ? null : parsed.text(), delayMs);
    }

    /**
     * The knowledge base a request names: {@code null} when blank; an existing one's id; otherwise 404
     * {@code KNOWLEDGE_BASE_NOT_FOUND}, as everywhere in the API (STAFF ones included: only admins configure sync).
     */
    private String knowledgeBase(String requested) {
        if (requested == null || requested.isBlank()) {
            return null;
        }
        String id = requested.strip();
        return knowledgeBases.find(id).map(KnowledgeBase::id)
                .orElseThrow(() -> ApiException.notFound("KNOWLEDGE_BASE_NOT_FOUND", "未找到该知识库：" + id));
    }

    private SourceView view(SyncSource s) {
        int ok = 0;
        int failed = 0;
        int blocked = 0;
        int missing = 0;
        Map<String, PageState> pages = repository.pages(s.id());
        for (PageState p : pages.values()) {
            switch (p.status()) {
                case OK -> ok++;
                case FAILED -> failed++;
                case BLOCKED -> blocked++;
                case MISSING -> missing++;
            }
        }
        RunSummary last = repository.runs(s.id(), 1).stream().findFirst().map(this::summary).orElse(null);
        return new SourceView(s.id(), s.name(), s.listUrl(), s.linkPattern(), s.listPages(), s.schedule(), s.delayMs(),
                s.enabled(), s.knowledgeBase(),
                last != null && "RUNNING".equals(last.status()), s.createdBy(), s.createdAt(), s.updatedBy(),
                s.updatedAt(), new PageCounts(pages.size(), ok, failed, blocked, missing), last);
    }

    private RunSummary summary(Run r) {
        Map<Outcome, Integer> counts = new EnumMap<>(repository.outcomeCounts(r.id()));
        return new RunSummary(r.id(), r.sourceId(), r.trigger().name(), r.startedBy(), r.status().name(),
                r.startedAt(), r.finishedAt(), r.linksFound(), r.listPages(), r.listComplete(), counts,
                r.errorCode() == null ? null : new ApiError.Body(r.errorCode(), r.errorMessage()));
    }

    private SyncSource existing(String id) {
        if (!ID.matcher(id).matches()) {
            throw notFound(id);
        }
        return repository.findSource(id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("SYNC_SOURCE_NOT_FOUND", "未找到该同步来源：" + id);
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String admin() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "anonymous" : auth.getName();
    }
}
