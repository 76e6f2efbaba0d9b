// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A pod deleted without a preStop hook, against one server under test with a server adapter in its WAR: keep-alive
 * load; SIGTERM, while Kubernetes removes the endpoint at the same time; readiness must turn DOWN at once; the load
 * balancer lets go half-way through the delay; every request answered during the delay must be 200 with
 * {@code Connection: close}; the server exits after the delay, before the deadline. Every wait is bounded.
 */
public final class SigtermAlone {

    private static final int CLIENTS = 4;

    private final ServerUnderTest server;
    private final Duration delay;
    private final Duration timeout;
    private final Timeline timeline;

    /**
     * @param server   the server, started with {@code DRAINKIT_DELAY=delay}, {@code DRAINKIT_TIMEOUT=timeout}
     * @param delay    DrainKit's delay
     * @param timeout  DrainKit's deadline
     * @param timeline where the events go
     */
    public SigtermAlone(ServerUnderTest server, Duration delay, Duration timeout, Timeline timeline) {
        this.server = server;
        this.delay = delay;
        this.timeout = timeout;
        this.timeline = timeline;
    }

    /**
     * What the run measured; times are {@code System.nanoTime()} values.
     *
     * @param exchanges every request
     * @param sigterm   when SIGTERM was sent
     * @param down      when readiness first answered 503, {@code Long.MAX_VALUE} if it did not before the delay's end
     * @param exited    when the exit was seen (or given up on)
     * @param exit      the exit status, if it exited
     * @param delay     DrainKit's delay
     * @param timeout   DrainKit's deadline
     */
    public record Outcome(
            List<Exchange> exchanges,
            long sigterm,
            long down,
            long exited,
            OptionalInt exit,
            Duration delay,
            Duration timeout) {

        /** @return the requests answered between readiness DOWN and the end of the delay */
        public List<Exchange> duringDelay() {
            return exchanges.stream()
                    .filter(e -> e.sentNanos() >= down && e.doneNanos() < sigterm + delay.toNanos())
                    .toList();
        }

        /** @return what fell short of a drain on SIGTERM alone; empty when nothing did */
        public List<String> problems() {
            List<String> problems = new ArrayList<>();
            if (down - sigterm >= delay.toNanos() / 2) {
                problems.add("readiness was not DOWN within half the delay after SIGTERM");
            }
            List<Exchange> during = duringDelay();
            if (during.size() <= CLIENTS) {
                problems.add("only " + during.size() + " request(s) answered during the delay: the server stopped"
                        + " serving them");
            }
            during.stream()
                    .filter(e -> !e.ok() || !e.connectionClose())
                    .limit(3)
                    .forEach(e -> problems.add("during the delay, not 200 with Connection: close: " + e));
            if (exit.isEmpty()) {
                problems.add("the server did not exit");
            } else if (exited - sigterm < delay.toNanos() || exited - sigterm > timeout.toNanos()) {
                problems.add(String.format(
                        "the server exited %.2f s after SIGTERM, not after the delay and before the" + " deadline",
                        (exited - sigterm) / 1e9));
            }
            return problems;
        }

        /** @return the figures in one line */
        public String figures() {
            return String.format(
                    "readiness DOWN at %+.3f s; answered during the delay %d, of which %d 200 with"
                            + " Connection: close; exited after %.2f s with status %s",
                    (down - sigterm) / 1e9,
                    duringDelay().size(),
                    duringDelay().stream()
                            .filter(e -> e.ok() && e.connectionClose())
                            .count(),
                    (exited - sigterm) / 1e9,
                    exit.isPresent() ? exit.getAsInt() : "none");
        }
    }

    /**
     * Runs it; the server has exited (or been given up on) when it returns.
     *
     * @return what happened
     * @throws Exception if the run itself breaks
     */
    public Outcome run() throws Exception {
        server.process().onLine(timeline::serverLine);
        Load load = new Load(server.application());
        try {
            load.startClients(CLIENTS, "work?ms=100", 1_000, Duration.ofSeconds(60), Duration.ofMillis(50));
            long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (load.exchanges().size() < 20 && System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
            long sigterm = timeline.start(
                    "SIGTERM to " + server.name() + ", no preStop call (" + load.inFlight() + " request(s) in flight)");
            server.sigterm();
            long down = awaitReadinessDown(sigterm + delay.toNanos());
            timeline.event(down, "test", "readiness answers 503");
            // The load balancer lets go half-way through the delay; with the clients still sending, nothing would
            // ever leave the pod idle and the drain would end only at its deadline.
            TimeUnit.NANOSECONDS.sleep(Math.max(0, sigterm + delay.toNanos() / 2 - System.nanoTime()));
            load.stopSending();
            timeline.event("lb", "the load balancer has let go");
            OptionalInt exit = server.awaitExit(timeout.plusSeconds(15));
            long exited = System.nanoTime();
            timeline.event(exited, "server", exit.isPresent() ? "exited with " + exit.getAsInt() : "still running");
            load.awaitClients(Load.REQUEST_TIMEOUT);
            Outcome outcome = new Outcome(load.exchanges(), sigterm, down, exited, exit, delay, timeout);
            timeline.line(server.name() + ", SIGTERM alone (delay " + delay.toMillis() + " ms): " + outcome.figures());
            return outcome;
        } finally {
            load.stopSending();
        }
    }

    private long awaitReadinessDown(long deadline) throws InterruptedException {
        while (System.nanoTime() < deadline) {
            try {
                if (Readiness.ask(server.readiness()).status() == 503) {
                    return System.nanoTime();
                }
            } catch (IOException unanswered) {
                return Long.MAX_VALUE;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return Long.MAX_VALUE;
    }
}
