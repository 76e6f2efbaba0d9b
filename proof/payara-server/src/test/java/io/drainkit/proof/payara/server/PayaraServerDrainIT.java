// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.payara.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.Exchange;
import io.drainkit.proof.Load;
import io.drainkit.proof.PodTermination;
import io.drainkit.proof.PodTerminationOutcome;
import io.drainkit.proof.Readiness;
import io.drainkit.proof.Timeline;
import io.drainkit.proof.Verdict;

/**
 * The example WAR on a real Payara Server domain, stopped the three ways a domain is stopped: the Kubernetes sequence
 * (preStop with the token, readiness DOWN on Payara's /health/ready, Connection: close during the delay, the answer
 * once nothing is in flight, SIGTERM, exit), SIGTERM alone (the pod's hook failed, or it has none), and
 * {@code asadmin stop-domain} (an operator). Each prints its timeline; {@code target/e2e/<test>/result.txt} keeps it.
 */
class PayaraServerDrainIT {

    static final Duration DELAY = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The pod's terminationGracePeriodSeconds would be the timeout plus this: DrainKit checks timeout + 5 s fits. */
    static final Duration GRACE_MARGIN = Duration.ofSeconds(5);

    static final String TOKEN = "e2e-token-3c9a51f07d2b4e68";
    static final int CLIENTS = 4;
    static final String WORK = "work?ms=100";
    /** Longer than the delay, and than the ~2 s Payara waits by itself for servlets in service. */
    static final List<Integer> SLOW_MS = List.of(5000, 6000);
    /**
     * Longer still: asadmin stop-domain is a JVM of its own, which took up to 10 s to reach the domain on a loaded
     * machine, and Payara then waits 2 s for the servlets in service by itself; with a deadline to match. Shorter than
     * the clients' own timeout ({@link Load#REQUEST_TIMEOUT}).
     */
    static final List<Integer> SLOWER_MS = List.of(14000, 16000);

    static final Duration SLOWER_TIMEOUT = Duration.ofSeconds(30);
    static final Duration EXIT = SLOWER_TIMEOUT.plusSeconds(15);
    /** DrainKit's lines, and Payara's own at the end of a stop (printed on the console, past its log handlers). */
    static final Pattern SERVER_EVENTS =
            Pattern.compile("DRAINKIT-\\d+|Completed shutdown of|Server shutdown initiated");

    private final HttpClient http = Load.newClient();
    private final Timeline timeline = new Timeline(SERVER_EVENTS, Pattern.compile("^\\s+"));

    @BeforeAll
    static void everyFailureCounts() throws Exception {
        Load.verifyNoSilentRetry();
    }

    /**
     * Verifies the pod termination scenario ({@link PodTermination}) on Payara Server: readiness DOWN on its own
     * /health/ready, Connection: close during the delay, the preStop call answering once nothing is in flight, the
     * domain JVM's exit after SIGTERM, no failed request, and the drain in the domain's server.log.
     */
    @Test
    void preStopThenSigtermDropsNoRequest() throws Exception {
        Path workDir = Paths.get("target", "e2e", "prestop-then-sigterm");
        DrainKitSettings settings = new DrainKitSettings(DELAY, TIMEOUT, TOKEN, Map.of());
        try (PayaraServerDomain domain = start(workDir, settings(true, TIMEOUT))) {
            PodTerminationOutcome outcome = new PodTermination(
                            domain,
                            settings,
                            new PodTermination.Traffic(
                                    CLIENTS, WORK, SLOW_MS, PodTermination.LOAD_BALANCER_LAG, Optional.empty()),
                            timeline)
                    .run();
            outcome.printFigures(timeline);
            timeline.writeTo(workDir.resolve("result.txt"));
            Verdict.assertNoProblems(outcome.problems(), domain.console().tail());
            assertThat(Files.readString(domain.serverLog()))
                    .as("the preStop drain in the domain's server.log")
                    .contains("DRAINKIT-0001 Drain started by PRESTOP", "DRAINKIT-0003 Drain completed");
        }
    }

    /**
     * Verifies SIGTERM with no preStop call, the load balancer letting go at that moment: the requests in flight
     * (two slow ones among them) complete with 200, the domain JVM exits within DrainKit's deadline plus its own stop,
     * and the drain's start and summary lines reach the console, although Payara's log handlers are closed by then.
     */
    @Test
    void sigtermAloneFinishesTheRequestsInFlight() throws Exception {
        PayaraServerDomain domain =
                stopUnderLoad("sigterm-only", SLOW_MS, TIMEOUT, "SIGTERM alone", this::sigtermAndAwaitExit);

        assertThat(domain.console().output())
                .as("the drain's start and summary on the console")
                .anySatisfy(line -> assertThat(line).contains("DRAINKIT-0001 Drain started by CONTAINER_SHUTDOWN"))
                .anySatisfy(line -> assertThat(line).contains("DRAINKIT-0003 Drain completed"));
    }

