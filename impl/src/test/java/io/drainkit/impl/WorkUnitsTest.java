// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;
import io.drainkit.WorkCount;
import io.drainkit.WorkInFlight;
import io.drainkit.spi.DrainParticipant;

/** The work that is not an HTTP request: tracked units, participants, and the report that counts each kind. */
class WorkUnitsTest {

    private static final WorkNamer<String> GET =
            (path, age, beforeDrain) -> new InFlightWork(InFlightWork.REQUEST, "GET " + path, age, beforeDrain);

    private final FakeDrainClock clock = new FakeDrainClock();

    private DrainCoordinator coordinator(String delay, String timeout, String... more) {
        Map<String, String> values = new HashMap<>(Map.of("drainkit.delay", delay, "drainkit.timeout", timeout));
        for (int i = 0; i < more.length; i += 2) {
            values.put(more[i], more[i + 1]);
        }
        return new DrainCoordinator(
                DrainSettings.read(key -> Optional.ofNullable(values.get(key))), clock, Runnable::run);
    }

    /** Verifies that a tracked unit holds the drain until it is closed, and that the report counts it by its kind. */
    @Test
    void trackedUnitHoldsTheDrainUntilClosed() {
        DrainCoordinator drain = coordinator("2s", "25s");
        WorkInFlight orders = drain.track("kafka orders");
        int request = drain.enter("/a", GET);

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.APPLICATION);
        clock.advance(Duration.ofSeconds(3));
        drain.exit(request);
        assertThat(done.toCompletableFuture())
                .as("the tracked unit is still open")
                .isNotDone();
        assertThat(drain.inFlight()).isEqualTo(1);
        orders.close();
        orders.close();

        DrainReport report = done.toCompletableFuture().getNow(null);
        assertThat(report).as("drained when the unit closed").isNotNull();
        assertThat(report.requestsServed()).as("requests only").isEqualTo(1);
        assertThat(report.work())
                .containsExactly(new WorkCount(InFlightWork.REQUEST, 1, 0), new WorkCount("kafka", 1, 0));
        assertThat(drain.inFlight()).as("closing twice counts out once").isZero();
    }

    /** Verifies that the deadline names a unit by its kind and name, and the summary counts what it cut by kind. */
    @Test
    void deadlineNamesTheUnitByKindAndName() {
        DrainCoordinator drain = coordinator("1s", "5s");
        drain.start(DrainTrigger.APPLICATION);
        WorkInFlight task = drain.track("task", "ReportJob");
        int request = drain.enter("/stuck", GET);

        clock.advance(Duration.ofSeconds(5));

        DrainReport report = drain.report().orElseThrow();
        assertThat(report.deadlineReached()).isTrue();
        assertThat(report.inFlightAtEnd()).isEqualTo(2);
        assertThat(report.stillInFlight())
                .extracting(InFlightWork::toString)
                .containsExactlyInAnyOrder("task ReportJob", "request GET /stuck");
        assertThat(report.work())
                .containsExactly(new WorkCount(InFlightWork.REQUEST, 0, 1), new WorkCount("task", 0, 1));
        task.close();
        drain.exit(request);
    }

    /** Verifies that a poll loop may start new work while serving and during the delay, and not after it. */
    @Test
    void newWorkIsAcceptedUntilTheDelayEnds() {
        DrainCoordinator drain = coordinator("2s", "25s");
        WorkInFlight held = drain.track("loop");
        assertThat(drain.acceptsNewWork()).as("serving").isTrue();

        drain.start(DrainTrigger.APPLICATION);
        assertThat(drain.acceptsNewWork()).as("during the delay").isTrue();
        clock.advance(Duration.ofSeconds(2));
        assertThat(drain.acceptsNewWork()).as("after the delay").isFalse();
        held.close();
        assertThat(drain.report())
                .hasValueSatisfying(report -> assertThat(report.work()).contains(new WorkCount("work", 1, 0)));
    }

    /** Verifies that units other than requests admitted during the delay do not hold off a quiet period's end. */
    @Test
    void workOtherThanRequestsDoesNotHoldOffTheQuietPeriod() {
        DrainCoordinator drain =
                coordinator("20s", "25s", "drainkit.delay.quiet-period", "2s", "drainkit.delay.min", "1s");
        drain.start(DrainTrigger.APPLICATION);
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofMillis(500));
            drain.track("timer", "Sweep.sweep").close();
        }
        assertThat(drain.isDelayOver())
                .as("4 s of timers and no request: the quiet period has ended the delay")
                .isTrue();
    }

    /**
     * Verifies that a participant is counted from the start, told at the start and at the end of the delay, and holds
     * the drain until its idle stage completes.
     */
    @Test
    void participantIsPausedAtTheEndOfTheDelayAndHoldsTheDrainUntilIdle() {
        DrainCoordinator drain = coordinator("2s", "25s");
        RecordingParticipant consumer = new RecordingParticipant();
        drain.addListener(new DrainParticipants(drain.work(), () -> List.of(consumer)));

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.APPLICATION);
        assertThat(consumer.calls).containsExactly("drainStarted");
        assertThat(drain.inFlight()).as("the participant, from the start").isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(consumer.calls).containsExactly("drainStarted", "delayEnded", "idle");
        assertThat(done.toCompletableFuture())
                .as("the participant is not idle yet")
                .isNotDone();

        consumer.idle.complete(null);

        assertThat(done.toCompletableFuture().getNow(null)).isNotNull().satisfies(report -> assertThat(report.work())
                .contains(new WorkCount(InFlightWork.PARTICIPANT, 1, 0)));
    }

    /** Verifies that a participant not idle at the deadline is named in the report. */
    @Test
    void participantNotIdleAtTheDeadlineIsNamed() {
        DrainCoordinator drain = coordinator("1s", "3s");
        drain.addListener(new DrainParticipants(drain.work(), () -> List.of(new RecordingParticipant())));

        drain.start(DrainTrigger.APPLICATION);
        clock.advance(Duration.ofSeconds(3));

        assertThat(drain.report().orElseThrow().stillInFlight())
                .extracting(InFlightWork::toString)
                .containsExactly("participant RecordingParticipant");
    }

    /** Verifies that a participant that throws when told to pause counts as idle and does not hold the drain. */
    @Test
    void failingParticipantDoesNotHoldTheDrain() {
        DrainCoordinator drain = coordinator("1s", "25s");
        DrainParticipant broken = () -> {
            throw new IllegalStateException("broken on purpose");
        };
        drain.addListener(new DrainParticipants(drain.work(), () -> List.of(broken)));

        CompletionStage<DrainReport> done = drain.start(DrainTrigger.APPLICATION);
        clock.advance(Duration.ofSeconds(1));

        assertThat(done.toCompletableFuture())
                .as("drained at the end of the delay")
                .isDone();
    }

    /** Records what the drain tells it; idle when the test says so. */
    private static final class RecordingParticipant implements DrainParticipant {
        final List<String> calls = new ArrayList<>();
        final CompletableFuture<Void> idle = new CompletableFuture<>();

        @Override
        public void drainStarted() {
            calls.add("drainStarted");
        }

        @Override
        public void delayEnded() {
            calls.add("delayEnded");
        }

        @Override
        public CompletionStage<?> idle() {
            calls.add("idle");
            return idle;
        }
    }
}
