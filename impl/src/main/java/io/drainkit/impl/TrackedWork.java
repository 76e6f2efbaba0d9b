// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.drainkit.InFlightWork;
import io.drainkit.WorkInFlight;

/**
 * A unit of work that code with its own loop counts in with {@link io.drainkit.Drain#track(String, String)} and out by
 * closing it, once.
 *
 * <p>Thread-safe.
 */
final class TrackedWork implements WorkInFlight {

    private static final WorkNamer<TrackedWork> NAMER =
            WorkNamer.notTraffic((work, age, beforeDrain) -> new InFlightWork(work.kind, work.name, age, beforeDrain));

    private final WorkUnits units;
    private final String kind;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final int ticket;

    TrackedWork(WorkUnits units, String kind, String name) {
        this.units = units;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.name = Objects.requireNonNull(name, "name");
        // Last: the table may name this unit as soon as it holds it.
        this.ticket = units.enter(this, NAMER);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            units.exit(ticket, kind);
        }
    }

    @Override
    public String toString() {
        return kind + " " + name;
    }
}
