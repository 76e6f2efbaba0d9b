// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import java.util.Objects;

/**
 * How much of one kind of work a drain saw: the summary a {@link DrainReport} gives for each kind. Immutable.
 *
 * @param kind          the kind, as {@link InFlightWork#kind()} names it
 * @param served        units of it that completed between the trigger and the end of the drain
 * @param inFlightAtEnd units of it still running when the drain ended (0 unless the deadline cut them); counts only
 *                      the units DrainKit could name
 * @since 0.1
 */
public record WorkCount(String kind, long served, int inFlightAtEnd) {

    /** Checks that the kind is not {@code null}. */
    public WorkCount {
        Objects.requireNonNull(kind, "kind");
    }

    /** @return {@code kind: N served, M cut}, as the drain's summary line gives it */
    @Override
    public String toString() {
        return kind + ": " + served + " served" + (inFlightAtEnd > 0 ? ", " + inFlightAtEnd + " cut" : "");
    }
}
