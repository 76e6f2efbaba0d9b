package io.drainkit.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.drainkit.Drain;
import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightRequest;

/**
 * One application's drain: the state machine and its clock. Knows no servlet or CDI type; the filter,
 * the endpoints and the CDI extension only ask it or tell it.
 *
 * <p>Trigger → {@link DrainState#DRAINING} (readiness DOWN) → the delay, serving as before → waiting until
 * nothing is in flight → {@link DrainState#DRAINED}. The deadline is absolute, counted from the trigger.
 * The first trigger starts the drain; later ones join it. Nothing polls: the waiter is released by the
 * request whose exit empties the table, by the end of the delay if nothing is in flight then, or by the
 * deadline timer.
 *
 * <p>Thread-safe. {@link #enter(Object, WorkNamer)} and {@link #exit(int)} are the per-request hot path: while
 * serving they allocate nothing, take no lock and read no clock.
 */
public final class DrainCoordinator implements Drain {

    /** Slots for naming requests in flight; more concurrent requests are still counted. */
    static final int TRACKED_REQUESTS = 1024;
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private final DrainSettings settings;
    private final DrainClock clock;
    private final InFlightRequests inFlight;
    private final Executor listenerExecutor;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<DrainReport> drained = new CompletableFuture<>();
    private final AtomicReference<DrainStarted> started = new AtomicReference<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final AtomicLong servedWhileDraining = new AtomicLong();

