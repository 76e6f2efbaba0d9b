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

    private PeerDrains() {
    }

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

    static void await(List<DrainPeers.Peer> peers, long startNanos, Duration delay, Duration timeout,
            CompletableFuture<DrainReport> local, CompletableFuture<DrainReport> whole, DrainClock clock) {
        List<CompletableFuture<ApplicationDrain>> outcomes = new ArrayList<>();
        for (DrainPeers.Peer peer : peers) {
            CompletableFuture<ApplicationDrain> outcome;
            try {
                outcome = peer.join(DrainTrigger.PEER, startNanos, delay, timeout).toCompletableFuture();
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
