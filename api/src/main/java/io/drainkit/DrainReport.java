// SPDX-License-Identifier: Apache-2.0
package io.drainkit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What happened during one drain. Immutable and safe to share between threads.
 *
 * @param trigger         what started the drain
 * @param startedAt       when the drain was triggered
 * @param duration        from the trigger to the end of the drain
 * @param delay           how long the application kept serving with readiness DOWN before it waited for the
 *                        requests in flight: the configured delay, or less when a quiet period ended it early
 * @param requestsServed  HTTP requests that completed between the trigger and the end of the drain
 * @param inFlightAtEnd   units of work (requests and the rest) still running when the drain ended (0 unless the
 *                        deadline cut them)
 * @param deadlineReached {@code true} if the drain ended because its deadline passed with work in flight
 * @param stillInFlight   the longest-running units of work still in flight at the deadline, each named by kind and
 *                        name, at most {@value #MAX_LISTED_REQUESTS}: those admitted before the drain started first,
 *                        then the others, oldest first; empty when nothing was cut
 * @param work            each kind of work the drain saw, requests first, then the others by name: how many units of
 *                        it were served and cut
 * @param applications    every application this drain covered, this one first: one entry unless the drain
 *                        covered every DrainKit application of the server ({@code drainkit.scope=server})
 * @since 0.1
 */
public record DrainReport(
        DrainTrigger trigger,
        Instant startedAt,
        Duration duration,
        Duration delay,
        long requestsServed,
        int inFlightAtEnd,
        boolean deadlineReached,
        List<InFlightWork> stillInFlight,
        List<WorkCount> work,
        List<ApplicationDrain> applications) {

    /** The most units of work a report lists in {@link #stillInFlight()}. */
    public static final int MAX_LISTED_REQUESTS = 10;

    /**
     * Checks the components and makes the lists unmodifiable copies.
     */
    public DrainReport {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(applications, "applications");
        stillInFlight = List.copyOf(stillInFlight);
        work = List.copyOf(work);
        applications = List.copyOf(applications);
    }

    /**
     * @param others the other applications that took part, as they were when this report was made
     * @return this report with {@code others} listed after the applications it lists already
     */
    public DrainReport withApplications(List<ApplicationDrain> others) {
        List<ApplicationDrain> all = new ArrayList<>(applications);
        all.addAll(others);
        return new DrainReport(
                trigger,
                startedAt,
                duration,
                delay,
                requestsServed,
                inFlightAtEnd,
                deadlineReached,
                stillInFlight,
                work,
                all);
    }
}
