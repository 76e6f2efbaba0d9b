// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.Exchange;
import io.drainkit.proof.Load;
import io.drainkit.proof.Readiness;
import io.drainkit.proof.Timeline;

/**
 * SIGTERM with no preStop call, as when a pod's manifest has no hook: what WildFly does with the requests in flight
 * and with those that keep coming, measured on the example WAR. WildFly suspends at once (new requests get 503 while
 * it waits up to {@code org.wildfly.sigterm.suspend.timeout} for those in flight), then unregisters the web context
 * and closes its HTTP listener; only then does DrainKit's container-shutdown drain start, and all it can still do is
 * let the requests in flight finish (it skips its delay: WildFly has destroyed the application's filters by then). So
 * the requests in flight complete, and the load balancer's new ones fail.
 */
class SigtermWithoutPreStopIT {

    static final Duration DELAY = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** configure-drainkit.cli's org.wildfly.sigterm.suspend.timeout. */
    static final Duration SUSPEND_TIMEOUT = Duration.ofSeconds(3);

    static final int CLIENTS = 4;
    static final String WORK = "work?ms=200";
    static final Duration CLIENT_PAUSE = Duration.ofMillis(50);
    /** Still running when SIGTERM comes, and longer than WildFly's suspend timeout. */
    static final List<Integer> SLOW_MS = List.of(5000, 6000);

    private final Timeline timeline = WildFlyServer.timeline();

