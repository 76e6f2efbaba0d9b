package io.drainkit.impl.cdi;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;

import io.drainkit.DrainCompleted;
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

    CdiDrainEvents(BeanManager beanManager) {
        this.events = beanManager.getEvent();
    }

    @Override
    public void drainStarted(DrainStarted event) {
        fire(DrainStarted.class, event);
    }

    @Override
    public void drainCompleted(DrainReport report) {
        fire(DrainCompleted.class, new DrainCompleted(report));
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
