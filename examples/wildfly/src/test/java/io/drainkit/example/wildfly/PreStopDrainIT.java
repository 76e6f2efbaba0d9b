package io.drainkit.example.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.drainkit.example.harness.Load;
import io.drainkit.example.harness.Load.Exchange;

/**
 * What Kubernetes does when it deletes a pod, against the example WAR on a real WildFly: requests in flight and
 * keep-alive load; the kubelet's {@code preStop} call with the token; readiness DOWN on WildFly's own health endpoint
 * (management interface), after which a load balancer stops routing; responses with {@code Connection: close} during
 * the delay; the preStop call answering once nothing is in flight; then SIGTERM to the server JVM, which exits.
 * No request may fail, not even one a slow load balancer sends after the preStop call returned, which is still in
 * flight at SIGTERM: WildFly's suspend waits for it ({@code org.wildfly.sigterm.suspend.timeout}).
 *
 * <p>On WildFly the preStop endpoint is what drains: on SIGTERM the server suspends and unregisters the web context
 * before any shutdown event reaches the application ({@link SigtermWithoutPreStopIT} shows what that costs).
 */
class PreStopDrainIT {

    static final Duration DELAY = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** What the pod's terminationGracePeriodSeconds would be: DrainKit checks timeout + 5 s fits. */
    static final Duration GRACE_PERIOD = Duration.ofSeconds(20);
    static final Duration LOAD_BALANCER_LAG = Duration.ofSeconds(1);
    static final int CLIENTS = 4;
    static final String WORK = "work?ms=200";
    /** Longer than the delay: the preStop call must wait for them after it. */
    static final List<Integer> SLOW_MS = List.of(6000, 8000);
    /** Shorter than configure-drainkit.cli's org.wildfly.sigterm.suspend.timeout (3 s). */
    static final String STRAGGLER = "work?ms=1500";

    private final Timeline timeline = new Timeline();
    private final HttpClient http = WildFlyServer.client();

