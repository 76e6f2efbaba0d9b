package io.drainkit.impl;

import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;

/**
 * Told when a drain starts, when its delay ends and when it ends; called on a DrainKit thread, one call at a time, in
 * order, so that a slow listener never holds up the drain.
 */
public interface DrainListener {
    /** @param event the drain has started */
    default void drainStarted(DrainStarted event) {
    }

    /** @param event the delay is over; the drain now waits for the requests in flight */
    default void delayEnded(DrainDelayEnded event) {
    }

    /** @param report the drain has ended */
    default void drainCompleted(DrainReport report) {
    }
}
