package io.drainkit.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongSupplier;

/**
 * The requests in flight, kept in a fixed table of slots so that admitting and releasing a request
 * allocates nothing and takes no lock.
 *
 * <p>{@link #admit(Object)} claims a free slot (starting at a place that depends on the calling thread, so
 * that two threads rarely touch the same cache line) and records the request and its admission time;
 * {@link #release(int)} frees it. When every probed slot is taken the request is still counted, in an
 * overflow counter, but cannot be named in a report. Counting is a scan of the table: cheap enough for
 * the places that need it (draining, readiness data, reports), and never on the hot path.
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

    private static final Object CLAIMING = new Object();
    private static final int PROBES = 32;

    private final AtomicReferenceArray<Object> requests;
    private final AtomicLongArray admittedAt;
    private final AtomicInteger untracked = new AtomicInteger();
    private final int mask;
    private final LongSupplier nanoClock;

    /**
     * @param capacity  slots in the table, rounded up to a power of two
     * @param nanoClock the clock that stamps admissions, in nanoseconds
     */
    public InFlightRequests(int capacity, LongSupplier nanoClock) {
        int size = Integer.highestOneBit(Math.max(capacity, PROBES) - 1) << 1;
        this.requests = new AtomicReferenceArray<>(size);
        this.admittedAt = new AtomicLongArray(size);
        this.mask = size - 1;
        this.nanoClock = nanoClock;
    }

    /**
     * Counts a request in.
     *
     * @param request what to remember about the request (to name it in a report); not {@code null}
     * @return the ticket to {@link #release(int) release} it with
     */
    public int admit(Object request) {
        int start = spread(Thread.currentThread().hashCode());
        for (int i = 0; i < PROBES; i++) {
            int slot = (start + i) & mask;
            if (requests.get(slot) == null && requests.compareAndSet(slot, null, CLAIMING)) {
                // Stamp before publishing so that a reader never pairs this request with a stale time.
                admittedAt.setRelease(slot, nanoClock.getAsLong());
                requests.setRelease(slot, request);
                return slot;
            }
        }
        untracked.incrementAndGet();
        return UNTRACKED;
    }

    /**
     * Counts a request out. Call exactly once per {@link #admit(Object)}.
     *
     * @param ticket what {@link #admit(Object)} returned
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
     * The longest-running requests now in flight, oldest first.
     *
     * @param limit how many at most
     * @return the requests with their age in nanoseconds
     */
    public List<Entry> oldest(int limit) {
        long now = nanoClock.getAsLong();
        List<Entry> entries = new ArrayList<>();
        for (int slot = 0; slot <= mask; slot++) {
            Object request = requests.get(slot);
            if (request != null && request != CLAIMING) {
                entries.add(new Entry(request, now - admittedAt.getAcquire(slot)));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::ageNanos).reversed());
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries;
    }

    private static int spread(int hash) {
        // Threads with neighbouring hash codes start on different cache lines (16 compressed refs each).
        return (hash ^ (hash >>> 16)) * 16;
    }

    /**
     * A request in flight and how long it has been.
     *
     * @param request  what was passed to {@link #admit(Object)}
     * @param ageNanos time since admission
     */
    public record Entry(Object request, long ageNanos) {
    }
}