    /**
     * Verifies that a preStop call drains the loaded server (readiness DOWN on WildFly's health, Connection: close
     * during the delay, the answer only once nothing is in flight), that SIGTERM then stops the JVM, and that no
     * request sent before the preStop call returned failed.
     */
    @Test
    void preStopDrainsThenSigtermStopsTheServerWithoutAFailedRequest() throws Exception {
        Path workDir = Paths.get("target", "e2e", "prestop");
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, String> settings = Map.of(
                "DRAINKIT_PRESTOP_ENABLED", "true",
                "DRAINKIT_PRESTOP_TOKEN", token,
                "DRAINKIT_DELAY", DELAY.toSeconds() + "s",
                "DRAINKIT_TIMEOUT", TIMEOUT.toSeconds() + "s",
                "DRAINKIT_GRACE_PERIOD", GRACE_PERIOD.toSeconds() + "s");
        ScheduledExecutorService loadBalancer = Executors.newSingleThreadScheduledExecutor();
        long launched = System.nanoTime();
        try (WildFlyServer server = WildFlyServer.start(workDir, settings)) {
            timeline.line(String.format("WildFly up with drainkit-example.war in %.1f s: %s (health %s)",
                    (System.nanoTime() - launched) / 1e9, server.application(), server.readiness()));
            server.process().onLine(timeline::serverLine);
            assertThat(server.application().getHost()).as("test traffic stays on loopback").isEqualTo("127.0.0.1");
            HttpResponse<String> up = server.readinessResponse(http);
            assertThat(up.statusCode()).as("readiness before the trigger: %s", up.body()).isEqualTo(200);
            assertThat(Health.drainKitCheck(up.body())).as("WildFly's readiness lists the drainkit check: %s", up.body())
                    .isEqualTo("UP");

            // Load in flight: two slow requests, admitted (WildFly's health reports them) before anything else runs.
            Load load = new Load(server.application());
            List<CompletableFuture<Exchange>> slow = SLOW_MS.stream().map(ms -> load.sendOne("work?ms=" + ms))
                    .collect(Collectors.toList());
            await("the slow requests in flight").atMost(Duration.ofSeconds(15))
                    .until(() -> Health.inFlight(server.readinessResponse(http).body()) == SLOW_MS.size());
            load.startClients(CLIENTS, WORK, 1_000, Duration.ofSeconds(60));
            await("keep-alive load under way").atMost(Duration.ofSeconds(15)).until(() -> load.exchanges().size() >= 20);

            timeline.start("GET /drainkit-example/drainkit/prestop with X-DrainKit-Token (the kubelet's preStop hook)");
            long triggered = System.nanoTime();
            CompletableFuture<HttpResponse<String>> preStop = http.sendAsync(
                    HttpRequest.newBuilder(server.application().resolve("drainkit/prestop"))
                            .header("X-DrainKit-Token", token).timeout(TIMEOUT.plusSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());

            await("WildFly's readiness DOWN").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.readinessResponse(http).statusCode() == 503);
            long readinessDown = System.nanoTime();
            String down = server.readinessResponse(http).body();
            timeline.event(readinessDown, "test", "GET " + server.readiness() + " answers 503, drainkit "
                    + Health.drainKitCheck(down));
            assertThat(Health.drainKitCheck(down)).as("the drainkit check while draining: %s", down).isEqualTo("DOWN");
            loadBalancer.schedule(() -> {
                load.stopSending();
                timeline.event("lb", "the load balancer has noticed: no new requests from here on");
            }, LOAD_BALANCER_LAG.toMillis(), TimeUnit.MILLISECONDS);

            AtomicBoolean preStopDoneWhenFirstSlowEnded = new AtomicBoolean(true);
            Exchange firstSlow = slow.get(0).thenApply(exchange -> {
                preStopDoneWhenFirstSlowEnded.set(preStop.isDone());
                return exchange;
            }).get(Load.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            timeline.event(firstSlow.doneNanos(), "client", "work?ms=" + SLOW_MS.get(0) + " answered " + firstSlow.status()
                    + (firstSlow.connectionClose() ? " with Connection: close" : "") + "; preStop still waiting: "
                    + !preStopDoneWhenFirstSlowEnded.get());

            HttpResponse<String> answer = preStop.get(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            long preStopReturned = System.nanoTime();
            String report = answer.body();
            timeline.event(preStopReturned, "test", "preStop answered " + answer.statusCode() + ": " + report);

            // A load balancer slower than the others still sends one: admitted after the drain, in flight at SIGTERM.
            CompletableFuture<Exchange> straggler = load.sendOne(STRAGGLER);
            await("the straggler in flight").atMost(Duration.ofSeconds(10))
                    .until(() -> Health.inFlight(server.readinessResponse(http).body()) == 1);
            timeline.event("client", STRAGGLER + " sent after the preStop call returned, in flight");

            timeline.event("test", "SIGTERM to the server JVM (pid " + server.jvm().pid() + ")");
            long sigterm = System.nanoTime();
            server.jvm().destroy();
            ProcessHandle exited = server.jvm().onExit().get(30, TimeUnit.SECONDS);
            long jvmExit = System.nanoTime();
            OptionalInt scriptExit = server.process().awaitExit(Duration.ofSeconds(10));
            timeline.event(jvmExit, "server", "JVM " + exited.pid() + " exited " + String.format("%.2f s", (jvmExit - sigterm) / 1e9)
                    + " after SIGTERM; standalone.sh exited with " + scriptExit);
            load.stopSending();
            assertThat(load.awaitClients(Load.REQUEST_TIMEOUT)).as("every client stopped").isTrue();
            Exchange secondSlow = slow.get(1).get(Load.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Exchange late = straggler.get(Load.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            timeline.event(late.doneNanos(), "client", STRAGGLER + " answered "
                    + (late.error() != null ? late.error() : String.valueOf(late.status())));

            List<Exchange> exchanges = load.exchanges().stream().filter(e -> !e.path().equals(STRAGGLER))
                    .collect(Collectors.toList());
            List<Exchange> whileServing = exchanges.stream().filter(e -> e.sentNanos() < preStopReturned)
                    .collect(Collectors.toList());
            List<Exchange> failed = whileServing.stream().filter(e -> !e.ok()).collect(Collectors.toList());
            List<Exchange> duringDelay = exchanges.stream()
                    .filter(e -> e.sentNanos() > readinessDown && e.sentNanos() < preStopReturned)
                    .collect(Collectors.toList());
            timeline.line("");
            timeline.line("Result (WildFly 39.0.1.Final, preStop then SIGTERM)");
            timeline.line("  requests sent:       " + exchanges.size() + " (" + CLIENTS + " keep-alive clients on " + WORK
                    + ", " + SLOW_MS.size() + " slow), " + whileServing.size() + " before the preStop call returned");
            timeline.line("  failed:              " + failed.size() + " of those");
            timeline.line("  after readiness DOWN: " + duringDelay.size() + " sent, "
                    + duringDelay.stream().filter(Exchange::connectionClose).count() + " answered with Connection: close");
            timeline.line("  drain time:          " + Health.number(report, "durationMs") + " ms (preStop report; delay "
                    + Health.number(report, "delayMs") + " ms, " + Health.number(report, "requestsServed")
                    + " requests served while draining)");
            timeline.line("  straggler:           " + STRAGGLER + ", sent after the preStop call returned and in flight at"
                    + " SIGTERM: " + (late.error() != null ? late.error() : "HTTP " + late.status()));
            timeline.line(String.format("  SIGTERM to exit:     %.2f s", (jvmExit - sigterm) / 1e9));
            timeline.writeTo(workDir.resolve("result.txt"));

            assertThat(failed).as("requests sent before the preStop call returned that failed").isEmpty();
            assertThat(preStopDoneWhenFirstSlowEnded).as("preStop still waiting when the first slow request ended")
                    .isFalse();
            assertThat(firstSlow.ok() && secondSlow.ok()).as("the slow requests: %s, %s", firstSlow, secondSlow).isTrue();
            assertThat(answer.statusCode()).as("preStop: %s", report).isEqualTo(200);
            assertThat(report).contains("\"status\":\"DRAINED\"", "\"trigger\":\"PRESTOP\"", "\"deadlineReached\":false");
            assertThat(Health.number(report, "inFlightAtEnd")).as(report).isZero();
            // The last slow request ends no sooner than its full time after it was sent; the drain began at the trigger.
            long slowestEndMs = (secondSlow.sentNanos() - triggered) / 1_000_000 + SLOW_MS.get(1);
            assertThat(slowestEndMs).as("the test's premise: the slowest request outlasts the delay")
                    .isGreaterThan(DELAY.toMillis() + 1_000);
            assertThat(Health.number(report, "durationMs")).as("the drain waited for the slowest request: %s", report)
                    .isGreaterThanOrEqualTo(slowestEndMs - 500);
            assertThat(duringDelay).as("requests sent after readiness DOWN, before the load balancer let go")
                    .isNotEmpty()
                    .allSatisfy(exchange -> assertThat(exchange.connectionClose())
                            .as("Connection: close on %s", exchange).isTrue());
            assertThat(late.ok()).as("a request admitted after the drain, in flight at SIGTERM (WildFly's suspend"
                    + " waits for it: org.wildfly.sigterm.suspend.timeout): %s", late).isTrue();
            assertThat(scriptExit).as("standalone.sh exited after its JVM").isPresent();
        } finally {
            loadBalancer.shutdownNow();
        }
    }
}
