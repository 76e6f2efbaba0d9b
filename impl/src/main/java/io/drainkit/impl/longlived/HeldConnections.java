// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.longlived;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.servlet.AsyncContext;

import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainStarted;
import io.drainkit.InFlightWork;
import io.drainkit.LongLivedConnections;
import io.drainkit.impl.DrainClock;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainListener;
import io.drainkit.impl.DrainMessages;
import io.drainkit.impl.WorkNamer;

/**
 * The long-lived connections one application holds, ended by DrainKit when its drain's delay is over, spread over the
 * jitter window ({@link JitterSchedule}). A listener of the application's drain. While any are held, ending them is a
 * unit of work in the drain's in-flight table, from the trigger until the last one was told to go: the drain, and so
 * the preStop call that the server's stop follows, waits for the whole window instead of leaving the rest to be cut at
 * once by the stop.
 *
 * <p>Thread-safe. Each connection is ended at most once, whoever gets there first: the end of the delay, or a
 * registration that arrives after it. What ended on its own is forgotten: streams by their {@code AsyncListener},
 * other connections by {@link Held#forget()} or, when the set has doubled since it was last swept, by a sweep of those
 * no longer open, so that the set never grows with connections long gone.
 */
public final class HeldConnections implements LongLivedConnections, DrainListener {

    /** Below this many held connections, no sweep: it would cost more than it saves. */
    static final int SWEEP_FLOOR = 64;

    private static final int NO_TICKET = Integer.MIN_VALUE;

    private static final WorkNamer<HeldConnections> NAMER =
            WorkNamer.notTraffic((connections, age, beforeDrain) -> new InFlightWork(
                    InFlightWork.LONG_LIVED, "connections (" + connections.held() + " left)", age, beforeDrain));

    private final DrainCoordinator drain;

    private final Set<Entry> held = ConcurrentHashMap.newKeySet();
    private final Duration jitter;
    private final DrainClock clock;
    /** The size at which the next registration sweeps out closed connections. */
    private final AtomicInteger sweepAt = new AtomicInteger(SWEEP_FLOOR);

    private final AtomicInteger ticket = new AtomicInteger(NO_TICKET);
    private volatile boolean delayOver;

    /**
     * @param drain  the application's drain, which waits for the ends
     * @param jitter the window over which the connections are ended, from the end of the delay
     * @param clock  times the later ends
     */
    public HeldConnections(DrainCoordinator drain, Duration jitter, DrainClock clock) {
        this.drain = drain;
        this.jitter = jitter;
        this.clock = clock;
    }

    @Override
    public Held holdOpen(AsyncContext stream, Consumer<? super AsyncContext> lastWords) {
        Entry entry = new Entry(new AsyncStream(stream, lastWords));
        stream.addListener(new AsyncStream.Ended(entry::forget));
        admit(entry);
        return entry;
    }

    @Override
    public Held holdOpen(Connection connection) {
        Entry entry = new Entry(connection);
        admit(entry);
        return entry;
    }

    @Override
    public int held() {
        return held.size();
    }

    @Override
    public void drainStarted(DrainStarted event) {
        if (!held.isEmpty()) {
            // Taken at the trigger, not at the end of the delay: by then the drain may already have seen an empty
            // table.
            ticket.set(drain.work().enter(this, NAMER));
        }
    }

    @Override
    public void delayEnded(DrainDelayEnded event) {
        delayOver = true;
        List<Entry> ending = new ArrayList<>(held);
        JitterSchedule.spread(ending, jitter, clock, this::allToldToGo);
    }

    private void allToldToGo() {
        int taken = ticket.getAndSet(NO_TICKET);
        if (taken != NO_TICKET) {
            drain.work().exit(taken, InFlightWork.LONG_LIVED);
        }
    }

    private void admit(Entry entry) {
        sweepIfGrown();
        held.add(entry);
        // Tested after adding: the end of the delay either finds the entry held or is seen here; it ends once.
        if (delayOver) {
            entry.run();
        }
    }

    private void sweepIfGrown() {
        int threshold = sweepAt.get();
        if (held.size() >= threshold && sweepAt.compareAndSet(threshold, Integer.MAX_VALUE)) {
            held.removeIf(entry -> !entry.connection.isOpen());
            sweepAt.set(Math.max(SWEEP_FLOOR, 2 * held.size()));
        }
    }

    /** One held connection; running it ends the connection, once. */
    private final class Entry implements Held, Runnable {
        final Connection connection;
        private final AtomicBoolean done = new AtomicBoolean();

        Entry(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void forget() {
            done.set(true);
            held.remove(this);
        }

        @Override
        public void run() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            held.remove(this);
            try {
                connection.goAway();
            } catch (Exception | LinkageError failure) {
                DrainMessages.longLivedNotEnded(connection, failure);
            }
        }
    }
}
