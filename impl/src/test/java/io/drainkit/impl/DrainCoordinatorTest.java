// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.drainkit.DrainDelayEnded;
import io.drainkit.DrainReport;
import io.drainkit.DrainStarted;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;

class DrainCoordinatorTest {

    /** Names a request given as its path, as the filter names an HTTP request. */
    private static final WorkNamer<String> GET =
            (path, age, beforeDrain) -> new InFlightWork("request", "GET " + path, age, beforeDrain);

    private final FakeDrainClock clock = new FakeDrainClock();
    private final List<Object> events = new ArrayList<>();

    private DrainCoordinator coordinator(String delay, String timeout, String... more) {
        Map<String, String> values = new HashMap<>(Map.of("drainkit.delay", delay, "drainkit.timeout", timeout));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        DrainSettings settings = DrainSettings.read(key -> Optional.ofNullable(values.get(key)));
        DrainCoordinator coordinator = new DrainCoordinator(settings, clock, Runnable::run);
        coordinator.addListener(new DrainListener() {
            @Override
            public void drainStarted(DrainStarted event) {
                events.add(event);
            }

            @Override
            public void delayEnded(DrainDelayEnded event) {
                events.add(event);
            }

            @Override
            public void drainCompleted(DrainReport report) {
                events.add(report);
            }
        });
        return coordinator;
    }

    /** Verifies that a new coordinator serves, counts nothing and has no report. */
    @Test
    void newCoordinatorIsServingWithNothingInFlight() {
        DrainCoordinator drain = coordinator("10s", "25s");

        assertThat(drain.state()).isEqualTo(DrainState.SERVING);
        assertThat(drain.isDraining()).isFalse();
        assertThat(drain.inFlight()).isZero();
        assertThat(drain.report()).isEmpty();
        assertThat(clock.pendingTimers()).as("no timer before a trigger").isZero();
    }

    /** Verifies that requests are counted in and out while serving. */
    @Test
    void enterAndExitCountRequests() {
        DrainCoordinator drain = coordinator("10s", "25s");

        int first = drain.enter("a", GET);
        int second = drain.enter("b", GET);
        assertThat(drain.inFlight()).isEqualTo(2);
        drain.exit(first);
        assertThat(drain.inFlight()).isEqualTo(1);
        drain.exit(second);
        assertThat(drain.inFlight()).isZero();
    }

    /** Verifies that the trigger turns the state to DRAINING at once and keeps it there through the delay. */
    @Test
    void triggerDrainsThroughTheDelayEvenWithNothingInFlight() {
        DrainCoordinator drain = coordinator("10s", "25s");

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.PRESTOP);

        assertThat(drain.state()).isEqualTo(DrainState.DRAINING);
        assertThat(drain.isDraining()).isTrue();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(done.toCompletableFuture())
                .as("the delay keeps serving, even with zero in flight")
                .isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(drain.state()).isEqualTo(DrainState.DRAINED);
        DrainReport report = done.toCompletableFuture().getNow(null);
        assertThat(report.trigger()).isEqualTo(DrainTrigger.PRESTOP);
        assertThat(report.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(report.delay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(report.deadlineReached()).isFalse();
        assertThat(report.inFlightAtEnd()).isZero();
        assertThat(report.stillInFlight()).isEmpty();
        assertThat(clock.pendingTimers()).as("deadline timer cancelled").isZero();
    }

    /** Verifies that after the delay the drain ends on the exit that brings in-flight requests to zero. */
    @Test
    void drainEndsWhenTheLastInFlightRequestExits() {
        DrainCoordinator drain = coordinator("2s", "25s");
        int slow = drain.enter("slow", GET);
        int other = drain.enter("other", GET);

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.CONTAINER_SHUTDOWN);
        clock.advance(Duration.ofSeconds(3));
        drain.exit(other);
        assertThat(done.toCompletableFuture()).as("one request still in flight").isNotDone();
        clock.advance(Duration.ofSeconds(2));
        drain.exit(slow);

        DrainReport report = done.toCompletableFuture().getNow(null);
        assertThat(report).isNotNull();
        assertThat(report.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(report.requestsServed()).isEqualTo(2);
        assertThat(report.deadlineReached()).isFalse();
        assertThat(drain.state()).isEqualTo(DrainState.DRAINED);
    }

    /** Verifies that a request exiting during the delay does not end the drain early. */
    @Test
    void exitDuringTheDelayDoesNotEndTheDrain() {
        DrainCoordinator drain = coordinator("5s", "25s");
        int ticket = drain.enter("r", GET);

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.APPLICATION);
        clock.advance(Duration.ofSeconds(1));
        drain.exit(ticket);

        assertThat(done.toCompletableFuture()).isNotDone();
        assertThat(drain.state()).isEqualTo(DrainState.DRAINING);
        clock.advance(Duration.ofSeconds(4));
        assertThat(done.toCompletableFuture()).isDone();
    }

