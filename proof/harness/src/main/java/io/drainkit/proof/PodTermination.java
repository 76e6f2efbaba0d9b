// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What Kubernetes does when it deletes a pod, against one server under test, with a load balancer simulated by the
 * clients themselves: keep-alive load and slow requests in flight; the kubelet's preStop call with the token; readiness
 * DOWN on the server's own health endpoint, after which the load balancer stops routing a little later; responses with
 * {@code Connection: close} during the delay; the preStop call answering once nothing is in flight; optionally a
 * straggler that a slow load balancer still sends after that; then SIGTERM, and the exit.
 *
 * <p>The demo prints it; each runtime's end-to-end test asserts that its {@link PodTerminationOutcome#problems()} is
 * empty. Every wait is bounded.
 */
public final class PodTermination {

    /**
     * The traffic and the load balancer of a run.
     *
     * @param clients         keep-alive clients sending {@code work} without pause
     * @param work            their request, relative to the application
     * @param slowMillis      slow requests sent just before the trigger: the drain must wait for them after the delay
     * @param loadBalancerLag how long after readiness DOWN the clients stop sending
     * @param straggler       a request sent after the preStop call returned, in flight at SIGTERM, or empty
     */
    public record Traffic(
            int clients, String work, List<Integer> slowMillis, Duration loadBalancerLag, Optional<String> straggler) {

        /** @return 4 clients on {@code work?ms=200}, slow requests of 6 and 8 s, the load balancer 1 s behind */
        public static Traffic standard() {
            return new Traffic(4, "work?ms=200", List.of(6_000, 8_000), LOAD_BALANCER_LAG, Optional.empty());
        }

        /** @return this traffic and a straggler sent after the preStop call returned */
        public Traffic withStraggler(String path) {
            return new Traffic(clients, work, slowMillis, loadBalancerLag, Optional.of(path));
        }
    }

    /**
     * How long after readiness DOWN a load balancer stops sending, in the scenarios that simulate one: a second, well
     * within DrainKit's delay, and never at once (a real one always takes some time to notice).
     */
    public static final Duration LOAD_BALANCER_LAG = Duration.ofSeconds(1);

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ServerUnderTest server;
    private final DrainKitSettings settings;
    private final Traffic traffic;
    private final Timeline timeline;
    private final HttpClient http = Load.newClient();

    /**
     * @param server   the server, started with {@code settings.environment()}
     * @param settings its DrainKit settings (the token, the delay, the deadline)
     * @param traffic  what the clients send
     * @param timeline where the events go
     */
    public PodTermination(ServerUnderTest server, DrainKitSettings settings, Traffic traffic, Timeline timeline) {
        this.server = server;
        this.settings = settings;
        this.traffic = traffic;
        this.timeline = timeline;
    }

    /**
     * Runs the sequence; the server has exited (or been given up on) when it returns.
     *
     * @return what happened
     * @throws Exception if the run itself breaks (a wait is interrupted, ...)
     */
    public PodTerminationOutcome run() throws Exception {
        Load.verifyNoSilentRetry();
        server.process().onLine(timeline::serverLine);
        Readiness before = readiness();
        timeline.line(
                server.name() + " serving " + server.application() + "; " + server.readiness() + " answers " + before);
        Load load = new Load(server.application());
        try {
            load.startClients(traffic.clients(), traffic.work(), 1_000, Duration.ofSeconds(90));
            List<CompletableFuture<Exchange>> slow = new ArrayList<>();
            traffic.slowMillis().forEach(ms -> slow.add(load.sendOne("work?ms=" + ms)));
            awaitUntil(() -> load.exchanges().size() >= 20 && readiness().inFlight() >= slow.size());

            timeline.start(
                    "GET " + server.application() + "drainkit/prestop with the token: the kubelet's preStop hook ("
                            + load.inFlight() + " request(s) in flight)");
            long trigger = System.nanoTime();
            CompletableFuture<HttpResponse<String>> preStop = Kubelet.preStop(
                    http,
                    server.application(),
                    settings.token(),
                    settings.timeout().plusSeconds(10));
            long readinessDown = awaitReadinessDown();
            CompletableFuture.delayedExecutor(traffic.loadBalancerLag().toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> {
                        load.stopSending();
                        timeline.event("lb", "the load balancer has noticed: no new requests from here on");
                    });

            HttpResponse<String> answer = preStop.get(settings.timeout().toSeconds() + 10, TimeUnit.SECONDS);
            long preStopReturned = System.nanoTime();
            DrainReportJson report = new DrainReportJson(answer.body());
            timeline.event(
                    preStopReturned, "test", "preStop answered " + answer.statusCode() + ": " + report.summary());
            load.stopSending();

            Optional<CompletableFuture<Exchange>> straggler =
                    traffic.straggler().map(load::sendOne);
            if (straggler.isPresent()) {
                awaitUntil(() -> readiness().inFlight() >= 1);
                timeline.event(
                        "client", traffic.straggler().get() + " sent after the preStop call returned, in flight");
            }
            timeline.event("test", "SIGTERM");
            long sigterm = System.nanoTime();
            server.sigterm();
            OptionalInt exit = server.awaitExit(settings.timeout().plusSeconds(30));
            long exited = System.nanoTime();
            timeline.event(exited, "server", exit.isPresent() ? "exited with " + exit.getAsInt() : "still running");
            boolean clientsStopped = load.awaitClients(Load.REQUEST_TIMEOUT);
            List<Exchange> slowDone = new ArrayList<>();
            for (CompletableFuture<Exchange> request : slow) {
                slowDone.add(request.get(Load.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS));
            }
            Optional<Exchange> late = straggler.isEmpty()
                    ? Optional.empty()
                    : Optional.of(straggler.get().get(Load.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS));
            return new PodTerminationOutcome(
                    server.name(),
                    settings,
                    traffic,
                    before,
                    load.exchanges(),
                    slowDone,
                    late,
                    trigger,
                    readinessDown,
                    preStopReturned,
                    answer.statusCode(),
                    report,
                    sigterm,
                    exited,
                    exit.isPresent() && server.isCleanExit(exit.getAsInt()),
                    exit,
                    clientsStopped);
        } finally {
            load.stopSending();
        }
    }

    private long awaitReadinessDown() throws IOException, InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < end) {
            Readiness now = readiness();
            if (now.status() == 503) {
                long down = System.nanoTime();
                timeline.event(down, "test", server.readiness() + " answers " + now + ": readiness is DOWN");
                return down;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return Long.MAX_VALUE;
    }

    private Readiness readiness() throws IOException, InterruptedException {
        return Readiness.ask(http, server.readiness());
    }

    private static void awaitUntil(Check check) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("the load did not get under way within " + WAIT.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    /** A condition that may need to ask the server. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
