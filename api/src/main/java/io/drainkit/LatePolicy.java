// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

/**
 * What a {@link Drained} bean does with a call or a timer callback that begins after the drain's delay, when load
 * balancers have let go and DrainKit waits for the work in flight. Work that began before always finishes.
 *
 * @since 0.1
 */
public enum LatePolicy {

    /** Run it, and wait for it as for any work in flight (the default: the same as during the delay). */
    RUN,

    /**
     * Do not run it: a timer callback returns at once (the timer fires again on its schedule, on another instance),
     * and so does a method that returns nothing; a method that returns a value is rejected as with {@link #REJECT}.
     * The first skip of each method in a drain is logged (DRAINKIT-0030).
     */
    SKIP,

    /**
     * Do not run it: the call throws {@link LateWorkRejectedException}. Meant for calls whose callers can retry
     * elsewhere; an EJB container retries a timer callback that throws, so use {@link #SKIP} for timers.
     */
    REJECT
}
