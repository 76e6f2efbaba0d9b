// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;

import io.drainkit.DrainCompleted;
import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;
import io.drainkit.impl.DrainListener;
import io.drainkit.impl.DrainMessages;

/**
 * Fires the drain's CDI events, to {@code @ObservesAsync} and then {@code @Observes} observers. Runs on the
 * coordinator's listener thread; an observer's exception reaches the coordinator, which logs it and goes on.
 *
 * <p>{@link DrainCompleted} is fired exactly once, by whichever thread comes first: the listener thread, or the
 * container's shutdown thread once the drain is over ({@link #completedBeforeShutdown}), so that the application's
 * observers run while its beans are still alive even when an earlier observer still holds the listener thread.
 */
final class CdiDrainEvents implements DrainListener {

    private final Event<Object> events;
    private final AtomicBoolean completedClaimed = new AtomicBoolean();
    /** Done when DrainCompleted's {@code @Observes} observers have returned, on whichever thread fired it. */
    private final CompletableFuture<Void> completedFired = new CompletableFuture<>();

    CdiDrainEvents(BeanManager beanManager) {
        this.events = beanManager.getEvent();
    }

    @Override
    public void drainStarted(DrainStarted event) {
        fire(DrainStarted.class, event);
    }

    @Override
    public void delayEnded(DrainDelayEnded event) {
        fire(DrainDelayEnded.class, event);
    }

    @Override
    public void drainCompleted(DrainReport report) {
        completed(report);
    }

    /**
     * Fires {@link DrainCompleted} on this thread unless another thread has claimed it; in that case waits for that
     * thread's {@code @Observes} observers to return, within {@code limit}.
     *
     * @param report the drain's report
     * @param limit  the most to wait for another thread's observers
     * @throws InterruptedException if the waiting thread was interrupted
     */
    void completedBeforeShutdown(DrainReport report, Duration limit) throws InterruptedException {
        try {
            completed(report);
        } catch (RuntimeException | LinkageError failure) {
            DrainMessages.observerFailed(DrainCompleted.class.getSimpleName(), failure);
        }
        try {
            completedFired.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException notYet) {
            DrainMessages.shutdownWaitEnded(limit);
        }
    }

    private void completed(DrainReport report) {
        if (completedClaimed.compareAndSet(false, true)) {
            try {
                fire(DrainCompleted.class, new DrainCompleted(report));
            } finally {
                completedFired.complete(null);
            }
        }
    }

    private <T> void fire(Class<T> type, T payload) {
        Event<T> event = events.select(type);
        event.fireAsync(payload).exceptionally(failure -> {
            DrainMessages.observerFailed(type.getSimpleName(), failure);
            return null;
        });
        event.fire(payload);
    }
}