    private volatile DrainState state = DrainState.SERVING;
    /** Set once the servlet container routes no more requests to the application: later drains have no delay. */
    private volatile boolean outOfService;
    /** Set once the delay is over; from then on the exit that empties the table ends the drain. */
    private volatile boolean waiting;
    private volatile long startNanos;
    /** While draining, when the last request was admitted: the quiet-period delay ends on its silence. */
    private volatile long lastAdmissionNanos;
    private volatile Duration delayUsed = Duration.ZERO;
    private volatile DrainClock.Cancellable delayTimer = () -> { };
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
        this.listenerExecutor = listenerExecutor;
        this.inFlight = new InFlightRequests(TRACKED_REQUESTS);
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
        if (state == DrainState.SERVING) {
            // The hot path reads no clock (a clock read costs as much as the rest of it): a request admitted while
            // serving is reported, if the deadline cuts it, as running since before the trigger. A drain that starts
            // between this test and the admission still sees the request, as the state is tested again after it.
            return inFlight.admit(request, namer, InFlightRequests.NOT_STAMPED);
        }
        long now = clock.nanoTime();
        lastAdmissionNanos = now;
        return inFlight.admit(request, namer, now);
    }

    /**
     * @return {@code true} once the delay is over and the drain waits for the work in flight: what arrives now
     *         arrives late (the admitting side decides what to do with it)
     */
    public boolean isDelayOver() {
        return waiting;
    }

    /** @return {@code true} from the trigger on: responses should now carry {@code Connection: close} */
    public boolean isDraining() {
        return state != DrainState.SERVING;
    }

    /**
     * Counts a request out; call exactly once per {@link #enter(Object, WorkNamer)}, when its response is complete.
     *
     * @param ticket what {@link #enter(Object, WorkNamer)} returned
     */
    public void exit(int ticket) {
        inFlight.release(ticket);
        if (state != DrainState.SERVING) {
            servedWhileDraining.incrementAndGet();
            if (waiting && inFlight.isEmpty()) {
                finish(false);
            }
        }
    }

    // ---- Drain ---------------------------------------------------------------------------------------

    @Override
    public DrainState state() {
        return state;
    }

    @Override
    public int inFlight() {
        return inFlight.count();
    }

    @Override
    public CompletionStage<DrainReport> start(DrainTrigger trigger) {
        if (started.get() == null) {
            long nanos = clock.nanoTime();
            Instant now = clock.now();
            DrainStarted event = new DrainStarted(trigger, now, delay(), now.plus(settings.timeout()));
            if (started.compareAndSet(null, event)) {
                begin(event, nanos);
            }
        }
        return drained.minimalCompletionStage();
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

    @Override
    public Optional<DrainReport> report() {
        return Optional.ofNullable(drained.getNow(null));
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

    // ---- wiring ---------------------------------------------------------------------------------------

    /** @param listener told when the drain starts and ends, on a DrainKit thread */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** @param listener no longer told */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    // ---- the state machine ------------------------------------------------------------------------------

    private Duration delay() {
        // A disabled application has no delay: its settings say so.
        return outOfService ? Duration.ZERO : settings.delay();
    }

    private void begin(DrainStarted event, long nanos) {
        startNanos = nanos;
        lastAdmissionNanos = nanos;
        state = DrainState.DRAINING;
        DrainMessages.drainStarted(event.trigger(), event.delay(), event.deadline(), inFlight.count());
        notifyListeners("DrainStarted", listener -> listener.drainStarted(event));
        deadlineTimer = clock.schedule(() -> finish(true), settings.timeout());
        if (event.delay().isZero()) {
            beginWaiting();
        } else if (settings.quietPeriod().isPresent()) {
            delayTimer = clock.schedule(this::endDelayIfQuiet, settings.minDelay());
        } else {
            delayTimer = clock.schedule(this::beginWaiting, event.delay());
        }
    }

    /**
     * Ends the delay once no request has been admitted for the quiet period (and the minimum delay is over), or
     * at the full delay. Re-armed at most once per quiet period, only while requests keep arriving.
     */
    private void endDelayIfQuiet() {
        long now = clock.nanoTime();
        long delayLeft = delay().toNanos() - (now - startNanos);
        long quietLeft = settings.quietPeriod().orElseThrow().toNanos() - (now - lastAdmissionNanos);
        if (delayLeft <= 0 || quietLeft <= 0) {
            beginWaiting();
        } else {
            delayTimer = clock.schedule(this::endDelayIfQuiet, Duration.ofNanos(Math.min(delayLeft, quietLeft)));
        }
    }

    private void beginWaiting() {
        if (finishing.get()) {
            return;
        }
        delayUsed = Duration.ofNanos(clock.nanoTime() - startNanos);
        waiting = true;
        DrainDelayEnded delayEnded = new DrainDelayEnded(clock.now(), delayUsed, inFlight.count());
        notifyListeners("DrainDelayEnded", listener -> listener.delayEnded(delayEnded));
        // Written after 'waiting' so that an exit racing with us either sees 'waiting' or is seen here.
        if (inFlight.isEmpty()) {
            finish(false);
        } else {
            progressTimer = clock.schedule(this::reportProgress, PROGRESS_INTERVAL);
        }
    }

    private void reportProgress() {
        if (finishing.get()) {
            return;
        }
        Duration elapsed = Duration.ofNanos(clock.nanoTime() - startNanos);
        DrainMessages.waiting(inFlight.count(), elapsed, settings.timeout().minus(elapsed));
        progressTimer = clock.schedule(this::reportProgress, PROGRESS_INTERVAL);
    }

    private void finish(boolean atDeadline) {
        if (!finishing.compareAndSet(false, true)) {
            return;
        }
        delayTimer.cancel();
        deadlineTimer.cancel();
        progressTimer.cancel();
        int remaining = atDeadline ? inFlight.count() : 0;
        List<InFlightRequest> stillRunning = remaining == 0 ? List.of() : describeOldest();
        DrainStarted event = started.get();
        DrainReport report = new DrainReport(event.trigger(), event.startedAt(),
                Duration.ofNanos(clock.nanoTime() - startNanos), waiting ? delayUsed : event.delay(),
                servedWhileDraining.get(),
                remaining, remaining > 0, stillRunning);
        state = DrainState.DRAINED;
        DrainMessages.drainCompleted(report);
        DrainMessages.stillInFlight(stillRunning);
        drained.complete(report);
        notifyListeners("DrainCompleted", listener -> listener.drainCompleted(report));
    }

    private List<InFlightRequest> describeOldest() {
        long now = clock.nanoTime();
        return inFlight.oldest(DrainReport.MAX_LISTED_REQUESTS).stream()
                .map(entry -> nameSafely(entry, now))
                .collect(Collectors.toList());
    }

    private InFlightRequest nameSafely(InFlightRequests.Entry entry, long now) {
        boolean beforeDrain = !entry.stamped();
        Duration age = Duration.ofNanos(now - (beforeDrain ? startNanos : entry.admittedAtNanos()));
        try {
            return entry.name(age, beforeDrain);
        } catch (RuntimeException recycled) {
            // The container may have recycled the request object the instant it completed.
            return new InFlightRequest("?", "?", age, beforeDrain);
        }
    }

    private void notifyListeners(String event, Consumer<Listener> call) {
        for (Listener listener : listeners) {
            listenerExecutor.execute(() -> {
                try {
                    call.accept(listener);
                } catch (RuntimeException | LinkageError failure) {
                    DrainMessages.observerFailed(event, failure);
                }
            });
        }
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
