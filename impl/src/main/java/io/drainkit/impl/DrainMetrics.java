// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;

import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;

/**
 * Where one application's drain figures go besides the log: DrainKit's OpenTelemetry instruments when the application
 * has an OpenTelemetry API ({@code io.drainkit.impl.telemetry}), else nowhere ({@link #NONE}).
 *
 * <p>Unlike a {@link DrainListener}, called synchronously on the thread that moves the drain, before anyone waiting
 * for it is answered: the preStop call answers, and the kubelet kills the pod, only once the drain's figures are
 * recorded. Never on the hot path. Implementations are quick, thread-safe and never throw.
 */
public interface DrainMetrics {

    /** Records nothing. */
    DrainMetrics NONE = new DrainMetrics() {};

    /** @param event the drain has started */
    default void drainStarted(DrainStarted event) {}

    /** @param report the drain has ended; called before its waiters hear of it */
    default void drainEnded(DrainReport report) {}

    /** A preStop call without the right token was refused. */
    default void preStopRefused() {}

    /**
     * Hands what was recorded to the backend now, rather than at the next export interval the pod may not live to see.
     *
     * @param limit the longest to wait for the backend
     * @return {@code true} if the backend took it within {@code limit}; {@code false} if it did not, or if the
     *         metrics API in use cannot be asked to (then the figures go at the next export, or when the server
     *         shuts the SDK down)
     */
    default boolean flush(Duration limit) {
        return false;
    }

    /** No more figures: the application is stopping. Instruments reading live figures are unregistered. */
    default void close() {}
}
