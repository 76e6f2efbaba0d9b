// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

/**
 * Where an application is in its drain. The state only moves forward:
 * {@link #SERVING} → {@link #DRAINING} → {@link #DRAINED}.
 *
 * @since 0.1
 */
public enum DrainState {
    /** No drain has been triggered: readiness is UP and requests are served normally. */
    SERVING,
    /**
     * A drain was triggered: readiness is DOWN, requests are still served (through the delay and
     * while waiting for in-flight requests to finish), HTTP/1.x responses carry {@code Connection: close}.
     */
    DRAINING,
    /** The drain ended: nothing was in flight, or the deadline passed. The shutdown may go on. */
    DRAINED
}
