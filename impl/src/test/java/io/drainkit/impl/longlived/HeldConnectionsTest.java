// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.longlived;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;
import io.drainkit.LongLivedConnections;
import io.drainkit.WorkCount;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainSettings;
import io.drainkit.impl.FakeDrainClock;

/** When DrainKit ends held long-lived connections, and what it forgets; on the fake clock. */
class HeldConnectionsTest {

    private final FakeDrainClock clock = new FakeDrainClock();
    private HeldConnections connections;

    private DrainCoordinator drain(String... settings) {
        Map<String, String> values = new HashMap<>(Map.of("drainkit.delay", "10s", "drainkit.timeout", "25s"));
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        DrainSettings read = DrainSettings.read(key -> Optional.ofNullable(values.get(key)));
        DrainCoordinator coordinator = new DrainCoordinator(read, clock, Runnable::run);
        connections = new HeldConnections(coordinator, read.longLivedJitter(), clock);
        coordinator.addListener(connections);
        return coordinator;
    }

    private List<Recorded> hold(int count) {
        List<Recorded> held = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Recorded connection = new Recorded();
            connections.holdOpen(connection);
            held.add(connection);
        }
        return held;
    }

    /**
     * Verifies that nothing is ended during the delay (load balancers still route here), and that at its end the
     * connections are ended in even steps over the jitter window: 4 over 1 s at +0, +250, +500 and +750 ms.
     */
    @Test
    void endedFromTheEndOfTheDelayOverTheJitterWindow() {
        DrainCoordinator drain = drain("drainkit.long-lived.jitter", "1s");
        List<Recorded> held = hold(4);
        drain.start(DrainTrigger.PRESTOP);

        clock.advance(Duration.ofMillis(9_999));
        assertThat(held).as("during the delay").allSatisfy(c -> assertThat(c.endedAt)
                .isZero());
        long delayEnd = clock.nanoTime() + Duration.ofMillis(1).toNanos();
        clock.advance(Duration.ofMillis(1 + 749));
        assertThat(drain.state())
                .as("the drain waits until the last one was told to go")
                .isEqualTo(DrainState.DRAINING);
        assertThat(drain.inFlight()).as("their ending, one unit of work").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(drain.state()).isEqualTo(DrainState.DRAINED);
        DrainReport report = drain.report().orElseThrow();
        assertThat(report.deadlineReached()).isFalse();
        assertThat(report.requestsServed()).as("ending them is not a request").isZero();
        assertThat(report.work())
                .as("but one unit of work of its own kind")
                .contains(new WorkCount(InFlightWork.LONG_LIVED, 1, 0));
        clock.advance(Duration.ofSeconds(2));

        assertThat(held.stream()
                        .map(c -> Duration.ofNanos(c.endedAt - delayEnd))
                        .collect(Collectors.toList()))
                .containsExactlyInAnyOrder(
                        Duration.ZERO, Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(750));
        assertThat(held).allSatisfy(c -> assertThat(c.ends).as("ended once").isEqualTo(1));
        assertThat(connections.held()).isZero();
    }

    /**
     * Verifies that many connections go in at most 20 equal batches, the last before the window is over, and that the
     * default window is 1 s.
     */
    @Test
    void manyConnectionsGoInTwentyEqualBatchesWithinTheDefaultSecond() {
        DrainCoordinator drain = drain();
        List<Recorded> held = hold(1000);
        drain.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofSeconds(10));
        long delayEnd = clock.nanoTime();
        clock.advance(Duration.ofSeconds(5));

        Map<Long, Long> perInstant =
                held.stream().collect(Collectors.groupingBy(c -> c.endedAt - delayEnd, Collectors.counting()));
        assertThat(perInstant).hasSize(20).allSatisfy((offset, count) -> assertThat(count)
                .isEqualTo(50L));
        assertThat(perInstant.keySet().stream().mapToLong(Long::longValue).max().orElseThrow())
                .isEqualTo(Duration.ofMillis(950).toNanos());
    }

    /** Verifies that without held connections the drain ends at the end of the delay, as before. */
    @Test
    void nothingHeldHoldsNothing() {
        DrainCoordinator drain = drain();
        connections.holdOpen(new Recorded()).forget();
        drain.start(DrainTrigger.PRESTOP);

        clock.advance(Duration.ofSeconds(10));

        assertThat(drain.state()).isEqualTo(DrainState.DRAINED);
        assertThat(drain.report().orElseThrow().work())
                .as("no unit of work was counted")
                .noneMatch(count -> count.kind().equals(InFlightWork.LONG_LIVED));
    }

    /** Verifies that a connection registered once the delay is over is ended at once, and a late one only once. */
    @Test
    void registeredAfterTheDelayIsEndedAtOnce() {
        DrainCoordinator drain = drain("drainkit.delay", "1s");
        drain.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofSeconds(1));

        Recorded late = hold(1).get(0);

        assertThat(late.ends).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(late.ends).isEqualTo(1);
    }

    /**
     * Verifies that connections that end on their own are forgotten: by {@code forget()}, or, never told, by the sweep
     * of closed ones as the set grows; and that a forgotten one is not ended at the end of the delay.
     */
    @Test
    void connectionsThatEndedOnTheirOwnAreForgotten() {
        DrainCoordinator drain = drain();
        Recorded forgotten = new Recorded();
        connections.holdOpen(forgotten).forget();
        assertThat(connections.held()).isZero();

        for (int round = 0; round < 100; round++) {
            hold(HeldConnections.SWEEP_FLOOR).forEach(c -> c.open = false);
        }
        assertThat(connections.held())
                .as("after 6400 closed on their own")
                .isLessThanOrEqualTo(2 * HeldConnections.SWEEP_FLOOR);

        List<Recorded> open = hold(3);
        drain.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofSeconds(15));
        assertThat(forgotten.ends).isZero();
        assertThat(open).allSatisfy(c -> assertThat(c.ends).isEqualTo(1));
    }

    /** Verifies that one connection that fails to go does not keep the others open. */
    @Test
    void aFailingConnectionDoesNotStopTheOthers() {
        DrainCoordinator drain = drain("drainkit.long-lived.jitter", "0");
        connections.holdOpen(new Recorded() {
            @Override
            public void goAway() throws Exception {
                throw new java.io.IOException("client gone");
            }
        });
        List<Recorded> others = hold(2);
        drain.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofSeconds(10));

        assertThat(others).allSatisfy(c -> assertThat(c.ends).isEqualTo(1));
        assertThat(connections.held()).isZero();
    }

    /** A connection that records when it was told to go. */
    private class Recorded implements LongLivedConnections.Connection {
        volatile boolean open = true;
        long endedAt;
        int ends;

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void goAway() throws Exception {
            endedAt = clock.nanoTime();
            ends++;
        }
    }
}
