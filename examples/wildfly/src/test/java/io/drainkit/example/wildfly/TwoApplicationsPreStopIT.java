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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.drainkit.example.harness.Load;
import io.drainkit.example.harness.Load.Exchange;

/**
 * Two DrainKit WARs on one WildFly, under keep-alive load: the pod's one preStop hook calls one of them, and both
 * turn DOWN, serve through the delay with {@code Connection: close}, and hold the answer until the other's slow request
 * is done; then SIGTERM. No request to either fails.
 */
class TwoApplicationsPreStopIT {

    private static final String OTHER = "drainkit-billing";
    private static final Duration DELAY = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final String SLOW = "work?ms=5000";

    private final Timeline timeline = new Timeline();
    private final HttpClient http = WildFlyServer.client();

    /**
     * Verifies that one preStop call drains both applications (both checks DOWN on WildFly's readiness, Connection:
     * close in both, the answer held by the other's slow request, both in the report) and no request fails.
     */
    @Test
    void onePreStopCallDrainsBothApplicationsWithoutAFailedRequest() throws Exception {
        Path workDir = Paths.get("target", "e2e", "two-applications");
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, String> settings = Map.of("DRAINKIT_PRESTOP_ENABLED", "true", "DRAINKIT_PRESTOP_TOKEN", token,
                "DRAINKIT_DELAY", DELAY.toSeconds() + "s", "DRAINKIT_TIMEOUT", TIMEOUT.toSeconds() + "s");
        try (WildFlyServer server = WildFlyServer.start(workDir, settings, OTHER)) {
            server.process().onLine(timeline::serverLine);
            String up = server.readinessResponse(http).body();
            assertThat(Health.drainKitCheck(up, "/drainkit-example")).as("first check: %s", up).isEqualTo("UP");
            assertThat(Health.drainKitCheck(up, "/" + OTHER)).as("second check: %s", up).isEqualTo("UP");
            Load example = new Load(server.application());
            Load other = new Load(server.application(OTHER));
            CompletableFuture<Exchange> slow = other.sendOne(SLOW);
            example.startClients(2, "work?ms=200", 1_000, Duration.ofSeconds(60));
            other.startClients(2, "work?ms=200", 1_000, Duration.ofSeconds(60));
            await("load on both").atMost(Duration.ofSeconds(15))
                    .until(() -> example.exchanges().size() >= 10 && other.exchanges().size() >= 10);

            timeline.start("GET /drainkit-example/drainkit/prestop (the pod's one preStop hook)");
            long triggered = System.nanoTime();
            CompletableFuture<HttpResponse<String>> preStop = http.sendAsync(
                    HttpRequest.newBuilder(server.application().resolve("drainkit/prestop"))
                            .header("X-DrainKit-Token", token).timeout(TIMEOUT.plusSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            await("WildFly's readiness DOWN").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> server.readinessResponse(http).statusCode() == 503);
            long readinessDown = System.nanoTime();
            String down = server.readinessResponse(http).body();
            timeline.event(readinessDown, "test", "readiness 503: " + down.replaceAll("\\s", ""));
            Thread.sleep(1_000); // the load balancer's lag: it still sends for a second after readiness went DOWN
            example.stopSending();
            other.stopSending();
            timeline.event("lb", "the load balancer has let go");

            HttpResponse<String> answer = preStop.get(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            long answered = System.nanoTime();
            timeline.event(answered, "test", "preStop answered " + answer.statusCode() + ": " + answer.body());
            Exchange slowOne = slow.get(Load.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            server.jvm().destroy();
            server.jvm().onExit().get(30, TimeUnit.SECONDS);
            long exited = System.nanoTime();
            timeline.event(exited, "server", "the JVM exited after SIGTERM");
            example.awaitClients(Load.REQUEST_TIMEOUT);
            other.awaitClients(Load.REQUEST_TIMEOUT);

            List<Exchange> all = Stream.concat(example.exchanges().stream(), other.exchanges().stream())
                    .collect(Collectors.toList());
            List<Exchange> failed = all.stream().filter(e -> !e.ok()).collect(Collectors.toList());
            List<Exchange> duringDelay = all.stream().filter(e -> e.sentNanos() > readinessDown && e.sentNanos() < answered)
                    .collect(Collectors.toList());
            timeline.line("");
            timeline.line("Result (WildFly 39.0.1.Final, two WARs, one preStop call)");
            timeline.line("  requests: " + all.size() + " (" + example.exchanges().size() + " to /drainkit-example, "
                    + other.exchanges().size() + " to /" + OTHER + "), failed " + failed.size());
            timeline.line("  after readiness DOWN: " + duringDelay.size() + " sent, "
                    + duringDelay.stream().filter(Exchange::connectionClose).count() + " with Connection: close");
            timeline.line(String.format("  preStop answered after %.2f s, JVM exited %.2f s after the trigger",
                    (answered - triggered) / 1e9, (exited - triggered) / 1e9));
            timeline.writeTo(workDir.resolve("result.txt"));

            assertThat(failed).as("failed requests, to either application").isEmpty();
            assertThat(Health.drainKitCheck(down, "/drainkit-example")).as(down).isEqualTo("DOWN");
            assertThat(Health.drainKitCheck(down, "/" + OTHER)).as("the other application's check: %s", down)
                    .isEqualTo("DOWN");
            assertThat(duringDelay).as("requests during the delay").isNotEmpty()
                    .allSatisfy(e -> assertThat(e.connectionClose()).as("Connection: close on %s", e).isTrue());
            assertThat(slowOne.ok()).as("the other application's slow request: %s", slowOne).isTrue();
            assertThat(slowOne.doneNanos()).as("the preStop answer came after the other's slow request ended")
                    .isLessThanOrEqualTo(answered);
            assertThat(answer.body()).contains("\"deadlineReached\":false", "\"application\":\"/drainkit-example\"",
                    "\"application\":\"/" + OTHER + "\"");
        }
    }
}
