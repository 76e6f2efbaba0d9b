// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The real clock. Its timer thread starts with the first scheduled task and ends after a few idle
 * seconds, so an application that never drains never has a DrainKit thread.
 */
final class SystemDrainClock implements DrainClock {

    private final ScheduledThreadPoolExecutor timer;

    SystemDrainClock() {
        timer = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("drainkit-timer"));
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
        ScheduledFuture<?> future = timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
