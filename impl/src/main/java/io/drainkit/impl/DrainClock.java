// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the drain sees it: a monotonic clock, the wall clock (for reports), and one-shot timers.
 * Injectable so that tests move time by hand instead of sleeping.
 */
public interface DrainClock {

    /** @return monotonic time in nanoseconds, as {@link System#nanoTime()} */
    long nanoTime();

    /** @return the wall-clock instant, for reports and log lines */
    Instant now();

    /**
     * Runs {@code task} once after {@code delay}, on a thread of the clock's choosing.
     *
     * @param task  what to run; exceptions it throws are the caller's business
     * @param delay how long from now
     * @return cancels the task if it has not run yet
     */
    Cancellable schedule(Runnable task, Duration delay);

    /** A scheduled task that can be called off. */
    @FunctionalInterface
    interface Cancellable {
        /** Calls the task off if it has not started; does nothing otherwise. */
        void cancel();
    }
}
