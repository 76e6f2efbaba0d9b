// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import io.drainkit.InFlightWork;
import io.drainkit.WorkCount;

/**
 * Counts, by kind, the units of work other than requests that completed while draining, so that a report can say how
 * much of each kind the drain saw. Requests are what is left of the coordinator's total: counting them here would
 * cost their hot path a map lookup. Touched only while draining.
 *
 * <p>Thread-safe.
 */
final class WorkKinds {

    private final Map<String, LongAdder> served = new ConcurrentHashMap<>();

    /** @param kind a unit of this kind, not a request, completed while draining */
    void served(String kind) {
        served.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    /** @return units other than requests completed while draining */
    long servedOtherThanRequests() {
        return served.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /**
     * @param requestsServed requests completed while draining
     * @param cut            every unit still in flight at the end, named
     * @return requests first, then the other kinds the drain saw, by name
     */
    List<WorkCount> summary(long requestsServed, List<InFlightWork> cut) {
        Map<String, long[]> counts = new TreeMap<>();
        served.forEach((kind, count) -> counts.computeIfAbsent(kind, k -> new long[2])[0] = count.sum());
        cut.forEach(unit -> counts.computeIfAbsent(unit.kind(), k -> new long[2])[1]++);
        long[] requests = counts.remove(InFlightWork.REQUEST);
        List<WorkCount> summary = new ArrayList<>();
        summary.add(new WorkCount(InFlightWork.REQUEST, requestsServed, requests == null ? 0 : (int) requests[1]));
        counts.forEach((kind, count) -> summary.add(new WorkCount(kind, count[0], (int) count[1])));
        return summary;
    }
}
