// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;
import io.drainkit.DrainState;

/**
 * Where one drain is, with everything known at that point: immutable, so that the coordinator moves from one phase
 * to the next by a single compare-and-set and every reader sees a consistent whole. The phases only move forward:
 * {@link Serving} → {@link Delaying} → {@link Waiting} → {@link Drained} (the deadline may skip {@link Waiting}).
 */
sealed interface DrainPhase {

    /** The one serving phase: the hot path compares against it by identity. */
    Serving SERVING = new Serving();

    /** @return the state applications see */
    DrainState state();

    /** A drain that has started and not ended. */
    sealed interface Running extends DrainPhase permits Delaying, Waiting {
        /** @return the event that announced the drain */
        DrainStarted started();

        /** @return the trigger on the drain's monotonic clock */
        long startNanos();

        /** @return the delay a report gives: as used if it is over, as planned if the deadline came first */
        Duration reportedDelay();

        /** @return completes with the report of every application taking part, this one first */
        CompletableFuture<DrainReport> whole();

        @Override
        default DrainState state() {
            return DrainState.DRAINING;
        }
    }

    /** No drain has been triggered. */
    record Serving() implements DrainPhase {
        @Override
        public DrainState state() {
            return DrainState.SERVING;
        }
    }

    /**
     * Triggered: readiness is DOWN and the application serves on through the delay.
     *
     * @param started    the event that announced the drain
     * @param startNanos the trigger on the drain's monotonic clock
     * @param whole      completes with the report of every application taking part
     */
    record Delaying(DrainStarted started, long startNanos, CompletableFuture<DrainReport> whole) implements Running {
        @Override
        public Duration reportedDelay() {
            return started.delay();
        }
    }

    /**
     * The delay is over: the exit that empties the table ends the drain.
     *
     * @param started    the event that announced the drain
     * @param startNanos the trigger on the drain's monotonic clock
     * @param delayUsed  how long the delay actually lasted
     * @param whole      completes with the report of every application taking part
     */
    record Waiting(DrainStarted started, long startNanos, Duration delayUsed, CompletableFuture<DrainReport> whole)
            implements Running {
        @Override
        public Duration reportedDelay() {
            return delayUsed;
        }
    }

    /**
     * Over: nothing was in flight, or the deadline passed.
     *
     * @param report what happened in this application
     * @param whole  completes with the report of every application taking part
     */
    record Drained(DrainReport report, CompletableFuture<DrainReport> whole) implements DrainPhase {
        @Override
        public DrainState state() {
            return DrainState.DRAINED;
        }
    }
}
