// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;

/**
 * Who hears about a drain, told on a DrainKit thread, one call at a time, in order, so that a slow or failing
 * listener never holds up the drain itself. A listener's exception is logged and the others are still told.
 */
final class DrainListeners {

    private final List<DrainListener> listeners = new CopyOnWriteArrayList<>();
    private final Executor executor;

    /** @param executor runs the calls in order, one at a time */
    DrainListeners(Executor executor) {
        this.executor = executor;
    }

    void add(DrainListener listener) {
        listeners.add(listener);
    }

    void remove(DrainListener listener) {
        listeners.remove(listener);
    }

    /** @param event told to each listener now, on the thread that starts the drain (see {@link DrainListener}) */
    void starting(DrainStarted event) {
        for (DrainListener listener : listeners) {
            try {
                listener.drainStarting(event);
            } catch (RuntimeException | LinkageError failure) {
                DrainMessages.observerFailed("DrainStarted", failure);
            }
        }
    }

    void started(DrainStarted event) {
        tell("DrainStarted", listener -> listener.drainStarted(event));
    }

    void delayEnded(DrainDelayEnded event) {
        tell("DrainDelayEnded", listener -> listener.delayEnded(event));
    }

    void completed(DrainReport report) {
        tell("DrainCompleted", listener -> listener.drainCompleted(report));
    }

    private void tell(String event, Consumer<DrainListener> call) {
        for (DrainListener listener : listeners) {
            executor.execute(() -> {
                try {
                    call.accept(listener);
                } catch (RuntimeException | LinkageError failure) {
                    DrainMessages.observerFailed(event, failure);
                }
            });
        }
    }
}
