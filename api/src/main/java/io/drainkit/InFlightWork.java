// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A unit of work that was still running when a drain's deadline passed: an HTTP request, a timer callback, a call to
 * a {@link Drained} bean, a unit {@link Drain#track(String, String) tracked} by code with its own loop, or a
 * {@link io.drainkit.spi.DrainParticipant participant} that had not become idle.
 *
 * <p>DrainKit reads no clock for the work it admits while the application serves, so that counting it costs next to
 * nothing; it notes the admission time only of work admitted while draining. Work admitted before the drain started is
 * therefore reported with the time since the trigger: it had been running at least that long.
 *
 * @param kind                what it is: {@value #REQUEST}, {@value #TIMER}, {@value #CALL}, {@value #PARTICIPANT}, or
 *                            the kind given to {@link Drain#track(String, String)} ({@code kafka}, {@code task})
 * @param name                which one: {@code GET /orders} for a request, {@code OrderSweep.sweep} for a timer
 * @param age                 how long it had been running at the deadline; when {@code admittedBeforeDrain}, at least
 *                            this long (the time since the trigger)
 * @param admittedBeforeDrain {@code true} if it was admitted before the drain started (or as it started)
 * @since 0.1
 */
public record InFlightWork(String kind, String name, Duration age, boolean admittedBeforeDrain) {

    /** The kind of an HTTP request; its name is the method and the request URI, {@code GET /orders}. */
    public static final String REQUEST = "request";
    /** The kind of an EJB timer callback in a {@link Drained} bean; its name is {@code Class.method}. */
    public static final String TIMER = "timer";
    /** The kind of a business-method call to a {@link Drained} bean; its name is {@code Class.method}. */
    public static final String CALL = "call";
    /** The kind of a {@link io.drainkit.spi.DrainParticipant} not yet idle; its name is the participant's. */
    public static final String PARTICIPANT = "participant";
    /**
     * The kind of the ending of the {@link LongLivedConnections} an application holds, from the trigger until the last
     * was told to go; its name counts those left, {@code connections (3 left)}.
     */
    public static final String LONG_LIVED = "long-lived";

    /**
     * Checks that no component is {@code null}.
     */
    public InFlightWork {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(age, "age");
    }

    /** @return {@code kind name}, as the log and the report's summary name it: {@code timer OrderSweep.sweep} */
    @Override
    public String toString() {
        return kind + " " + name;
    }
}
