package io.drainkit.impl;

import java.time.Duration;

import io.drainkit.InFlightRequest;

/**
 * Names one kind of unit of work for a drain report: whoever admits the work (the filter for requests) says how it
 * is named, so that the coordinator never needs to know what it counts. Called only when a report lists the work
 * (at the deadline), possibly while the work is still running on another thread.
 *
 * @param <T> what the admitting side passes to {@link DrainCoordinator#enter(Object, WorkNamer)}
 */
@FunctionalInterface
public interface WorkNamer<T> {

    /**
     * @param work        what was admitted
     * @param age         how long it has run (at least, if {@code beforeDrain})
     * @param beforeDrain whether it was admitted before the drain started
     * @return its name in the report, with {@code age} and {@code beforeDrain}
     */
    InFlightRequest name(T work, Duration age, boolean beforeDrain);
}