    /**
     * Verifies {@code asadmin stop-domain} with requests in flight: they complete with 200, the command returns once
     * the domain has stopped, and the drain's start and summary lines are in the domain's server.log.
     */
    @Test
    void stopDomainFinishesTheRequestsInFlight() throws Exception {
        PayaraServerDomain domain = stopUnderLoad(
                "stop-domain", SLOWER_MS, SLOWER_TIMEOUT, "asadmin stop-domain", this::stopDomainAndAwaitExit);

        assertThat(Files.readString(domain.serverLog()))
                .as("the drain in the domain's server.log")
                .contains("DRAINKIT-0001 Drain started by CONTAINER_SHUTDOWN", "DRAINKIT-0003 Drain completed")
                .as("the test's premise: the slow requests still in flight when the stop reached the application")
                .doesNotContain("(0 request(s) in flight now)");
    }

    /** A way to stop the domain; returns the seconds until its JVM had exited. */
    @FunctionalInterface
    private interface Stop {
        double andAwaitExit(PayaraServerDomain domain) throws Exception;
    }

    /**
     * Load and slow requests, the load balancer lets go, then the stop, with no preStop call: no request fails, and the
     * domain stops within DrainKit's deadline plus its own stop.
     *
     * @return the stopped domain, for its output and log
     */
    private PayaraServerDomain stopUnderLoad(String name, List<Integer> slowMs, Duration timeout, String how, Stop stop)
            throws Exception {
        Path workDir = Paths.get("target", "e2e", name);
        try (PayaraServerDomain domain = start(workDir, settings(false, timeout))) {
            Load load = loadWithSlowRequestsInFlight(domain);
            List<CompletableFuture<Exchange>> slow = sendSlow(load, domain, slowMs);
            loadBalancerLetsGo(load, slow.size());
            timeline.start("the load balancer has let go; " + how + ", no preStop call");
            double exitSeconds = stop.andAwaitExit(domain);
            assertStoppedWithoutFailure(workDir, how, load, slow, timeout, exitSeconds);
            return domain;
        }
    }

