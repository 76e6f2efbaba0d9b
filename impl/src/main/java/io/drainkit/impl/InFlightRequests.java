// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.drainkit.InFlightWork;

/**
 * The work in flight (requests, and the other units of work: timer callbacks, calls, tracked units, participants),
 * kept in a fixed table of slots so that admitting and releasing a unit allocates nothing and takes no lock.
 *
 * <p>{@link #admit(Object, WorkNamer, long)} claims a free slot (starting at a place that depends on the calling thread, so
 * that two threads rarely touch the same cache line) and records the request, how to name it and, if the caller
 * read the clock, its admission time; {@link #release(int)} frees it. When every probed slot is taken the request is still
 * counted, in an overflow counter, but cannot be named in a report. Counting is a scan of the table: cheap
 * enough for the places that need it (draining, readiness data, reports), and never on the hot path.
 *
 * <p>Memory ordering: claiming a slot is a CAS and freeing it a volatile write, so both are full fences.
 * That is what lets {@link DrainCoordinator} test its state right after either without a request slipping
 * between "not draining" and "nothing in flight" (Dekker-style: one side always sees the other's write).
 *
 * <p>Thread-safe.
 */
public final class InFlightRequests {

    /** The ticket of a request that found no free slot: counted, not named. */
    public static final int UNTRACKED = -1;

    /** The admission time of a request admitted without a clock read (while serving: the hot path has none). */
    public static final long NOT_STAMPED = Long.MIN_VALUE;

    private static final Object CLAIMING = new Object();
    private static final int PROBES = 32;

    private final AtomicReferenceArray<Object> requests;
    private final AtomicLongArray admittedAt;
    private final AtomicReferenceArray<WorkNamer<?>> namers;
    private final AtomicInteger untracked = new AtomicInteger();
    private final int mask;

    /**
     * @param capacity slots in the table, rounded up to a power of two
     */
    public InFlightRequests(int capacity) {
        int size = Integer.highestOneBit(Math.max(capacity, PROBES) - 1) << 1;
        this.requests = new AtomicReferenceArray<>(size);
        this.admittedAt = new AtomicLongArray(size);
        this.namers = new AtomicReferenceArray<>(size);
        this.mask = size - 1;
    }

    /**
     * Counts a request in.
     *
     * @param request         what to remember about the request (to name it in a report); not {@code null}
     * @param namer           names it in a report
     * @param admittedAtNanos when, on the drain's nanosecond clock, or {@link #NOT_STAMPED}
     * @param <T>             what the request is
     * @return the ticket to {@link #release(int) release} it with
     */
    public <T> int admit(T request, WorkNamer<? super T> namer, long admittedAtNanos) {
        // The thread's id, not its identity hash: a thread's monitor is often inflated (join, start), and then its
        // identity hash is a call into the VM, which doubled the cost of this method in some JVMs (measured).
        int start = spread(Thread.currentThread().getId());
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & mask;
            if (requests.get(slot) == null && requests.compareAndSet(slot, null, CLAIMING)) {
                // Stamp and name before publishing so that a reader never pairs this request with a stale time or
                // namer.
                admittedAt.setRelease(slot, admittedAtNanos);
                namers.setRelease(slot, namer);
                requests.setRelease(slot, request);
                return slot;
            }
        }
        untracked.incrementAndGet();
        return UNTRACKED;
    }

    /**
     * Counts a request out. Call exactly once per {@link #admit(Object, WorkNamer, long)}.
     *
     * @param ticket what {@link #admit(Object, WorkNamer, long)} returned
     */
    public void release(int ticket) {
        if (ticket == UNTRACKED) {
            untracked.decrementAndGet();
        } else {
            requests.set(ticket, null);
        }
    }

    /**
     * @return the number of requests admitted and not released; exact when nothing moves concurrently
     */
    public int count() {
        int count = untracked.get();
        for (int slot = 0; slot <= mask; slot++) {
            if (requests.get(slot) != null) {
                count++;
            }
        }
        return count;
    }

    /**
     * @return {@code true} if no request is in flight
     */
    public boolean isEmpty() {
        if (untracked.get() != 0) {
            return false;
        }
        for (int slot = 0; slot <= mask; slot++) {
            if (requests.get(slot) != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The longest-running requests now in flight: first those admitted without a time stamp (in no particular
     * order), then the others, earliest admission first.
     *
     * @param limit how many at most
     * @return the requests with their admission times
     */
    public List<Entry> oldest(int limit) {
        List<Entry> entries = new ArrayList<>();
        for (int slot = 0; slot <= mask; slot++) {
            Object request = requests.getAcquire(slot);
            if (request != null && request != CLAIMING) {
                entries.add(new Entry(request, namers.getAcquire(slot), admittedAt.getAcquire(slot)));
            }
        }
        // NOT_STAMPED is Long.MIN_VALUE: the unstamped sort first.
        entries.sort(Comparator.comparingLong(Entry::admittedAtNanos));
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries;
    }

    /**
     * Names the longest-running requests now in flight, for a report cut at the deadline.
     *
     * @param limit           how many at most
     * @param nowNanos        now, on the drain's clock
     * @param drainStartNanos the trigger, on the drain's clock: the age of requests admitted without a time stamp
     *                        is counted from it (they ran at least that long)
     * @return their names, unstamped first, then the earliest admitted
     */
    public List<InFlightWork> nameOldest(int limit, long nowNanos, long drainStartNanos) {
        List<InFlightWork> named = new ArrayList<>();
        for (Entry entry : oldest(limit)) {
            boolean beforeDrain = !entry.stamped();
            Duration age = Duration.ofNanos(nowNanos - (beforeDrain ? drainStartNanos : entry.admittedAtNanos()));
            try {
                named.add(entry.name(age, beforeDrain));
            } catch (RuntimeException recycled) {
                // The container may have recycled the request object the instant it completed.
                named.add(new InFlightWork("?", "?", age, beforeDrain));
            }
        }
        return named;
    }

    private static int spread(long threadId) {
        // Fibonacci hashing: threads with consecutive ids start far apart, on different cache lines (16 compressed
        // references each).
        return (int) ((threadId * 0x9E3779B97F4A7C15L) >>> 40) * 16;
    }

    /**
     * A request in flight and when it was admitted.
     *
     * @param request         what was passed to {@link #admit(Object, WorkNamer, long)}
     * @param namer           how to name it
     * @param admittedAtNanos its admission time, or {@link #NOT_STAMPED}
     */
    public record Entry(Object request, WorkNamer<?> namer, long admittedAtNanos) {

        /**
         * @param age         how long it has run
         * @param beforeDrain whether it was admitted before the drain started
         * @return its name in a report
         */
        @SuppressWarnings("unchecked")
        public InFlightWork name(Duration age, boolean beforeDrain) {
            // Safe: admit() only ever pairs a request with a namer of its own type.
            return ((WorkNamer<Object>) namer).name(request, age, beforeDrain);
        }

        /** @return whether the admission time is known */
        public boolean stamped() {
            return admittedAtNanos != NOT_STAMPED;
        }
    }
}
