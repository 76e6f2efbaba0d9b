// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

import io.drainkit.ApplicationDrain;
import io.drainkit.DrainTrigger;

/**
 * The other DrainKit applications of this server that drain together with this one ({@code drainkit.scope=server}).
 * They share no class with it: an implementation reaches them through a JVM-wide channel (the platform
 * MBeanServer). Knows no JMX type itself, so that the coordinator stays plain Java.
 */
public interface DrainPeers {

    /** No peers: the application drains alone ({@code drainkit.scope=application}, or no channel). */
    DrainPeers NONE = List::of;

    /**
     * @return the peers that take part in a drain starting now; asked once per drain, by the application whose
     *         drain starts first
     */
    List<Peer> takingPart();

    /** Another application's drain, as seen from this one. */
    interface Peer {

        /** @return its name: its context path */
        String application();

        /** @return its configured delay */
        Duration delay();

        /** @return its configured timeout */
        Duration timeout();

        /**
         * Starts its drain with the timing every taking part agreed on, or joins its drain if one runs.
         *
         * @param trigger    what started the drain
         * @param startNanos the trigger, on {@link System#nanoTime()} (one clock for the whole JVM)
         * @param delay      the shared delay
         * @param timeout    the shared deadline, from {@code startNanos}
         * @return completes with its outcome when its drain has ended; never exceptionally
         */
        CompletionStage<ApplicationDrain> join(DrainTrigger trigger, long startNanos, Duration delay, Duration timeout);

        /** @return its outcome as it is now, for a report made before its drain ended */
        ApplicationDrain now();
    }
}
