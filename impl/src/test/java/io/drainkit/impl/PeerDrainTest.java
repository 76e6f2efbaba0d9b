// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import io.drainkit.ApplicationDrain;
import io.drainkit.DrainReport;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;

/**
 * Several applications' drains taking part in one, with time moved by hand: peers reached in process here, as the MBean
 * channel reaches them across class loaders (ServerScopeDrainTest covers that on real Jetty servers).
 */
class PeerDrainTest {

    private static final WorkNamer<String> GET =
            (path, age, beforeDrain) -> new InFlightWork("request", "GET " + path, age, beforeDrain);

    private final FakeDrainClock clock = new FakeDrainClock();

    private DrainCoordinator application(String name, String delay, String timeout) {
        Map<String, String> values = new HashMap<>(Map.of("drainkit.delay", delay, "drainkit.timeout", timeout));
        DrainCoordinator coordinator = new DrainCoordinator(
                DrainSettings.read(key -> Optional.ofNullable(values.get(key))), clock, Runnable::run);
        coordinator.nameApplication(name);
        return coordinator;
    }

    /** A peer reached in process; {@code answers} false makes it one that never reports its end. */
    private static DrainPeers.Peer peer(DrainCoordinator other, boolean answers) {
        return new DrainPeers.Peer() {
            @Override
            public String application() {
                return other.application();
            }

            @Override
            public Duration delay() {
                return other.settings().delay();
            }

            @Override
            public Duration timeout() {
                return other.settings().timeout();
            }

            @Override
            public CompletionStage<ApplicationDrain> join(
                    DrainTrigger trigger, long startNanos, Duration delay, Duration timeout) {
                CompletionStage<DrainReport> joined = other.join(trigger, startNanos, delay, timeout);
                return answers ? joined.thenApply(report -> other.outcome()) : new CompletableFuture<>();
            }

            @Override
            public ApplicationDrain now() {
                return other.outcome();
            }
        };
    }

    /**
     * Verifies that a trigger starts every peer with the longest delay and the latest deadline, that the whole report
     * waits for a peer's request in flight and lists every application, this one first.
     */
    @Test
    void oneTriggerDrainsEveryPeerWithTheLongestDelayAndDeadline() {
        DrainCoordinator shop = application("/shop", "2s", "10s");
        DrainCoordinator billing = application("/billing", "5s", "20s");
        shop.drainWith(() -> List.of(peer(billing, true)));
        int held = billing.enter("/billing/export", GET);

        CompletionStage<DrainReport> whole = shop.start(DrainTrigger.PRESTOP);

        assertThat(billing.state()).as("the peer, at once").isEqualTo(DrainState.DRAINING);
        assertThat(billing.report()).isEmpty();
        clock.advance(Duration.ofMillis(4_999));
        assertThat(shop.state()).as("/shop serves through the longest delay").isEqualTo(DrainState.DRAINING);
        clock.advance(Duration.ofMillis(1));
        assertThat(shop.state()).as("/shop after the shared delay").isEqualTo(DrainState.DRAINED);
        assertThat(whole.toCompletableFuture()).as("held by /billing's request").isNotDone();

        clock.advance(Duration.ofSeconds(1));
        billing.exit(held);

        DrainReport report = whole.toCompletableFuture().getNow(null);
        assertThat(report).isNotNull();
        assertThat(report.delay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(report.applications())
                .containsExactly(
                        new ApplicationDrain("/shop", DrainState.DRAINED, 0, 0),
                        new ApplicationDrain("/billing", DrainState.DRAINED, 1, 0));
        assertThat(billing.report().orElseThrow().trigger()).isEqualTo(DrainTrigger.PEER);
    }

    /** Verifies that the shared deadline is the latest one: a peer's longer timeout is not cut at this one's. */
    @Test
    void theSharedDeadlineIsTheLatest() {
        DrainCoordinator shop = application("/shop", "1s", "3s");
        DrainCoordinator billing = application("/billing", "1s", "8s");
        shop.drainWith(() -> List.of(peer(billing, true)));
        int held = shop.enter("/shop/slow", GET);

        CompletionStage<DrainReport> whole = shop.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofSeconds(7));
        assertThat(whole.toCompletableFuture())
                .as("at 7s, before the shared deadline of 8s")
                .isNotDone();
        clock.advance(Duration.ofSeconds(1));

        DrainReport report = whole.toCompletableFuture().getNow(null);
        assertThat(report.deadlineReached()).isTrue();
        assertThat(report.applications().get(0)).isEqualTo(new ApplicationDrain("/shop", DrainState.DRAINED, 0, 1));
        shop.exit(held);
    }

