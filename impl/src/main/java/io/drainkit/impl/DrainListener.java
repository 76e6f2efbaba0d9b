// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;

/**
 * Told when a drain starts, when its delay ends and when it ends; called on a DrainKit thread, one call at a time, in
 * order, so that a slow listener never holds up the drain (except {@link #drainStarting}, which must not block).
 */
public interface DrainListener {
    /**
     * Called on the thread that starts the drain, before its delay can end: the one moment to count work in that the
     * drain must wait for (a participant). Must not block.
     *
     * @param event the drain is starting
     */
    default void drainStarting(DrainStarted event) {}

    /** @param event the drain has started */
    default void drainStarted(DrainStarted event) {}

    /** @param event the delay is over; the drain now waits for the requests in flight */
    default void delayEnded(DrainDelayEnded event) {}

    /** @param report the drain has ended */
    default void drainCompleted(DrainReport report) {}
}
