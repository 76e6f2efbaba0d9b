package io.drainkit.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import io.drainkit.ApplicationDrain;
import io.drainkit.Drain;
import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightRequest;
import io.drainkit.impl.DrainPhase.Delaying;
import io.drainkit.impl.DrainPhase.Drained;
import io.drainkit.impl.DrainPhase.Running;
import io.drainkit.impl.DrainPhase.Waiting;

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
 * <p>Thread-safe. {@link #enter(Object, WorkNamer)} and {@link #exit(int)} are the per-request hot path: while
 * serving they allocate nothing, take no lock and read no clock.
 */
public final class DrainCoordinator implements Drain {

    /** Slots for naming requests in flight; more concurrent requests are still counted. */
    static final int TRACKED_REQUESTS = 1024;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    private static final AtomicReferenceFieldUpdater<DrainCoordinator, DrainPhase> PHASE =
            AtomicReferenceFieldUpdater.newUpdater(DrainCoordinator.class, DrainPhase.class, "phase");

    private final DrainSettings settings;
    private final DrainClock clock;
    private final InFlightRequests inFlight = new InFlightRequests(TRACKED_REQUESTS);
    private final DrainListeners listeners;
    private final DelaySchedule delaySchedule;
    /** Completed once, by the move to {@link Drained}, before the listeners hear of it. */
    private final CompletableFuture<DrainReport> drained = new CompletableFuture<>();
    private final AtomicLong servedWhileDraining = new AtomicLong();

    private volatile DrainPhase phase = DrainPhase.SERVING;
    /** The application's context path, once the servlet container has started it. */
    private volatile String application = "";
    private volatile DrainPeers peers = DrainPeers.NONE;
    /** Set once the servlet container routes no more requests to the application: later drains have no delay. */
    private volatile boolean outOfService;
    private volatile DrainClock.Cancellable deadlineTimer = () -> { };
    private volatile DrainClock.Cancellable progressTimer = () -> { };

    /**
     * @param settings         the application's validated settings
     * @param clock            time and timers
     * @param listenerExecutor where listeners are called, so that they never hold up the drain
     */
    public DrainCoordinator(DrainSettings settings, DrainClock clock, Executor listenerExecutor) {
        this.settings = settings;
        this.clock = clock;
        this.listeners = new DrainListeners(listenerExecutor);
        this.delaySchedule = new DelaySchedule(settings, clock, this::beginWaiting);
    }

    /**
     * @return this application's part in a drain as it is now: served while draining, and cut (once drained) or
     *         still in flight
     */
    public ApplicationDrain outcome() {
        DrainPhase now = phase;
        int inFlightNow = now instanceof Drained ? ((Drained) now).report().inFlightAtEnd() : inFlight.count();
        return new ApplicationDrain(application, now.state(), servedWhileDraining.get(), inFlightNow);
    }

    /** @return the settings this application's drain follows */
    public DrainSettings settings() {
        return settings;
    }

    // ---- the per-request hot path ------------------------------------------------------------------

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
        if (phase == DrainPhase.SERVING) {
            // The hot path reads no clock (a clock read costs as much as the rest of it): a request admitted while
            // serving is reported, if the deadline cuts it, as running since before the trigger. A drain that starts
            // between this test and the admission still sees the request, as the state is tested again after it.
            return inFlight.admit(request, namer, InFlightRequests.NOT_STAMPED);
        }
        long now = clock.nanoTime();
        delaySchedule.admitted(now);
        return inFlight.admit(request, namer, now);
    }

    /** @return {@code true} from the trigger on: responses should now carry {@code Connection: close} */
    public boolean isDraining() {
        return phase != DrainPhase.SERVING;
    }

    /**
     * @return {@code true} once the delay is over: what arrives now arrives late (the admitting side decides what
     *         to do with it)
     */
    public boolean isDelayOver() {
        DrainPhase now = phase;
        return now instanceof Waiting || now instanceof Drained;
    }

    /**
     * Counts a request out; call exactly once per {@link #enter(Object, WorkNamer)}, when its response is complete.
     *
     * @param ticket what {@link #enter(Object, WorkNamer)} returned
     */
    public void exit(int ticket) {
        inFlight.release(ticket);
        DrainPhase now = phase;
        if (now != DrainPhase.SERVING) {
            servedWhileDraining.incrementAndGet();
            if (now instanceof Waiting && inFlight.isEmpty()) {
                finish(false);
            }
        }
    }

    // ---- Drain ---------------------------------------------------------------------------------------

    @Override
    public DrainState state() {
        return phase.state();
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
     * Starts the drain of this application and of its peers (see {@link #drainWith(DrainPeers)}), or joins the
     * drain already running. The drain taking part uses the longest delay and the latest deadline of them all. A
     * container shutdown starts the peers only while the JVM itself is stopping: undeploying one application must
     * not take the others out of service.
     *
     * @return completes with the report of every application taking part, this one first, when all have ended
     *         (or at the deadline, with the peers as they are then)
     */
    @Override
    public CompletionStage<DrainReport> start(DrainTrigger trigger) {
        if (phase == DrainPhase.SERVING) {
            boolean serverStopping = trigger != DrainTrigger.CONTAINER_SHUTDOWN || JvmShutdown.inProgress();
            List<DrainPeers.Peer> taking = serverStopping ? peers.takingPart() : List.of();
            Duration delay = settings.delay();
            Duration timeout = settings.timeout();
            for (DrainPeers.Peer peer : taking) {
                delay = max(delay, peer.delay());
                timeout = max(timeout, peer.timeout());
            }
            if (outOfService) {
                // The container stopped routing to the application that starts the drain: the server is stopping,
                // and a delay, here or in a peer, would keep it up serving nobody.
                delay = Duration.ZERO;
            }
            long nanos = clock.nanoTime();
            CompletableFuture<DrainReport> whole = taking.isEmpty() ? drained : new CompletableFuture<>();
            if (begin(trigger, nanos, delay, timeout, whole) && !taking.isEmpty()) {
                PeerDrains.await(taking, nanos, delay, timeout, drained, whole, clock);
            }
        }
        return wholeStage();
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
    public CompletionStage<DrainReport> join(DrainTrigger trigger, long startNanos, Duration delay,
            Duration timeout) {
        if (phase == DrainPhase.SERVING) {
            begin(trigger, startNanos, delay, timeout, drained);
        }
        return drained.minimalCompletionStage();
    }

    /**
     * @param application the application's context path, for reports, health checks and the MBean
     */
    public void nameApplication(String application) {
        this.application = application;
    }

    /**
     * @param peers the applications that drain together with this one from now on
     */
    public void drainWith(DrainPeers peers) {
        this.peers = peers;
    }

    @Override
    public Optional<DrainReport> awaitDrained(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(drained.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException notYet) {
            return Optional.empty();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private CompletionStage<DrainReport> wholeStage() {
        DrainPhase now = phase;
        if (now instanceof Running) {
            return ((Running) now).whole().minimalCompletionStage();
        }
        return now instanceof Drained ? ((Drained) now).whole().minimalCompletionStage()
                : drained.minimalCompletionStage();
    }

    @Override
    public Optional<DrainReport> report() {
        DrainPhase now = phase;
        return now instanceof Drained ? Optional.of(((Drained) now).report()) : Optional.empty();
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

    /** @param listener told when the drain starts, when its delay ends and when it ends, on a DrainKit thread */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** @param listener no longer told */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    // ---- the state machine ------------------------------------------------------------------------------

    /** @return whether this call started the drain (it was serving) */
    private boolean begin(DrainTrigger trigger, long startNanos, Duration sharedDelay, Duration timeout,
            CompletableFuture<DrainReport> whole) {
        Duration elapsed = Duration.ofNanos(Math.max(0, clock.nanoTime() - startNanos));
        Instant startedAt = clock.now().minus(elapsed);
        // Out of service, the delay's readiness DOWN and Connection: close would reach nobody.
        Duration delay = outOfService ? Duration.ZERO : sharedDelay;
        Delaying delaying = new Delaying(new DrainStarted(trigger, startedAt, delay, startedAt.plus(timeout)),
                startNanos, whole);
        if (!PHASE.compareAndSet(this, DrainPhase.SERVING, delaying)) {
            return false;
        }
        DrainStarted event = delaying.started();
        DrainMessages.drainStarted(event.trigger(), event.delay(), event.deadline(), inFlight.count());
        listeners.started(event);
        deadlineTimer = clock.schedule(() -> finish(true), timeout.minus(elapsed));
        delaySchedule.start(startNanos, delay);
        return true;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private void beginWaiting() {
        DrainPhase now = phase;
        if (!(now instanceof Delaying)) {
            return;
        }
        Delaying delaying = (Delaying) now;
        Waiting waiting = new Waiting(delaying.started(), delaying.startNanos(),
                Duration.ofNanos(clock.nanoTime() - delaying.startNanos()), delaying.whole());
        if (!PHASE.compareAndSet(this, delaying, waiting)) {
            return;
        }
        listeners.delayEnded(new DrainDelayEnded(clock.now(), waiting.delayUsed(), inFlight.count()));
        // Tested after the move to Waiting: an exit racing with us either sees Waiting or is seen here.
        if (inFlight.isEmpty()) {
            finish(false);
        } else {
            progressTimer = clock.schedule(this::reportProgress, PROGRESS_INTERVAL);
        }
    }

    private void reportProgress() {
        DrainPhase now = phase;
        if (now instanceof Running) {
            Duration elapsed = Duration.ofNanos(clock.nanoTime() - ((Running) now).startNanos());
            DrainMessages.waiting(inFlight.count(), elapsed, settings.timeout().minus(elapsed));
            progressTimer = clock.schedule(this::reportProgress, PROGRESS_INTERVAL);
        }
    }

    private void finish(boolean atDeadline) {
        DrainPhase now;
        Drained drainedPhase;
        do {
            now = phase;
            if (!(now instanceof Running)) {
                return;
            }
            drainedPhase = new Drained(report((Running) now, atDeadline), ((Running) now).whole());
        } while (!PHASE.compareAndSet(this, now, drainedPhase));
        delaySchedule.cancel();
        deadlineTimer.cancel();
        progressTimer.cancel();
        DrainReport report = drainedPhase.report();
        DrainMessages.drainCompleted(report);
        DrainMessages.stillInFlight(report.stillInFlight());
        drained.complete(report);
        listeners.completed(report);
    }

    private DrainReport report(Running ending, boolean atDeadline) {
        long nowNanos = clock.nanoTime();
        int remaining = atDeadline ? inFlight.count() : 0;
        List<InFlightRequest> stillRunning = remaining == 0 ? List.of()
                : inFlight.nameOldest(DrainReport.MAX_LISTED_REQUESTS, nowNanos, ending.startNanos());
        long served = servedWhileDraining.get();
        return new DrainReport(ending.started().trigger(), ending.started().startedAt(),
                Duration.ofNanos(nowNanos - ending.startNanos()), ending.reportedDelay(), served,
                remaining, remaining > 0, stillRunning,
                List.of(new ApplicationDrain(application, DrainState.DRAINED, served, remaining)));
    }

    /** Told when a drain starts and ends; called on a DrainKit thread, one call at a time, in order. */
    public interface Listener {
        /** @param event the drain has started */
        default void drainStarted(DrainStarted event) {
        }

        /** @param event the delay is over; the drain now waits for the requests in flight */
        default void delayEnded(DrainDelayEnded event) {
        }

        /** @param report the drain has ended */
        default void drainCompleted(DrainReport report) {
        }
    }
}
