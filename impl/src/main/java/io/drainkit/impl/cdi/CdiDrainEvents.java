package io.drainkit.impl.cdi;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;

import io.drainkit.DrainCompleted;
import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainMessages;

/**
 * Fires the drain's CDI events, to {@code @ObservesAsync} and then {@code @Observes} observers. Runs on the
 * coordinator's listener thread; an observer's exception reaches the coordinator, which logs it and goes on.
 */
final class CdiDrainEvents implements DrainCoordinator.Listener {

    private final Event<Object> events;
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
        try {
            fire(DrainCompleted.class, new DrainCompleted(report));
        } finally {
            completedFired.complete(null);
        }
    }

    /**
     * Waits until {@link DrainCompleted} has been fired to the {@code @Observes} observers. A thread released by
     * the drain cannot know this otherwise: the coordinator completes the drain before it hands the event to its
     * listener thread, so "the listeners have been told everything so far" may not include it yet.
     *
     * @param timeout the most to wait
     * @return {@code true} if it has been fired (or its observers failed)
     * @throws InterruptedException if the waiting thread was interrupted
     */
    boolean awaitCompletedFired(Duration timeout) throws InterruptedException {
        try {
            completedFired.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException notFired) {
            return false;
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