    /**
     * Verifies that a waiter (the container's shutdown, a server adapter) waits for the shared deadline, the latest of
     * the applications', not for its own application's shorter timeout.
     */
    @Test
    void aWaiterWaitsForTheSharedDeadline() {
        DrainCoordinator shop = application("/shop", "1s", "3s");
        DrainCoordinator billing = application("/billing", "1s", "8s");
        shop.drainWith(() -> List.of(peer(billing, true)));
        assertThat(shop.waitLimit(Duration.ofSeconds(5)))
                .as("before a trigger: its own timeout")
                .isEqualTo(Duration.ofSeconds(8));
        shop.enter("/shop/slow", GET);

        shop.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofSeconds(2));

        assertThat(shop.waitLimit(Duration.ofSeconds(5)))
                .as("6 s to the shared deadline, plus the margin")
                .isEqualTo(Duration.ofSeconds(11));
        clock.advance(Duration.ofSeconds(6));
        assertThat(shop.waitLimit(Duration.ofSeconds(5))).as("drained").isEqualTo(Duration.ofSeconds(5));
    }

    /** Verifies that a peer that never reports its end holds the whole report only until just after the deadline. */
    @Test
    void aSilentPeerIsReportedAsItIsJustAfterTheDeadline() {
        DrainCoordinator shop = application("/shop", "0", "4s");
        DrainCoordinator billing = application("/billing", "0", "4s");
        shop.drainWith(() -> List.of(peer(billing, false)));

        CompletionStage<DrainReport> whole = shop.start(DrainTrigger.PRESTOP);
        clock.advance(Duration.ofSeconds(4));
        assertThat(whole.toCompletableFuture())
                .as("at the deadline, still waiting for the silent peer")
                .isNotDone();
        clock.advance(PeerDrains.ANSWER_MARGIN);

        assertThat(whole.toCompletableFuture().getNow(null).applications())
                .extracting(ApplicationDrain::application)
                .containsExactly("/shop", "/billing");
        assertThat(clock.pendingTimers()).isZero();
    }

    /** Verifies that a container shutdown while the JVM runs on (an undeploy) drains this application alone. */
    @Test
    void undeployDrainsThisApplicationAlone() {
        DrainCoordinator shop = application("/shop", "1s", "5s");
        DrainCoordinator billing = application("/billing", "1s", "5s");
        shop.drainWith(() -> List.of(peer(billing, true)));

        shop.start(DrainTrigger.CONTAINER_SHUTDOWN);

        assertThat(billing.state()).isEqualTo(DrainState.SERVING);
    }

    /**
     * Verifies that when the application that starts the drain is already out of service (the server stopped routing
     * to it), neither it nor its peers keep a delay: nobody would see it.
     */
    @Test
    void anOutOfServiceStarterGivesEveryPeerNoDelay() {
        DrainCoordinator shop = application("/shop", "10s", "20s");
        DrainCoordinator billing = application("/billing", "10s", "20s");
        shop.drainWith(() -> List.of(peer(billing, true)));
        shop.containerStoppedRouting();

        CompletionStage<DrainReport> whole = shop.start(DrainTrigger.PRESTOP);

        assertThat(whole.toCompletableFuture())
                .as("nothing in flight anywhere, no delay")
                .isDone();
        assertThat(billing.report().orElseThrow().delay()).isZero();
    }
}
