// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

/**
 * Where the work that is not an HTTP request enters and leaves a drain: the calls and timer callbacks of
 * {@code @Drained} beans, tracked units, participants. It shares the requests' table, so that the drain waits for it
 * and a report names it the same way, and leaves with its kind, so that a report can count it by kind.
 *
 * <p>Thread-safe. While the application serves, {@link #enter} and {@link #exit} allocate nothing, take no lock and
 * read no clock, as the requests' hot path.
 */
public final class WorkUnits {

    private final DrainCoordinator coordinator;
    private final WorkKinds kinds;

    WorkUnits(DrainCoordinator coordinator, WorkKinds kinds) {
        this.coordinator = coordinator;
        this.kinds = kinds;
    }

    /**
     * Counts a unit in, as {@link DrainCoordinator#enter(Object, WorkNamer)}.
     *
     * @param work  what to name it by, if the deadline cuts it
     * @param namer names it then; a constant made with {@link WorkNamer#notTraffic}, so that admitting allocates
     *              nothing and does not hold off a quiet period
     * @param <T>   what the work is
     * @return the ticket for {@link #exit(int, String)}
     */
    public <T> int enter(T work, WorkNamer<? super T> namer) {
        return coordinator.enter(work, namer);
    }

    /**
     * Counts a unit out, once per {@link #enter}, and, while draining, counts it as served by its kind.
     *
     * @param ticket what {@link #enter} returned
     * @param kind   its kind, as its namer names it
     */
    public void exit(int ticket, String kind) {
        if (coordinator.isDraining()) {
            // Before the exit, which may end the drain and make its report.
            kinds.served(kind);
        }
        coordinator.exit(ticket);
    }

    /** @return see {@link DrainCoordinator#isDelayOver()}: a unit that begins now begins late */
    public boolean isDelayOver() {
        return coordinator.isDelayOver();
    }
}
