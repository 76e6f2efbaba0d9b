// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;

import io.drainkit.InFlightWork;

/**
 * Names one kind of unit of work for a drain report: whoever admits the work (the filter for requests, the interceptor
 * for calls and timers) says how it is named, so that the coordinator never needs to know what it counts. Called only
 * when a report lists the work (at the deadline), possibly while the work is still running on another thread.
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
    InFlightWork name(T work, Duration age, boolean beforeDrain);

    /**
     * @return whether admitting this work while draining shows that load balancers still send (it holds off the end of
     *         a quiet period): {@code true} for requests, {@code false} for work that {@link #notTraffic} wraps
     */
    default boolean isTraffic() {
        return true;
    }

    /**
     * @param namer names work that does not come through a load balancer (a timer, a message, a task)
     * @param <T>   what the work is
     * @return {@code namer}, for work whose admission says nothing about load balancers
     */
    static <T> WorkNamer<T> notTraffic(WorkNamer<T> namer) {
        return new WorkNamer<>() {
            @Override
            public InFlightWork name(T work, Duration age, boolean beforeDrain) {
                return namer.name(work, age, beforeDrain);
            }

            @Override
            public boolean isTraffic() {
                return false;
            }
        };
    }
}