    /**
     * Verifies that on SIGTERM alone the requests in flight complete with 200, that the JVM exits within the suspend
     * timeout plus DrainKit's deadline, and that requests sent after SIGTERM are not served (they are counted and
     * written down: this is what the preStop call prevents).
     */
    @Test
    void sigtermAloneLetsInFlightRequestsFinishButNewOnesFail() throws Exception {
        Path workDir = Paths.get("target", "e2e", "sigterm-only");
        Map<String, String> settings = Map.of(
                "DRAINKIT_DELAY", DELAY.toSeconds() + "s",
                "DRAINKIT_TIMEOUT", TIMEOUT.toSeconds() + "s");
        long launched = System.nanoTime();
        try (WildFlyServer server = WildFlyServer.start(workDir, settings)) {
            timeline.line(String.format(
                    "WildFly up with drainkit-example.war in %.1f s: %s (health %s)",
                    (System.nanoTime() - launched) / 1e9, server.application(), server.readiness()));
            server.process().onLine(timeline::serverLine);

            Load load = new Load(server.application());
            List<CompletableFuture<Exchange>> slow =
                    SLOW_MS.stream().map(ms -> load.sendOne("work?ms=" + ms)).collect(Collectors.toList());
            await("the slow requests in flight")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> Readiness.ask(server.readiness()).inFlight() == SLOW_MS.size());
            // Paced like users behind a load balancer: after SIGTERM the answers come at once, and a spin proves
            // nothing.
            load.startClients(CLIENTS, WORK, 400, Duration.ofSeconds(60), CLIENT_PAUSE);
            await("keep-alive load under way")
                    .atMost(Duration.ofSeconds(15))
                    .until(() -> load.exchanges().size() >= 20);

            slow.forEach(request -> request.thenAccept(e -> timeline.event(
                    e.doneNanos(),
                    "client",
                    e.path() + " answered "
                            + (e.error() != null
                                    ? e.error()
                                    : e.status() + (e.connectionClose() ? " with Connection: close" : "")))));
            timeline.start("SIGTERM to the server JVM (pid " + server.jvm().pid() + "), no preStop call");
            long sigterm = System.nanoTime();
            server.jvm().destroy();
            server.jvm().onExit().get(SUSPEND_TIMEOUT.plus(TIMEOUT).toSeconds() + 15, TimeUnit.SECONDS);
            long jvmExit = System.nanoTime();
            OptionalInt scriptExit = server.process().awaitExit(Duration.ofSeconds(10));
            timeline.event(jvmExit, "server", "JVM exited; standalone.sh exited with " + scriptExit);
            load.stopSending();
            assertThat(load.awaitClients(Load.REQUEST_TIMEOUT))
                    .as("every client stopped")
                    .isTrue();
            List<Exchange> slowDone = slow.stream().map(CompletableFuture::join).collect(Collectors.toList());

            List<Exchange> afterSigterm = load.exchanges().stream()
                    .filter(e -> e.sentNanos() >= sigterm)
                    .collect(Collectors.toList());
            List<Exchange> inFlightAtSigterm = load.exchanges().stream()
                    .filter(e -> e.sentNanos() < sigterm && e.doneNanos() >= sigterm)
                    .collect(Collectors.toList());
            Map<String, List<Exchange>> outcomes = afterSigterm.stream()
                    .collect(
                            Collectors.groupingBy(SigtermWithoutPreStopIT::outcome, TreeMap::new, Collectors.toList()));
            long firstFailure = afterSigterm.stream()
                    .filter(e -> !e.ok())
                    .mapToLong(Exchange::sentNanos)
                    .min()
                    .orElse(Long.MAX_VALUE);
            timeline.line("");
            // WildFly's suspend timeout is the server's (WFLYSRV0211 above names it; WFLYSRV0272 means the default, 0).
            timeline.line("Result (WildFly 39.0.1.Final, SIGTERM without preStop, DRAINKIT_DELAY=" + DELAY.toSeconds()
                    + "s)");
            timeline.line("  in flight at SIGTERM: " + inFlightAtSigterm.size() + ", of which "
                    + inFlightAtSigterm.stream().filter(Exchange::ok).count() + " answered 200 ("
                    + inFlightAtSigterm.stream()
                            .filter(Exchange::connectionClose)
                            .count() + " with Connection: close)");
            timeline.line("  sent after SIGTERM:  " + afterSigterm.size() + " by " + CLIENTS + " keep-alive clients ("
                    + CLIENT_PAUSE.toMillis() + " ms pause between requests), of which "
                    + afterSigterm.stream().filter(Exchange::ok).count() + " answered 200:");
            outcomes.forEach((outcome, exchanges) -> timeline.line(String.format(
                    "    %-28s %4d, sent from %+.3f s to %+.3f s",
                    outcome,
                    exchanges.size(),
                    timeline.seconds(exchanges.stream()
                            .mapToLong(Exchange::sentNanos)
                            .min()
                            .orElseThrow()),
                    timeline.seconds(exchanges.stream()
                            .mapToLong(Exchange::sentNanos)
                            .max()
                            .orElseThrow()))));
            timeline.line(String.format(
                    "  first failed request sent %+.3f s after SIGTERM",
                    firstFailure == Long.MAX_VALUE ? Double.NaN : timeline.seconds(firstFailure)));
            timeline.line(String.format("  SIGTERM to exit:     %.2f s", (jvmExit - sigterm) / 1e9));
            timeline.writeTo(workDir.resolve("result.txt"));

            assertThat(slowDone).as("requests in flight at SIGTERM").allSatisfy(exchange -> assertThat(exchange.ok())
                    .as("%s", exchange)
                    .isTrue());
            assertThat(inFlightAtSigterm)
                    .as("every request in flight at SIGTERM")
                    .allSatisfy(exchange ->
                            assertThat(exchange.ok()).as("%s", exchange).isTrue());
            assertThat(afterSigterm)
                    .as("requests sent after SIGTERM: WildFly no longer routes them to the WAR")
                    .anySatisfy(exchange -> assertThat(exchange.ok()).isFalse());
            assertThat(server.process().output())
                    .as("DrainKit's shutdown drain, which starts after WildFly destroyed the"
                            + " application's filters: no delay, only the wait for what is in flight")
                    .anySatisfy(line ->
                            assertThat(line).contains("Drain started by CONTAINER_SHUTDOWN", "serving on for 0s"));
            assertThat(scriptExit).as("standalone.sh exited after its JVM").isPresent();
        }
    }

    /** @return {@code HTTP 503}, or the exception's class for a request that got no answer */
    private static String outcome(Exchange exchange) {
        return exchange.error() != null ? exchange.error().replaceFirst(":.*", "") : "HTTP " + exchange.status();
    }
}
