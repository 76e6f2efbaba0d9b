// SPDX-License-Identifier: Apache-2.0
package io.drainkit.spi;

import java.util.concurrent.CompletionStage;

/**
 * Work with its own loop that can pause: a message consumer, a poller. Implement it on a CDI bean (any scope); DrainKit
 * finds every such bean of the application when a drain starts, counts each as one unit of work in flight from then
 * on, tells it when the drain starts and when the delay ends, and waits, up to the drain's deadline, for the stage of
 * {@link #idle()} to complete. A participant not idle at the deadline is named in the report
 * ({@code participant <name>}).
 *
 * <p>DrainKit calls these methods on its own thread, one at a time, in order; a method that throws is logged
 * (DRAINKIT-0032) and the participant then counts as idle, so that a broken participant cannot hold the drain.
 *
 * @since 0.1
 */
public interface DrainParticipant {

    /** @return how the report names it; by default the simple name of its class */
    default String name() {
        return getClass().getSimpleName().replaceAll("\\$.*$", "");
    }

    /**
     * The drain has started: readiness is DOWN, and the application serves on through the delay. Most participants
     * carry on as before here.
     */
    default void drainStarted() {}

    /**
     * The delay is over: load balancers have let go. Stop taking new work (pause the consumer, stop polling) and
     * finish what is in flight.
     */
    default void delayEnded() {}

    /**
     * Called once, right after {@link #delayEnded()}.
     *
     * @return completes when the participant has no work in flight any more (an already completed stage if it has
     *         none); its value is ignored, and so is an exceptional completion, which also counts as idle
     */
    CompletionStage<?> idle();
}
