package io.govassist.documents;

import io.govassist.ingestion.DocumentParseException;
import io.govassist.ingestion.IngestResult;
import io.govassist.ingestion.IngestionPipeline;
import io.govassist.ingestion.Ids;
import io.govassist.ingestion.ParsedPolicy;
import io.govassist.ingestion.PolicyReader;
import io.govassist.knowledge.KnowledgeBases;
import io.govassist.security.audit.AuditLog;
import io.govassist.store.ClauseStore;
import io.govassist.store.DocumentRecord;
import io.govassist.store.IndexedClause;
import io.govassist.system.ApiError;
import io.govassist.system.ApiException;
import io.govassist.system.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The policy documents: list, view as a clause tree, upload (admin), re-ingest (admin), delete (admin). */
@RestController
@RequestMapping("/api/v1/documents")
class DocumentController {

    private static final Logger log = LoggerFactory.getLogger(DocumentController.class);

    private final ClauseStore store;
    private final IngestionPipeline pipeline;
    private final PolicyReader reader;
    private final OriginalDocuments originals;
    private final AuditLog audit;
    private final KnowledgeBases knowledgeBases;

    DocumentController(ClauseStore store, IngestionPipeline pipeline, PolicyReader reader, OriginalDocuments originals,
                       AuditLog audit, KnowledgeBases knowledgeBases) {
        this.store = store;
        this.pipeline = pipeline;
        this.reader = reader;
        this.originals = originals;
        this.audit = audit;
        this.knowledgeBases = knowledgeBases;
    }

    /** @param knowledgeBases ids of the knowledge bases the document belongs to */
    record DocumentSummary(String id, String source, String title, String docNumber, String issuer, String date,
                           String status, int clauseCount, Instant ingestedAt, List<String> knowledgeBases) {

        static DocumentSummary of(DocumentRecord d, List<String> knowledgeBases) {
            var m = d.metadata();
            return new DocumentSummary(d.id(), d.source(), m.title(), m.docNumber(), m.issuer(), m.date(),
                    m.status().name(), d.clauseCount(), d.ingestedAt(), knowledgeBases);
        }
    }

    record DocumentList(List<DocumentSummary> documents) {
    }

    record DocumentDetail(DocumentSummary document, ClauseTree.Node tree) {
    }

    record UploadResult(String fileName, String documentId, String status, int clauses, String title,
                        ApiError.Body error) {

        static UploadResult of(IngestResult r) {
            return new UploadResult(r.source(), r.documentId(), r.status().name(), r.clauses(), r.title(),
                    r.failed() ? new ApiError.Body(r.errorCode(), r.message()) : null);
        }
    }

    record UploadResponse(List<UploadResult> results) {
    }

    @GetMapping
    DocumentList list() {
        Map<String, Set<String>> memberships = knowledgeBases.memberships();
        return new DocumentList(store.listDocuments().stream().map(d -> DocumentSummary.of(d,
                List.copyOf(memberships.getOrDefault(d.id(), Set.of(KnowledgeBases.DEFAULT))))).toList());
    }

    @GetMapping("/{id}")
    DocumentDetail get(@PathVariable String id) {
        DocumentRecord document = store.findDocument(id)
                .orElseThrow(() -> ApiException.notFound("DOCUMENT_NOT_FOUND", "未找到该文件：" + id));
        return new DocumentDetail(DocumentSummary.of(document, knowledgeBases.of(id)),
                ClauseTree.build(store.clausesOf(id)));
    }

    @PostMapping(consumes = "multipart/form-data")
    ResponseEntity<UploadResponse> upload(@RequestParam("files") List<MultipartFile> files,
                                          @RequestParam(name = "knowledgeBase", required = false) String knowledgeBase) {
        if (files.isEmpty()) {
            throw ApiException.badRequest("NO_FILES", "请至少上传一个文件（表单字段 files）");
        }
        String into = knowledgeBase == null || knowledgeBase.isBlank() ? null : knowledgeBases.find(knowledgeBase.strip())
                .orElseThrow(() -> ApiException.notFound("KNOWLEDGE_BASE_NOT_FOUND", "未找到该知识库：" + knowledgeBase))
                .id();
        List<UploadResult> results = new ArrayList<>();
        for (MultipartFile file : files) {
            String name = fileName(file);
            if (file.isEmpty()) {
                results.add(UploadResult.of(IngestResult.failed(name, "EMPTY_FILE", "文件为空：" + name)));
                continue;
            }
            try {
                byte[] content = file.getBytes();
                IngestResult result = pipeline.ingest(name, content);
                if (!result.failed()) {
                    result = saveOriginal(result, content);
                }
                if (!result.failed() && into != null) {
                    knowledgeBases.addDocument(into, result.documentId());
                }
                results.add(UploadResult.of(result));
            } catch (IOException e) {
                results.add(UploadResult.of(IngestResult.failed(name, "READ_FAILED", "无法读取上传的文件：" + name)));
            }
        }
        for (UploadResult r : results) {
            audit.record("DOCUMENT_UPLOAD", r.fileName() + (r.documentId() == null ? "" : " (" + r.documentId() + ")"),
                    r.error() == null ? AuditLog.Outcome.SUCCESS : AuditLog.Outcome.FAILURE,
                    r.error() == null ? r.status() : r.error().code());
        }
        return ResponseEntity.status(status(results)).body(new UploadResponse(results));
    }

