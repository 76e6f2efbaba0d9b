// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that moves only when a test says so, running due timers in order. Single-threaded tests only (public for
 * the tests of io.drainkit.impl.telemetry). */
public final class FakeDrainClock implements DrainClock {

    private final Instant origin = Instant.parse("2026-11-21T12:00:00Z");
    private final List<Timer> timers = new ArrayList<>();
    private long nanos = 1_000_000_000L;
    private long sequence;

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public Instant now() {
        return origin.plusNanos(nanos);
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        Timer timer = new Timer(nanos + delay.toNanos(), sequence++, task);
        timers.add(timer);
        return () -> timers.remove(timer);
    }

    /** Moves time forward, running each timer that falls due at its own instant. */
    public void advance(Duration duration) {
        long target = nanos + duration.toNanos();
        while (true) {
            Timer next = timers.stream()
                    .filter(timer -> timer.dueNanos <= target)
                    .min(Comparator.comparingLong((Timer timer) -> timer.dueNanos)
                            .thenComparingLong(timer -> timer.sequence))
                    .orElse(null);
            if (next == null) {
                break;
            }
            timers.remove(next);
            nanos = Math.max(nanos, next.dueNanos);
            next.task.run();
        }
        nanos = target;
    }

    int pendingTimers() {
        return timers.size();
    }

    private record Timer(long dueNanos, long sequence, Runnable task) {}
}
