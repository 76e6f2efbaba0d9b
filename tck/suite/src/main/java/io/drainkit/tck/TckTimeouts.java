// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import java.time.Duration;

/**
 * Every wait in the TCK, scaled by {@code -Ddrainkit.tck.timeoutFactor=N} (default 1) for slow machines.
 * The figures are upper bounds for waits that normally end much sooner, never expected durations.
 *
 * @since 0.1
 */
public final class TckTimeouts {

    /** The system property that scales every TCK wait. */
    public static final String FACTOR_PROPERTY = "drainkit.tck.timeoutFactor";

    private TckTimeouts() {}

    /**
     * @param base the wait on an ordinary machine
     * @return {@code base} times the factor
     */
    public static Duration scaled(Duration base) {
        double factor = Double.parseDouble(System.getProperty(FACTOR_PROPERTY, "1"));
        return Duration.ofMillis((long) (base.toMillis() * Math.max(factor, 0.1)));
    }

    /** @return the wait for something that happens promptly (a response, a state change) */
    public static Duration prompt() {
        return scaled(Duration.ofSeconds(15));
    }
}
