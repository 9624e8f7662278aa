package io.govassist.chat;

import io.govassist.knowledge.KnowledgeBases;
import io.govassist.security.privacy.PersonalDataMasker;
import io.govassist.system.ApiError;
import io.govassist.store.ClauseFilter;
import io.govassist.system.ApiException;
import io.govassist.system.StorageFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/chat} (JSON) and {@code POST /api/v1/chat/stream} (server-sent events {@code delta},
 * {@code retract} (remove what was shown so far; the replacement follows), {@code citations}, {@code done},
 * {@code error}, heartbeat comments while waiting). Anonymous.
 */
@RestController
@RequestMapping("/api/v1/chat")
class ChatController {

    private static final Logger log = LoggerFactory.getLogger(ChatController.class);
    private static final Duration CONTAINER_TIMEOUT_MARGIN = Duration.ofSeconds(30);

    private final ChatResponder responder;
    private final JsonMapper json;
    private final ScheduledExecutorService heartbeats;
    private final ChatProperties settings;
    private final KnowledgeBases knowledgeBases;

    ChatController(ChatResponder responder, JsonMapper json, ScheduledExecutorService chatHeartbeats,
                   ChatProperties settings, KnowledgeBases knowledgeBases) {
        this.responder = responder;
        this.json = json;
        this.heartbeats = chatHeartbeats;
        this.settings = settings;
        this.knowledgeBases = knowledgeBases;
    }

    /**
     * @param filter        optional: restricts the clauses the answer may draw on (the console's filters)
     * @param knowledgeBase optional: answer from this knowledge base's documents only (without one: every document
     *                      but those only in STAFF knowledge bases); applied to every turn, carried clauses included
     */
    record ChatRequest(String question, String conversationId, Filter filter, String knowledgeBase) {
    }

    /** Optional search restriction, see {@link ClauseFilter}; dates are ISO {@code yyyy-MM-dd}, inclusive. */
    record Filter(List<String> documentIds, List<String> issuers, String dateFrom, String dateTo, Boolean includeDrafts) {

        ClauseFilter toClauseFilter() {
            for (String date : new String[]{dateFrom, dateTo}) {
                if (date != null && !date.isBlank() && !ISO_DATE.matcher(date.strip()).matches()) {
                    throw ApiException.badRequest("INVALID_FILTER",
                            "日期须为 yyyy-MM-dd 格式：" + PersonalDataMasker.mask(date));
                }
            }
            return new ClauseFilter(documentIds, issuers, blankToNull(dateFrom), blankToNull(dateTo),
                    includeDrafts == null || includeDrafts);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.strip();
        }
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    @PostMapping
    ChatAnswer chat(@RequestBody(required = false) ChatRequest request) {
        ChatResponder.Checked checked = check(request);
        return responder.answer(checked, ChatResponder.TurnListener.NONE, new CancellationSignal());
    }

    /**
     * Streams the answer. Request errors are still plain 4xx JSON responses; once the stream has started, failures
     * arrive as an {@code error} event. A client that disconnects cancels the turn (upstream LLM stream included)
     * and nothing is stored.
     */
    @PostMapping("/stream")
    SseEmitter stream(@RequestBody(required = false) ChatRequest request) {
        ChatResponder.Checked checked = check(request);
        // the stream's own deadline ends it with an error event; the servlet timeout is only a backstop
        SseEmitter emitter = new SseEmitter(settings.streamTimeout().plus(CONTAINER_TIMEOUT_MARGIN).toMillis());
        CancellationSignal cancel = new CancellationSignal();
        SseTurnStream stream = new SseTurnStream(emitter, json, cancel);
        long interval = settings.heartbeatInterval().toMillis();
        ScheduledFuture<?> heartbeat = heartbeats.scheduleAtFixedRate(stream::heartbeat, interval, interval,
                TimeUnit.MILLISECONDS);
        ScheduledFuture<?> deadline = heartbeats.schedule(stream::timeOut, settings.streamTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        cancel.onCancel(() -> {
            heartbeat.cancel(false);
            deadline.cancel(false);
        });
        Thread.ofVirtual().name("chat-stream").start(() -> {
            try {
                ChatAnswer answer = responder.answer(checked, new ChatResponder.TurnListener() {
                    @Override
                    public void delta(String text, boolean reset) {
                        stream.event("delta", Map.of("text", text, "reset", reset));
                    }

                    @Override
                    public void retract(String code, String message) {
                        stream.event("retract", Map.of("code", code, "message", message));
                    }
                }, cancel);
                stream.event("citations", Map.of("citations", answer.citations()));
                stream.event("done", answer);
            } catch (CancellationException e) {
                log.debug("Chat stream cancelled: the client has gone");
            } catch (ApiException e) {
                stream.event("error", ApiError.of(e.code(), e.getMessage()));
            } catch (RuntimeException e) {
                Optional<ApiException> storage = StorageFailures.classify(e);
                if (storage.isPresent()) {
                    log.error("Chat stream failed: storage unavailable: {}", e.toString());
                    stream.event("error", ApiError.of(storage.get().code(), storage.get().getMessage()));
                } else {
                    log.error("Chat stream failed", e);
                    stream.event("error", ApiError.of("INTERNAL_ERROR", "服务器内部错误，请稍后重试"));
                }
            } finally {
                heartbeat.cancel(false);
                deadline.cancel(false);
                stream.complete();
            }
        });
        return emitter;
    }

    /**
     * Request errors as JSON with an explicit content type, so that they are written even when the client only
     * accepts {@code text/event-stream}.
     */
    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> rejected(ApiException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .body(ApiError.of(e.code(), e.getMessage()));
    }

    private ChatResponder.Checked check(ChatRequest request) {
        if (request == null) {
            return responder.check(null, null).withScope(knowledgeBases.resolve(null, ClauseFilter.NONE));
        }
        ChatResponder.Checked checked = responder.check(request.question(), request.conversationId());
        ClauseFilter filter = request.filter() == null ? ClauseFilter.NONE : request.filter().toClauseFilter();
        // resolved on the request thread: whether the caller is signed-in staff decides what a scope may hold
        return checked.withScope(knowledgeBases.resolve(request.knowledgeBase(), filter));
    }
}
