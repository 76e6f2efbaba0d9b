// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.longlived;

import java.time.Duration;
import java.util.List;

import io.drainkit.impl.DrainClock;
import io.drainkit.impl.DrainMessages;

/**
 * Spreads the ends of long-lived connections evenly over a window: in up to {@link #MAX_SLOTS} equal batches, the first
 * at once, the last one slot before the window is over. Thousands of clients told to reconnect at the same instant
 * would hit the instances that serve on all together.
 */
final class JitterSchedule {

    /** At most this many batches: enough to spread the load, few enough timers for any number of connections. */
    static final int MAX_SLOTS = 20;

    private JitterSchedule() {}

    /**
     * @param endings each ends one connection
     * @param window  from now until all have been ended
     * @param clock   times the batches after the first
     * @param done    run once, after the last batch
     */
    static void spread(List<? extends Runnable> endings, Duration window, DrainClock clock, Runnable done) {
        int count = endings.size();
        if (count == 0) {
            done.run();
            return;
        }
        DrainMessages.endingLongLived(count, window);
        int slots = window.isZero() ? 1 : Math.min(count, MAX_SLOTS);
        // The later batches are timed first: ending the first one may block on a slow client's socket.
        for (int slot = 1; slot < slots; slot++) {
            List<? extends Runnable> batch = batch(endings, slot, slots);
            boolean last = slot == slots - 1;
            clock.schedule(
                    () -> {
                        batch.forEach(Runnable::run);
                        if (last) {
                            done.run();
                        }
                    },
                    window.multipliedBy(slot).dividedBy(slots));
        }
        batch(endings, 0, slots).forEach(Runnable::run);
        if (slots == 1) {
            done.run();
        }
    }

    private static List<? extends Runnable> batch(List<? extends Runnable> endings, int slot, int slots) {
        int count = endings.size();
        return endings.subList((int) ((long) count * slot / slots), (int) ((long) count * (slot + 1) / slots));
    }
}
