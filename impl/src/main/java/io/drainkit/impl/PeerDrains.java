// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.drainkit.ApplicationDrain;
import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;

/**
 * Starts the peers of a drain with the shared timing and completes the whole report when this application and every
 * peer have ended, or shortly after the shared deadline with the peers as they are then: a peer that cannot answer
 * never holds the report up.
 */
final class PeerDrains {

    /** How long past the shared deadline the whole report waits for a peer's answer. */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(1);

    private PeerDrains() {}

    /**
     * @param own   this application's setting
     * @param peers the peers taking part
     * @param of    the same setting of a peer
     * @return the longest of them all: the strictest need wins
     */
    static Duration longest(Duration own, List<DrainPeers.Peer> peers, Function<DrainPeers.Peer, Duration> of) {
        Duration longest = own;
        for (DrainPeers.Peer peer : peers) {
            Duration theirs = of.apply(peer);
            longest = theirs.compareTo(longest) > 0 ? theirs : longest;
        }
        return longest;
    }

    /**
     * Starts {@code run} and the peers taking part with the longest delay and the latest deadline of them all.
     *
     * @param run          this application's drain, serving
     * @param trigger      what started it
     * @param taking       the peers taking part; none for a drain of this application alone
     * @param settings     this application's settings
     * @param outOfService whether the container stopped routing to this application
     * @param clock        time and timers
     */
    static void start(
            DrainRun run,
            DrainTrigger trigger,
            List<DrainPeers.Peer> taking,
            DrainSettings settings,
            boolean outOfService,
            DrainClock clock) {
        // The container stopped routing to the application that starts the drain: the server is stopping, and a
        // delay, here or in a peer, would keep it up serving nobody.
        Duration delay = outOfService ? Duration.ZERO : longest(settings.delay(), taking, DrainPeers.Peer::delay);
        Duration timeout = longest(settings.timeout(), taking, DrainPeers.Peer::timeout);
        long nanos = clock.nanoTime();
        CompletableFuture<DrainReport> whole = taking.isEmpty() ? run.drained() : new CompletableFuture<>();
        if (run.begin(trigger, nanos, delay, timeout, whole) && !taking.isEmpty()) {
            await(taking, nanos, delay, timeout, run.drained(), whole, clock);
        }
    }

    private static void await(
            List<DrainPeers.Peer> peers,
            long startNanos,
            Duration delay,
            Duration timeout,
            CompletableFuture<DrainReport> local,
            CompletableFuture<DrainReport> whole,
            DrainClock clock) {
        List<CompletableFuture<ApplicationDrain>> outcomes = new ArrayList<>();
        for (DrainPeers.Peer peer : peers) {
            CompletableFuture<ApplicationDrain> outcome;
            try {
                outcome =
                        peer.join(DrainTrigger.PEER, startNanos, delay, timeout).toCompletableFuture();
            } catch (RuntimeException unreachable) {
                DrainMessages.peerUnreachable(peer.application(), unreachable);
                outcome = new CompletableFuture<>();
            }
            outcomes.add(outcome);
        }
        Runnable report = () -> local.thenAccept(own -> {
            List<ApplicationDrain> others = new ArrayList<>();
            for (int i = 0; i < peers.size(); i++) {
                others.add(outcomes.get(i).getNow(peers.get(i).now()));
            }
            if (whole.complete(own.withApplications(others))) {
                DrainMessages.serverDrainCompleted(whole.join().applications());
            }
        });
        Duration left = timeout.minusNanos(clock.nanoTime() - startNanos).plus(ANSWER_MARGIN);
        DrainClock.Cancellable atDeadline = clock.schedule(report, left);
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).thenRun(report);
        whole.thenRun(atDeadline::cancel);
    }
}
