// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A client's loop at a fixed rate, bounded in count and time: one action every interval, from its start. */
public final class FixedRate {

    private FixedRate() {}

    /**
     * Runs {@code action} every {@code every} (later, if one takes longer) on the calling thread, while {@code going}
     * says so, at most {@code maxCount} times and for at most {@code maxTime}; returns early if interrupted.
     *
     * @param every    time from one action's start to the next one's
     * @param maxCount a bound in case nothing else stops it
     * @param maxTime  likewise
     * @param going    asked before each action
     * @param action   what to do
     */
    public static void run(Duration every, int maxCount, Duration maxTime, BooleanSupplier going, Runnable action) {
        long start = System.nanoTime();
        for (int done = 0;
                going.getAsBoolean() && done < maxCount && System.nanoTime() - start < maxTime.toNanos();
                done++) {
            action.run();
            long wait = start + (done + 1) * every.toNanos() - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
