// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

import io.drainkit.ApplicationDrain;
import io.drainkit.Drain;
import io.drainkit.DrainReport;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.WorkInFlight;

/**
 * One application's drain: the state machine and its clock. Knows no servlet or CDI type; the filter,
 * the endpoints and the CDI extension only ask it or tell it.
 *
 * <p>Trigger → {@link DrainState#DRAINING} (readiness DOWN) → the delay, serving as before → waiting until
 * nothing is in flight → {@link DrainState#DRAINED}. The deadline is absolute, counted from the trigger.
 * The first trigger starts the drain; later ones join it. Nothing polls: the waiter is released by the
 * request whose exit empties the table, by the end of the delay if nothing is in flight then, or by the
 * deadline timer. The state is one immutable {@link DrainPhase}, moved forward by compare-and-set.
 *
 * <p>It counts units of work: HTTP requests, and through {@link #work()} the work that is not a request.
 *
 * <p>Thread-safe. {@link #enter(Object, WorkNamer)} and {@link #exit(int)} are the per-request hot path: while
 * serving they allocate nothing, take no lock and read no clock.
 */
public final class DrainCoordinator implements Drain {

    /** Slots for naming requests in flight; more concurrent requests are still counted. */
    static final int TRACKED_REQUESTS = 1024;

    private final DrainSettings settings;
    private final DrainClock clock;
    private final InFlightRequests inFlight = new InFlightRequests(TRACKED_REQUESTS);
    private final DrainListeners listeners;
    private final DrainRun run;
    private final WorkUnits work;
    /** The application's context path, once the servlet container has started it. */
    private volatile String application = "";

    private volatile DrainPeers peers = DrainPeers.NONE;
    /** Set once the servlet container routes no more requests to the application: later drains have no delay. */
    private volatile boolean outOfService;

    /**
     * @param settings         the application's validated settings
     * @param clock            time and timers
     * @param listenerExecutor where listeners are called, so that they never hold up the drain
     */
    public DrainCoordinator(DrainSettings settings, DrainClock clock, Executor listenerExecutor) {
        this.settings = settings;
        this.clock = clock;
        this.listeners = new DrainListeners(listenerExecutor);
        WorkKinds kinds = new WorkKinds();
        this.run = new DrainRun(settings, clock, inFlight, listeners, kinds, this::application);
        this.work = new WorkUnits(this, kinds);
    }

    /** @return this application's part in a drain as it is now: served, and cut (once drained) or in flight */
    public ApplicationDrain outcome() {
        return run.outcome(application);
    }

    /**
     * How long a waiter for the drain should wait: until the deadline of the drain that runs, which a drain shared with
     * peers takes from the latest of their timeouts, not from this application's own.
     *
     * @param margin added for the stop after the deadline
     * @return the time left to the running drain's deadline plus {@code margin}; {@code margin} once it has ended; the
     *         configured timeout plus {@code margin} before a trigger
     */
    public Duration waitLimit(Duration margin) {
        return run.waitLimit(margin);
    }

    /** @return the settings this application's drain follows */
    public DrainSettings settings() {
        return settings;
    }

    /**
     * Counts a request in. Call {@link #isDraining()} after this, never before: counting first means a
     * request is either seen by the drain or sees the drain, never neither.
     *
     * @param request the request (or other unit of work), kept only to name it if the deadline cuts it
     * @param namer   names it then; a constant, so that admitting allocates nothing
     * @param <T>     what the request is
     * @return the ticket for {@link #exit(int)}
     */
    public <T> int enter(T request, WorkNamer<? super T> namer) {
        if (run.phase() == DrainPhase.SERVING) {
            // The hot path reads no clock (a clock read costs as much as the rest of it): a request admitted while
            // serving is reported, if the deadline cuts it, as running since before the trigger. A drain that starts
            // between this test and the admission still sees the request, as the state is tested again after it.
            return inFlight.admit(request, namer, InFlightRequests.NOT_STAMPED);
        }
        long now = clock.nanoTime();
        if (namer.isTraffic()) {
            run.admitted(now);
        }
        return inFlight.admit(request, namer, now);
    }

    /** @return {@code true} from the trigger on: responses should now carry {@code Connection: close} */
    public boolean isDraining() {
        return run.phase() != DrainPhase.SERVING;
    }