    /**
     * 200 if any file was stored; otherwise 507 when a full disk stopped a file, 503 when the store could not be
     * reached (the client may retry), else 422 (the files themselves were refused).
     */
    private static HttpStatus status(List<UploadResult> results) {
        if (results.stream().anyMatch(r -> r.error() == null)) {
            return HttpStatus.OK;
        }
        if (results.stream().anyMatch(r -> IngestionPipeline.STORAGE_FULL.equals(r.error().code()))) {
            return HttpStatus.INSUFFICIENT_STORAGE;
        }
        if (results.stream().anyMatch(r -> IngestionPipeline.STORE_UNAVAILABLE.equals(r.error().code()))) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return HttpStatus.UNPROCESSABLE_CONTENT;
    }

    /**
     * Keeps the upload's original for re-ingesting. If that fails (full disk, database gone) a newly stored document
     * is removed again, so an upload is either stored with its original or not at all.
     */
    private IngestResult saveOriginal(IngestResult result, byte[] content) {
        try {
            originals.save(result.documentId(), result.source(), content);
            return result;
        } catch (RuntimeException e) {
            ApiException failure = StorageFailures.classify(e).orElse(null);
            if (result.status() == IngestResult.Status.INGESTED) {
                try {
                    pipeline.delete(result.documentId());
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            log.warn("Cannot keep the original of {}: {}", result.source(), e.toString());
            return failure == null
                    ? IngestResult.failed(result.source(), "INGEST_FAILED", "保存文件原件时出错，文件未能保存，请稍后重试")
                    : IngestResult.failed(result.source(), failure.code(), failure.getMessage());
        }
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        if (!pipeline.delete(id)) {
            audit.record("DOCUMENT_DELETE", id, AuditLog.Outcome.FAILURE, "DOCUMENT_NOT_FOUND");
            throw ApiException.notFound("DOCUMENT_NOT_FOUND", "未找到该文件：" + id);
        }
        originals.delete(id);
        knowledgeBases.forgetDocument(id);
        audit.record("DOCUMENT_DELETE", id, AuditLog.Outcome.SUCCESS, null);
        return ResponseEntity.noContent().build();
    }

    /**
     * Parses a stored document again from its original (e.g. after a parser update) and replaces its clauses
     * atomically; the stored clauses stay as they are when the original is missing or no longer parses.
     */
    @PostMapping("/{id}/reingest")
    UploadResult reingest(@PathVariable String id) {
        DocumentRecord document = store.findDocument(id)
                .orElseThrow(() -> ApiException.notFound("DOCUMENT_NOT_FOUND", "未找到该文件：" + id));
        byte[] content = originals.find(id, document.source()).orElseThrow(() -> new ApiException(HttpStatus.CONFLICT,
                "ORIGINAL_UNAVAILABLE", "找不到该文件的原件，无法重新解析；请重新上传：" + document.source()));
        ParsedPolicy parsed;
        try {
            parsed = reader.read(document.source(), content);
        } catch (DocumentParseException e) {
            audit.record("DOCUMENT_REINGEST", id, AuditLog.Outcome.FAILURE, e.code().name());
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, e.code().name(), e.getMessage());
        }
        List<IndexedClause> clauses = pipeline.index(parsed);
        store.replaceDocument(new DocumentRecord(id, document.source(), Ids.sha256(content), parsed.metadata(),
                clauses.size(), Clock.systemUTC().instant()), clauses);
        audit.record("DOCUMENT_REINGEST", id + " " + document.source(), AuditLog.Outcome.SUCCESS, clauses.size() + " clauses");
        return new UploadResult(document.source(), id, IngestResult.Status.UPDATED.name(), clauses.size(),
                parsed.metadata().title(), null);
    }

    /** The client's file name without any directory part (never trusted as a path). */
    private static String fileName(MultipartFile file) {
        String name = file.getOriginalFilename();
        if (name == null || name.isBlank()) {
            return "upload";
        }
        name = name.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).strip();
        return name.isEmpty() ? "upload" : name;
    }
}