    private PayaraServerDomain start(Path workDir, Map<String, String> settings) throws Exception {
        long launched = System.nanoTime();
        PayaraServerDomain domain = PayaraServerDomain.start(workDir, settings);
        timeline.line(String.format(
                "Payara Server up with drainkit-example.war in %.1f s: %s (health %s)",
                (System.nanoTime() - launched) / 1e9, domain.application(), domain.readiness()));
        try {
            domain.console().onLine(line -> timeline.serverLine(line.replace("|#]", "")));
            // The first answer of a freshly booted domain can take seconds on a loaded machine.
            await("Payara's readiness lists the drainkit check UP")
                    .atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() ->
                            Readiness.ask(http, domain.readiness()).toString().equals("200 UP SERVING"));
            return domain;
        } catch (RuntimeException | Error failed) {
            domain.close();
            throw failed;
        }
    }

    private static Load loadWithSlowRequestsInFlight(PayaraServerDomain domain) {
        Load load = new Load(domain.application());
        load.startClients(CLIENTS, WORK, 2_000, Duration.ofSeconds(90));
        await("keep-alive load under way")
                .atMost(Duration.ofSeconds(15))
                .until(() -> load.exchanges().size() >= 20);
        return load;
    }

    private List<CompletableFuture<Exchange>> sendSlow(Load load, PayaraServerDomain domain, List<Integer> millis) {
        List<CompletableFuture<Exchange>> slow =
                millis.stream().map(ms -> load.sendOne("work?ms=" + ms)).collect(Collectors.toList());
        await("the slow requests in flight")
                .atMost(Duration.ofSeconds(15))
                .until(() -> Readiness.ask(http, domain.readiness()).inFlight() >= millis.size());
        slow.forEach(request -> request.thenAccept(e -> timeline.event(
                e.doneNanos(),
                "client",
                e.path() + " answered " + (e.error() != null ? e.error() : String.valueOf(e.status())))));
        return slow;
    }

    /**
     * The load balancer stops sending, as Kubernetes' endpoint removal would if it were instant, and the clients' last
     * requests are answered: only the slow ones are in flight at the stop. (A request still on its way when the stop
     * begins gets Payara's own 503: Payara marks the application unavailable first, and only the preStop path keeps
     * the load balancers from sending it.)
     */
    private static void loadBalancerLetsGo(Load load, int slow) {
        load.stopSending();
        await("the clients' last requests answered")
                .atMost(Load.REQUEST_TIMEOUT)
                .until(() -> load.inFlight() == slow);
    }

    /** @return seconds from the command to the JVM's exit */
    private double stopDomainAndAwaitExit(PayaraServerDomain domain) throws Exception {
        timeline.event("test", "asadmin stop-domain");
        assertThat(domain.stopDomain(EXIT))
                .as("asadmin stop-domain's exit status")
                .hasValue(0);
        domain.jvm().onExit().get(EXIT.toSeconds(), TimeUnit.SECONDS);
        double exitSeconds = timeline.seconds(System.nanoTime());
        timeline.event("server", "stop-domain returned, the domain JVM is gone");
        return exitSeconds;
    }

    /** @return seconds from SIGTERM to the JVM's exit */
    private double sigtermAndAwaitExit(PayaraServerDomain domain) throws Exception {
        long sigterm = System.nanoTime();
        timeline.event(
                sigterm,
                "test",
                "SIGTERM to the domain JVM (pid " + domain.jvm().pid() + ")");
        domain.jvm().destroy();
        domain.jvm().onExit().get(EXIT.toSeconds(), TimeUnit.SECONDS);
        long exited = System.nanoTime();
        domain.console().awaitExit(Duration.ofSeconds(10));
        timeline.event(exited, "server", "the domain JVM exited");
        return (exited - sigterm) / 1e9;
    }

    private List<Exchange> finish(Load load, List<CompletableFuture<Exchange>> slow) throws Exception {
        assertThat(load.awaitClients(Load.REQUEST_TIMEOUT))
                .as("every client stopped")
                .isTrue();
        for (CompletableFuture<Exchange> request : slow) {
            request.get(Load.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        return load.exchanges();
    }

    private void assertStoppedWithoutFailure(
            Path workDir,
            String how,
            Load load,
            List<CompletableFuture<Exchange>> slow,
            Duration timeout,
            double exitSeconds)
            throws Exception {
        List<Exchange> exchanges = finish(load, slow);
        List<Exchange> failed = exchanges.stream().filter(e -> !e.ok()).collect(Collectors.toList());
        long inFlight = exchanges.stream()
                .filter(e -> timeline.seconds(e.doneNanos()) > 0)
                .count();
        result(
                workDir,
                how,
                exchanges,
                failed,
                "in flight at the stop: " + inFlight + " (the slow ones)",
                String.format("stop to exit: %.2f s", exitSeconds));
        assertThat(failed).as("failed requests").isEmpty();
        assertThat(inFlight).as("requests in flight at the stop").isGreaterThanOrEqualTo(SLOW_MS.size());
        assertThat(exitSeconds)
                .as("the stop within DrainKit's deadline plus the server's own stop")
                .isLessThan(timeout.plusSeconds(5).toSeconds());
    }

    private void result(Path workDir, String how, List<Exchange> exchanges, List<Exchange> failed, String... more)
            throws Exception {
        timeline.line("");
        timeline.line("Result (Payara Server 6.2025.9, " + how + ", DRAINKIT_DELAY=" + DELAY.toSeconds() + "s)");
        timeline.line("  requests: " + exchanges.size() + " (" + CLIENTS + " keep-alive clients on " + WORK + ", "
                + SLOW_MS.size() + " slow), failed: " + failed.size());
        for (String line : more) {
            timeline.line("  " + line);
        }
        failed.forEach(e -> timeline.line(String.format(
                "  failed: %s sent at %+.3f s, answered at %+.3f s: %s",
                e.path(),
                timeline.seconds(e.sentNanos()),
                timeline.seconds(e.doneNanos()),
                e.error() != null ? e.error() : "HTTP " + e.status())));
        timeline.writeTo(workDir.resolve("result.txt"));
    }

    /** The pod's env; its grace period is the timeout plus the 5 s DrainKit keeps for the server's own stop. */
    private static Map<String, String> settings(boolean preStop, Duration timeout) {
        return Map.of(
                "DRAINKIT_PRESTOP_ENABLED", String.valueOf(preStop),
                "DRAINKIT_PRESTOP_TOKEN", TOKEN,
                "DRAINKIT_DELAY", DELAY.toSeconds() + "s",
                "DRAINKIT_TIMEOUT", timeout.toSeconds() + "s",
                "DRAINKIT_GRACE_PERIOD", timeout.plus(GRACE_MARGIN).toSeconds() + "s");
    }
}