    /**
     * @return {@code true} once the delay is over: what arrives now arrives late (the admitting side decides what
     *         to do with it)
     */
    public boolean isDelayOver() {
        return run.isDelayOver();
    }

    /**
     * Counts a request out; call exactly once per {@link #enter(Object, WorkNamer)}, when its response is complete.
     *
     * @param ticket what {@link #enter(Object, WorkNamer)} returned
     */
    public void exit(int ticket) {
        inFlight.release(ticket);
        DrainPhase now = run.phase();
        if (now != DrainPhase.SERVING) {
            run.exitedWhileDraining();
        }
    }

    /** @return where the work that is not a request enters and leaves */
    public WorkUnits work() {
        return work;
    }

    @Override
    public WorkInFlight track(String kind, String name) {
        return new TrackedWork(work, kind, name);
    }

    @Override
    public boolean acceptsNewWork() {
        return !isDelayOver();
    }

    @Override
    public DrainState state() {
        return run.phase().state();
    }

    @Override
    public int inFlight() {
        return inFlight.count();
    }

    @Override
    public String application() {
        return application;
    }

    /**
     * Starts the drain of this application and of its peers (see {@link #drainWith(DrainPeers)} and
     * {@link PeerDrains}), or joins the drain already running. A container shutdown starts the peers only while the
     * JVM itself is stopping: undeploying one application must not take the others out of service.
     *
     * @return completes with the report of every application taking part, this one first, when all have ended
     */
    @Override
    public CompletionStage<DrainReport> start(DrainTrigger trigger) {
        if (run.phase() == DrainPhase.SERVING) {
            boolean serverStopping = trigger != DrainTrigger.CONTAINER_SHUTDOWN || JvmShutdown.inProgress();
            PeerDrains.start(
                    run, trigger, serverStopping ? peers.takingPart() : List.of(), settings, outOfService, clock);
        }
        return run.wholeStage();
    }

    /**
     * Starts this application's drain with the timing another application chose for every one taking part, or
     * joins the drain already running. Starts no peer.
     *
     * @param trigger    what started it
     * @param startNanos the trigger, on {@link System#nanoTime()}
     * @param delay      the shared delay
     * @param timeout    the shared deadline, from {@code startNanos}
     * @return completes with this application's report when its drain has ended
     */
    public CompletionStage<DrainReport> join(DrainTrigger trigger, long startNanos, Duration delay, Duration timeout) {
        // Out of service, the delay's readiness DOWN and Connection: close would reach nobody.
        run.begin(trigger, startNanos, outOfService ? Duration.ZERO : delay, timeout, run.drained());
        return run.drained().minimalCompletionStage();
    }

    /** @param application the application's context path, for reports, health checks and the MBean */
    public void nameApplication(String application) {
        this.application = application;
    }

    /** @param peers the applications that drain together with this one from now on */
    public void drainWith(DrainPeers peers) {
        this.peers = peers;
    }

    @Override
    public Optional<DrainReport> awaitDrained(Duration timeout) throws InterruptedException {
        return run.awaitDrained(timeout);
    }

    @Override
    public Optional<DrainReport> report() {
        return run.report();
    }

    /**
     * The servlet container routes no more requests to the application (it is destroying its servlet context). A
     * drain that starts from now on skips the delay, whose readiness DOWN and {@code Connection: close} would reach
     * nobody, and only waits for what is still in flight. WildFly, Open Liberty and Payara destroy the servlet context
     * before CDI's shutdown events reach DrainKit; without this a SIGTERM without a preStop call would keep the stopping
     * server up for the whole delay, serving nobody. A drain already running keeps its delay.
     */
    public void containerStoppedRouting() {
        outOfService = true;
    }

    /** @param metrics where the drain's figures are recorded from now on ({@link DrainMetrics#NONE} to stop) */
    public void recordWith(DrainMetrics metrics) {
        run.recordWith(metrics);
    }

    /** @return where the drain's figures are recorded: {@link DrainMetrics#NONE} unless telemetry is on */
    public DrainMetrics metrics() {
        return run.metrics();
    }

    /** @param listener told when the drain starts, when its delay ends and when it ends, on a DrainKit thread */
    public void addListener(DrainListener listener) {
        listeners.add(listener);
    }

    /** @param listener no longer told */
    public void removeListener(DrainListener listener) {
        listeners.remove(listener);
    }
}
