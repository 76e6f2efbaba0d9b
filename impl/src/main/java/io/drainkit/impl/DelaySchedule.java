// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;

/**
 * When a drain's delay ends: after {@code drainkit.delay}, or, with a quiet period, once the floor
 * ({@code drainkit.delay.min}) is over and the silence since the last admission proves that the load balancers have let
 * go (see {@link QuietPeriod}), whichever comes first. Re-armed at most once per quiet period, only while requests keep
 * arriving; nothing polls.
 *
 * <p>Thread-safe: {@link #admitted(long)} is called by request threads while draining, the rest by the coordinator.
 */
final class DelaySchedule {

    private final DrainClock clock;
    /** {@code null} without a quiet period. */
    private final QuietPeriod quietPeriod;

    private final Duration minDelay;
    private final Runnable endDelay;
    private volatile long startNanos;
    private volatile long delayNanos;
    private volatile DrainClock.Cancellable timer = () -> {};

    /**
     * @param settings the quiet period and the minimum delay
     * @param clock    time and timers
     * @param endDelay what to run when the delay ends; runs at most once per {@link #start(long, Duration)}
     */
    DelaySchedule(DrainSettings settings, DrainClock clock, Runnable endDelay) {
        this.clock = clock;
        this.quietPeriod = settings.quietPeriod().map(QuietPeriod::new).orElse(null);
        this.minDelay = settings.minDelay();
        this.endDelay = endDelay;
    }

    /**
     * Starts the delay; a zero delay ends at once, on this thread.
     *
     * @param triggerNanos the trigger, on the clock's monotonic time
     * @param delay        the longest the delay may last
     */
    void start(long triggerNanos, Duration delay) {
        startNanos = triggerNanos;
        delayNanos = delay.toNanos();
        if (delay.isZero()) {
            endDelay.run();
        } else if (quietPeriod != null) {
            quietPeriod.started(triggerNanos);
            timer = clock.schedule(this::endIfQuiet, minDelay);
        } else {
            timer = clock.schedule(endDelay, delay);
        }
    }

    /** @param nanos a request was admitted now, while draining */
    void admitted(long nanos) {
        if (quietPeriod != null) {
            quietPeriod.admitted(nanos);
        }
    }

    /** Calls off the timer, if one is pending. */
    void cancel() {
        timer.cancel();
    }

    private void endIfQuiet() {
        long now = clock.nanoTime();
        long delayLeft = delayNanos - (now - startNanos);
        long quietLeft = quietPeriod.silenceLeft(now);
        if (delayLeft <= 0 || quietLeft <= 0) {
            endDelay.run();
        } else {
            timer = clock.schedule(this::endIfQuiet, Duration.ofNanos(Math.min(delayLeft, quietLeft)));
        }
    }
}
