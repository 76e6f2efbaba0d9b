// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.List;

import io.drainkit.ApplicationDrain;
import io.drainkit.DrainReport;
import io.drainkit.DrainState;
import io.drainkit.InFlightWork;
import io.drainkit.WorkCount;
import io.drainkit.impl.DrainPhase.Running;

/**
 * The report one application's drain ends with: its timing and figures, the work still running if the deadline cut
 * it (longest first, as many as a report lists) and the count of each kind of work.
 */
final class FinalReport {

    private FinalReport() {}

    /**
     * @param ending     the phase the drain ends from
     * @param atDeadline whether the deadline ends it (what is still in flight is cut)
     * @param nowNanos   the clock now
     * @param inFlight   the table of work in flight
     * @param kinds      the counts by kind
     * @param served     requests completed since the trigger
     * @param application the application's name
     * @return the report
     */
    static DrainReport of(
            Running ending,
            boolean atDeadline,
            long nowNanos,
            InFlightRequests inFlight,
            WorkKinds kinds,
            long served,
            String application) {
        int remaining = atDeadline ? inFlight.count() : 0;
        List<InFlightWork> stillRunning =
                remaining == 0 ? List.of() : inFlight.nameOldest(Integer.MAX_VALUE, nowNanos, ending.startNanos());
        List<WorkCount> work = kinds.summary(served, stillRunning);
        return new DrainReport(
                ending.started().trigger(),
                ending.started().startedAt(),
                Duration.ofNanos(nowNanos - ending.startNanos()),
                ending.reportedDelay(),
                served,
                remaining,
                remaining > 0,
                stillRunning.subList(0, Math.min(stillRunning.size(), DrainReport.MAX_LISTED_REQUESTS)),
                work,
                List.of(new ApplicationDrain(application, DrainState.DRAINED, served, remaining)));
    }
}
