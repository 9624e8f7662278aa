package io.govassist.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/** Set when the client of a turn has gone (an SSE stream was closed): the turn's work stops and nothing is stored. */
public final class CancellationSignal {

    private final List<Runnable> callbacks = new ArrayList<>();
    private boolean cancelled;

    /** Cancels once; runs the registered callbacks. */
    void cancel() {
        List<Runnable> run;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            run = List.copyOf(callbacks);
            callbacks.clear();
        }
        run.forEach(Runnable::run);
    }

    /** Runs {@code callback} on cancellation, or now if already cancelled. */
    void onCancel(Runnable callback) {
        synchronized (this) {
            if (!cancelled) {
                callbacks.add(callback);
                return;
            }
        }
        callback.run();
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    void throwIfCancelled() {
        if (isCancelled()) {
            throw new CancellationException("the client has gone");
        }
    }
}
