package io.govassist.chat;

import io.govassist.system.ApiError;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes one turn's server-sent events. Events are JSON; writes are serialised (answer pieces and heartbeats come
 * from different threads). A failed write means the client has gone: the turn is cancelled and nothing more is
 * written.
 */
final class SseTurnStream {

    private final SseEmitter emitter;
    private final JsonMapper json;
    private final CancellationSignal cancel;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    SseTurnStream(SseEmitter emitter, JsonMapper json, CancellationSignal cancel) {
        this.emitter = emitter;
        this.json = json;
        this.cancel = cancel;
        emitter.onCompletion(this::closed);
        emitter.onTimeout(this::closed);
        emitter.onError(e -> closed());
    }

    void event(String name, Object data) {
        send(SseEmitter.event().name(name).data(json.writeValueAsString(data)));
    }

    void heartbeat() {
        send(SseEmitter.event().comment("heartbeat"));
    }

    /** Ends the stream normally. */
    void complete() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                emitter.complete();
            }
        } finally {
            lock.unlock();
        }
    }

    private void send(SseEmitter.SseEventBuilder event) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            emitter.send(event);
        } catch (IOException | IllegalStateException e) {
            closed = true;
            cancel.cancel();
        } finally {
            lock.unlock();
        }
    }

    /** The stream's time is up: a last {@code error} event says so, then the stream ends and the turn stops. */
    void timeOut() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                emitter.send(SseEmitter.event().name("error").data(json.writeValueAsString(
                        ApiError.of("STREAM_TIMEOUT", "回答用时过长，已停止，请重新提问"))));
                emitter.complete();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone as well
        } finally {
            lock.unlock();
        }
        cancel.cancel();
    }

    private void closed() {
        lock.lock();
        try {
            closed = true;
        } finally {
            lock.unlock();
        }
        cancel.cancel();
    }
}