    /** Verifies that requests admitted during the drain are served, counted, and waited for. */
    @Test
    void requestsAdmittedWhileDrainingAreWaitedFor() {
        DrainCoordinator drain = coordinator("1s", "25s");
        CompletionStage<DrainReport> done = drain.start(DrainTrigger.APPLICATION);

        int late = drain.enter("late", GET);
        clock.advance(Duration.ofSeconds(2));
        assertThat(done.toCompletableFuture()).isNotDone();
        drain.exit(late);

        assertThat(done.toCompletableFuture().getNow(null).requestsServed()).isEqualTo(1);
    }

    /**
     * Verifies that requests that never end are cut at the deadline, counted and named: one admitted while serving
     * (its age counted from the trigger, as DrainKit reads no clock while serving) before one admitted while
     * draining (its age exact).
     */
    @Test
    void deadlineCutsRequestsThatNeverEndAndNamesThem() {
        DrainCoordinator drain = coordinator("2s", "6s");
        drain.enter("/stuck", GET);
        clock.advance(Duration.ofSeconds(1));
        drain.exit(drain.enter("/quick", GET));

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofMillis(1_500));
        drain.enter("/late", GET);
        clock.advance(Duration.ofMillis(4_499));
        assertThat(done.toCompletableFuture()).isNotDone();
        clock.advance(Duration.ofMillis(1));

