// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Supplier;

import io.drainkit.ApplicationDrain;
import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;
import io.drainkit.DrainTrigger;
import io.drainkit.impl.DrainPhase.Delaying;
import io.drainkit.impl.DrainPhase.Drained;
import io.drainkit.impl.DrainPhase.Running;
import io.drainkit.impl.DrainPhase.Waiting;

/**
 * One application's drain once triggered: its phase, moved forward by compare-and-set (see {@link DrainPhase}), its
 * timers (the delay, the deadline, the progress line) and what it tells the listeners. {@link DrainCoordinator} is its
 * face: it admits the work and decides when and with which timing a drain starts.
 *
 * <p>Thread-safe. {@link #phase()} is read on the hot path: one volatile read.
 */
final class DrainRun {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);
    private static final AtomicReferenceFieldUpdater<DrainRun, DrainPhase> PHASE =
            AtomicReferenceFieldUpdater.newUpdater(DrainRun.class, DrainPhase.class, "phase");

    private final DrainSettings settings;
    private final DrainClock clock;
    private final InFlightRequests inFlight;
    private final DrainListeners listeners;
    private final WorkKinds kinds;
    private final Supplier<String> application;
    private final DelaySchedule delaySchedule;
    /** Completed once, by the move to {@link Drained}, before the listeners hear of it. */
    private final CompletableFuture<DrainReport> drained = new CompletableFuture<>();

    private final AtomicLong servedWhileDraining = new AtomicLong();
    private volatile DrainPhase phase = DrainPhase.SERVING;
    private volatile DrainMetrics metrics = DrainMetrics.NONE;
    private volatile DrainClock.Cancellable deadlineTimer = () -> {};
    private volatile DrainClock.Cancellable progressTimer = () -> {};

    DrainRun(
            DrainSettings settings,
            DrainClock clock,
            InFlightRequests inFlight,
            DrainListeners listeners,
            WorkKinds kinds,
            Supplier<String> application) {
        this.settings = settings;
        this.clock = clock;
        this.inFlight = inFlight;
        this.listeners = listeners;
        this.kinds = kinds;
        this.application = application;
        this.delaySchedule = new DelaySchedule(settings, clock, this::beginWaiting);
    }

    DrainPhase phase() {
        return phase;
    }

    /** @return see {@link DrainCoordinator#isDelayOver()} */
    boolean isDelayOver() {
        DrainPhase now = phase;
        return now instanceof Waiting || now instanceof Drained;
    }

    void recordWith(DrainMetrics metrics) {
        this.metrics = metrics;
    }

    DrainMetrics metrics() {
        return metrics;
    }

    /** @return see {@link DrainCoordinator#awaitDrained(Duration)} */
    Optional<DrainReport> awaitDrained(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(drained.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException notYet) {
            return Optional.empty();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** @return completes with this application's report, once */
    CompletableFuture<DrainReport> drained() {
        return drained;
    }

    /** @return requests completed since the trigger (the other units of work are counted by kind) */
    long requestsServed() {
        return servedWhileDraining.get() - kinds.servedOtherThanRequests();
    }

    /** @return the report, once drained */
    Optional<DrainReport> report() {
        DrainPhase now = phase;
        return now instanceof Drained ? Optional.of(((Drained) now).report()) : Optional.empty();
    }

    /** @return completes with the report of every application taking part in the drain, once it runs */
    CompletionStage<DrainReport> wholeStage() {
        DrainPhase now = phase;
        if (now instanceof Running) {
            return ((Running) now).whole().minimalCompletionStage();
        }
        return now instanceof Drained
                ? ((Drained) now).whole().minimalCompletionStage()
                : drained.minimalCompletionStage();
    }

    /** @return see {@link DrainCoordinator#outcome()} */
    ApplicationDrain outcome(String name) {
        DrainPhase now = phase;
        int inFlightNow = now instanceof Drained ? ((Drained) now).report().inFlightAtEnd() : inFlight.count();
        return new ApplicationDrain(name, now.state(), requestsServed(), inFlightNow);
    }

    /** @return see {@link DrainCoordinator#waitLimit(Duration)} */
    Duration waitLimit(Duration margin) {
        DrainPhase now = phase;
        if (now instanceof Running) {
            Duration left =
                    Duration.between(clock.now(), ((Running) now).started().deadline());
            return (left.isNegative() ? Duration.ZERO : left).plus(margin);
        }
        return now instanceof Drained ? margin : settings.timeout().plus(margin);
    }

    /** @param nanos a request was admitted now, while draining */
    void admitted(long nanos) {
        delaySchedule.admitted(nanos);
    }

    /** A unit of work completed while draining: after the delay, the one that empties the table ends the drain. */
    void exitedWhileDraining() {
        servedWhileDraining.incrementAndGet();
        if (phase instanceof Waiting && inFlight.isEmpty()) {
            finish(false);
        }
    }

    /** @return whether this call started the drain (it was serving) */
    boolean begin(
            DrainTrigger trigger,
            long startNanos,
            Duration delay,
            Duration timeout,
            CompletableFuture<DrainReport> whole) {
        Duration elapsed = Duration.ofNanos(Math.max(0, clock.nanoTime() - startNanos));
        Instant startedAt = clock.now().minus(elapsed);
        Delaying delaying =
                new Delaying(new DrainStarted(trigger, startedAt, delay, startedAt.plus(timeout)), startNanos, whole);
        if (!PHASE.compareAndSet(this, DrainPhase.SERVING, delaying)) {
            return false;
        }
        DrainStarted event = delaying.started();
        DrainMessages.drainStarted(event.trigger(), event.delay(), event.deadline(), inFlight.count());
        metrics.drainStarted(event);
        // Before the delay can end (at once, if it is zero): what the starting listeners count in is waited for.
        listeners.starting(event);
        listeners.started(event);
        deadlineTimer = clock.schedule(() -> finish(true), timeout.minus(elapsed));
        delaySchedule.start(startNanos, delay);
        return true;
    }

    private void beginWaiting() {
        DrainPhase now = phase;
        if (!(now instanceof Delaying)) {
            return;
        }
        Delaying delaying = (Delaying) now;
        Waiting waiting = new Waiting(
                delaying.started(),
                delaying.startNanos(),
                Duration.ofNanos(clock.nanoTime() - delaying.startNanos()),
                delaying.whole());
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
        // Before the waiters hear of it: the preStop call answers with the figures already recorded.
        metrics.drainEnded(report);
        drained.complete(report);
        listeners.completed(report);
    }

    private DrainReport report(Running ending, boolean atDeadline) {
        return FinalReport.of(
                ending, atDeadline, clock.nanoTime(), inFlight, kinds, requestsServed(), application.get());
    }
}