        DrainReport report = done.toCompletableFuture().getNow(null);
        assertThat(report.deadlineReached()).isTrue();
        assertThat(report.inFlightAtEnd()).isEqualTo(2);
        assertThat(report.duration()).isEqualTo(Duration.ofSeconds(6));
        assertThat(report.stillInFlight())
                .containsExactly(
                        new InFlightWork("request", "GET /stuck", Duration.ofSeconds(6), true),
                        new InFlightWork("request", "GET /late", Duration.ofMillis(4_500), false));
        assertThat(drain.state()).isEqualTo(DrainState.DRAINED);
    }

    /** Verifies that the deadline counts from the trigger, not from the end of the delay. */
    @Test
    void deadlineIsAbsoluteFromTheTrigger() {
        DrainCoordinator drain = coordinator("10s", "12s");
        drain.enter("r", GET);

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofSeconds(12));

        assertThat(done.toCompletableFuture().getNow(null))
                .isNotNull()
                .extracting(DrainReport::deadlineReached)
                .isEqualTo(true);
    }

    /** Verifies that with zero in flight at the trigger and no delay the drain ends at once. */
    @Test
    void zeroInFlightAndZeroDelayEndsAtOnce() {
        DrainCoordinator drain = coordinator("0", "5s");

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.CONTAINER_SHUTDOWN);

        assertThat(done.toCompletableFuture().getNow(null))
                .isNotNull()
                .extracting(DrainReport::duration)
                .isEqualTo(Duration.ZERO);
        assertThat(drain.state()).isEqualTo(DrainState.DRAINED);
        assertThat(clock.pendingTimers()).isZero();
    }

    /**
     * Verifies that a drain starting after the container stopped routing requests skips the delay but still waits
     * for the request in flight, and that a drain already in its delay keeps it.
     */
    @Test
    void drainAfterTheContainerStoppedRoutingSkipsTheDelay() {
        DrainCoordinator running = coordinator("10s", "25s");
        CompletionStage<DrainReport> keepsItsDelay = running.start(DrainTrigger.PRESTOP);
        running.containerStoppedRouting();
        clock.advance(Duration.ofMillis(9_999));
        assertThat(keepsItsDelay.toCompletableFuture())
                .as("a drain already running keeps its delay")
                .isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(keepsItsDelay.toCompletableFuture()).isDone();

        DrainCoordinator drain = coordinator("10s", "25s");
        int async = drain.enter("async request still running", GET);
        drain.containerStoppedRouting();
        CompletionStage<DrainReport> done = drain.start(DrainTrigger.CONTAINER_SHUTDOWN);
        assertThat(done.toCompletableFuture())
                .as("still waits for the request in flight")
                .isNotDone();
        clock.advance(Duration.ofSeconds(1));
        drain.exit(async);

        DrainReport report = done.toCompletableFuture().getNow(null);
        assertThat(report).as("ended by the exit, not by the delay").isNotNull();
        assertThat(report.delay()).isEqualTo(Duration.ZERO);
        assertThat(report.duration()).isEqualTo(Duration.ofSeconds(1));
        assertThat(report.deadlineReached()).isFalse();
    }

    /** Verifies that a second trigger joins the running drain: same report, same deadline, first trigger kept. */
    @Test
    void laterTriggersJoinTheRunningDrain() {
        DrainCoordinator drain = coordinator("2s", "10s");
        CompletionStage<DrainReport> first = drain.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofSeconds(1));

        CompletionStage<DrainReport> second = drain.start(DrainTrigger.CONTAINER_SHUTDOWN);
        clock.advance(Duration.ofSeconds(1));

        DrainReport report = first.toCompletableFuture().getNow(null);
        assertThat(report).isNotNull().isSameAs(second.toCompletableFuture().getNow(null));
        assertThat(report.trigger()).isEqualTo(DrainTrigger.PRESTOP);
        assertThat(report.duration()).isEqualTo(Duration.ofSeconds(2));
        assertThat(events)
                .as("one DrainStarted, one DrainDelayEnded, one report")
                .hasSize(3);
    }

    /** Verifies that triggering a finished drain returns its report at once and starts nothing. */
    @Test
    void triggerAfterTheDrainIsIdempotent() throws InterruptedException {
        DrainCoordinator drain = coordinator("0", "5s");
        DrainReport report =
                drain.start(DrainTrigger.PRESTOP).toCompletableFuture().getNow(null);

        CompletionStage<DrainReport> again = drain.start(DrainTrigger.APPLICATION);

        assertThat(again.toCompletableFuture().getNow(null)).isSameAs(report);
        assertThat(drain.report()).contains(report);
        assertThat(drain.awaitDrained(Duration.ZERO)).contains(report);
        assertThat(clock.pendingTimers()).isZero();
        assertThat(events).as("start, end of delay, report: once each").hasSize(3);
    }

    /** Verifies that awaitDrained does not start a drain and times out while none has ended. */
    @Test
    void awaitDrainedWithoutTriggerTimesOut() throws InterruptedException {
        DrainCoordinator drain = coordinator("0", "5s");

        assertThat(drain.awaitDrained(Duration.ofMillis(10))).isEmpty();
        assertThat(drain.state()).isEqualTo(DrainState.SERVING);
    }

    /** Verifies that listeners hear DrainStarted with the deadline, then the report, in that order. */
    @Test
    void listenersHearStartThenReport() {
        DrainCoordinator drain = coordinator("3s", "20s");

        drain.start(DrainTrigger.APPLICATION);
        assertThat(events).singleElement().isInstanceOfSatisfying(DrainStarted.class, started -> {
            assertThat(started.trigger()).isEqualTo(DrainTrigger.APPLICATION);
            assertThat(started.delay()).isEqualTo(Duration.ofSeconds(3));
            assertThat(started.deadline()).isEqualTo(started.startedAt().plusSeconds(20));
        });
        clock.advance(Duration.ofSeconds(3));
        assertThat(events).hasSize(3).last().isInstanceOf(DrainReport.class);
    }

    /** Verifies that a listener that throws neither breaks the drain nor keeps other listeners from hearing it. */
    @Test
    void failingListenerDoesNotBreakTheDrain() {
        DrainCoordinator drain = coordinator("0", "5s");
        drain.addListener(new DrainListener() {
            @Override
            public void drainStarted(DrainStarted event) {
                throw new IllegalStateException("observer bug");
            }
        });
        List<DrainReport> heard = new ArrayList<>();
        drain.addListener(new DrainListener() {
            @Override
            public void drainCompleted(DrainReport report) {
                heard.add(report);
            }
        });

        DrainReport report =
                drain.start(DrainTrigger.APPLICATION).toCompletableFuture().getNow(null);

        assertThat(report).isNotNull();
        assertThat(heard).containsExactly(report);
    }

    /** Verifies that a disabled DrainKit ends a drain at once instead of holding the application. */
    @Test
    void disabledDrainEndsAtOnce() {
        DrainSettings settings = DrainSettings.read(
                key -> Optional.ofNullable(Map.of("drainkit.enabled", "false").get(key)));
        DrainCoordinator drain = new DrainCoordinator(settings, clock, Runnable::run);

        DrainReport report = drain.start(DrainTrigger.CONTAINER_SHUTDOWN)
                .toCompletableFuture()
                .getNow(null);

        assertThat(report).isNotNull();
        assertThat(report.delay()).isEqualTo(Duration.ZERO);
        assertThat(drain.state()).isEqualTo(DrainState.DRAINED);
    }

    /** Verifies that a progress timer runs each second while waiting and stops with the drain. */
    @Test
    void progressTimerRunsOnlyWhileWaiting() {
        DrainCoordinator drain = coordinator("1s", "30s");
        int ticket = drain.enter("r", GET);
        drain.start(DrainTrigger.APPLICATION);
        assertThat(clock.pendingTimers()).as("delay end and deadline").isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(clock.pendingTimers()).as("deadline and progress").isEqualTo(2);
        clock.advance(Duration.ofSeconds(5));
        assertThat(clock.pendingTimers())
                .as("progress re-armed, not multiplied")
                .isEqualTo(2);
        drain.exit(ticket);

        assertThat(clock.pendingTimers()).isZero();
    }

    /**
     * Verifies that with a quiet period and no traffic the delay ends at the floor derived from the probe and the
     * propagation, not the full delay.
     */
    @Test
    void quietPeriodEndsTheDelayAtTheFloorWhenNoRequestArrives() {
        DrainCoordinator drain = coordinator(
                "10s",
                "25s",
                "drainkit.delay.quiet-period",
                "1s",
                "drainkit.probe.period",
                "500ms",
                "drainkit.probe.failure-threshold",
                "2",
                "drainkit.propagation",
                "1s");

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofMillis(1_999));
        assertThat(done.toCompletableFuture())
                .as("never before the floor, 500ms x 2 + 1s")
                .isNotDone();
        clock.advance(Duration.ofMillis(1));

        DrainReport report = done.toCompletableFuture().getNow(null);
        assertThat(report.delay()).as("the delay actually used").isEqualTo(Duration.ofSeconds(2));
        assertThat(report.duration()).isEqualTo(Duration.ofSeconds(2));
    }

    /**
     * Verifies that requests still arriving keep the delay going until they have been quiet for twice their gap (1s),
     * here longer than the quiet period.
     */
    @Test
    void quietPeriodWaitsForTrafficToStop() {
        DrainCoordinator drain =
                coordinator("10s", "25s", "drainkit.delay.quiet-period", "1500ms", "drainkit.delay.min", "1s");
        CompletionStage<DrainReport> done = drain.start(DrainTrigger.PRESTOP);
        for (int second = 0; second < 4; second++) {
            clock.advance(Duration.ofSeconds(1));
            drain.exit(drain.enter("late request " + second, GET));
        }
        assertThat(drain.isDelayOver()).isFalse();
        assertThat(done.toCompletableFuture())
                .as("traffic at 4s: still in the delay")
                .isNotDone();

        assertDelayEndsAfterSilence(
                done, Duration.ofSeconds(2), "1.5s quiet, but the requests came 1s apart", Duration.ofSeconds(6));
    }

    /**
     * Verifies issue 19's case: the moved keep-alive clients' last requests come in a burst, then the load balancer
     * still sends a new connection every 1.4s; the silence after the burst is longer than the quiet period, but not
     * than twice the gaps of the sparse traffic, which keeps the delay going until 2 x 1.4s after its last request.
     */
    @Test
    void sparseTrafficAfterABurstKeepsTheDelayGoing() {
        DrainCoordinator drain =
                coordinator("10s", "25s", "drainkit.delay.quiet-period", "1s", "drainkit.delay.min", "1s");
        CompletionStage<DrainReport> done = drain.start(DrainTrigger.PRESTOP);
        for (int burst = 0; burst < 10; burst++) {
            clock.advance(Duration.ofMillis(50));
            drain.exit(drain.enter("keep-alive client's last request", GET));
        }
        clock.advance(Duration.ofMillis(900));
        drain.exit(drain.enter("new connection", GET));
        assertThat(done.toCompletableFuture())
                .as("0.9s after the burst: not quiet yet")
                .isNotDone();
        for (int connection = 0; connection < 2; connection++) {
            clock.advance(Duration.ofMillis(1_400));
            assertThat(done.toCompletableFuture())
                    .as("1.4s of silence, more than the 1s quiet period, but the"
                            + " traffic had gaps of 0.9s and more")
                    .isNotDone();
            drain.exit(drain.enter("new connection", GET));
        }

        assertDelayEndsAfterSilence(
                done, Duration.ofMillis(2_800), "twice the longest gap", Duration.ofMillis(4_200 + 2_800));
    }

    /** Verifies that the time from the trigger to the first request counts as a gap: it too was no proof. */
    @Test
    void silenceBeforeTheFirstRequestCountsAsAGap() {
        DrainCoordinator drain =
                coordinator("10s", "25s", "drainkit.delay.quiet-period", "500ms", "drainkit.delay.min", "500ms");
        CompletionStage<DrainReport> done = drain.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofMillis(400));
        drain.exit(drain.enter("first", GET));

        assertDelayEndsAfterSilence(done, Duration.ofMillis(800), "a 400ms gap", Duration.ofMillis(1_200));
    }

    /** Advances the clock to a millisecond before {@code silence} is over, then to its end, where the delay ends. */
    private void assertDelayEndsAfterSilence(
            CompletionStage<DrainReport> done, Duration silence, String why, Duration delay) {
        clock.advance(silence.minusMillis(1));
        assertThat(done.toCompletableFuture())
                .as("%s: %s of silence needed", why, silence)
                .isNotDone();
        clock.advance(Duration.ofMillis(1));
        assertThat(done.toCompletableFuture().getNow(null))
                .as("the report, after %s of silence", silence)
                .isNotNull()
                .extracting(DrainReport::delay)
                .isEqualTo(delay);
    }

    /** Verifies that steady traffic never stretches a quiet-period delay beyond the configured delay. */
    @Test
    void quietPeriodNeverExceedsTheConfiguredDelay() {
        DrainCoordinator drain =
                coordinator("3s", "25s", "drainkit.delay.quiet-period", "1s", "drainkit.delay.min", "1s");
        CompletionStage<DrainReport> done = drain.start(DrainTrigger.PRESTOP);
        for (int tick = 0; tick < 6; tick++) {
            clock.advance(Duration.ofMillis(500));
            drain.exit(drain.enter("steady", GET));
        }

        assertThat(done.toCompletableFuture().getNow(null))
                .isNotNull()
                .extracting(DrainReport::delay)
                .isEqualTo(Duration.ofSeconds(3));
    }

    /** Verifies that listeners hear the end of the delay, with the requests then in flight, between start and end. */
    @Test
    void listenersHearTheEndOfTheDelay() {
        DrainCoordinator drain = coordinator("2s", "25s");
        int ticket = drain.enter("r", GET);
        drain.start(DrainTrigger.APPLICATION);

        clock.advance(Duration.ofSeconds(2));

        assertThat(events).hasSize(2).last().isInstanceOfSatisfying(DrainDelayEnded.class, ended -> {
            assertThat(ended.delay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(ended.inFlight()).isEqualTo(1);
        });
        drain.exit(ticket);
        assertThat(events).hasSize(3).last().isInstanceOf(DrainReport.class);
    }

    /** Verifies that the delay is over only after it, while requests are still in flight (what arrives is late). */
    @Test
    void delayIsOverOnlyAfterTheDelay() {
        DrainCoordinator drain = coordinator("1s", "25s");
        drain.enter("held", GET);
        assertThat(drain.isDelayOver()).as("while serving").isFalse();

        drain.start(DrainTrigger.APPLICATION);
        assertThat(drain.isDelayOver()).as("during the delay").isFalse();
        clock.advance(Duration.ofSeconds(1));

        assertThat(drain.isDelayOver()).as("after the delay, while waiting").isTrue();
    }
}
