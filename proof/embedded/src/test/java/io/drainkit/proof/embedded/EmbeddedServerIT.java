// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import io.drainkit.DrainEndpoints;
import io.drainkit.proof.DrainKitSettings;

/**
 * Runs the packaged example ({@code target/drainkit-example-embedded.jar}) as a separate JVM, as a user or an
 * end-to-end test would, and talks to it over loopback HTTP.
 */
class EmbeddedServerIT extends ExampleProcessTest {

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(30);

    /**
     * Verifies that /work answers ok, that /health/ready lists DrainKit's check UP while serving and DOWN from the
     * preStop call on, and that a preStop call without the token changes nothing.
     */
    @Test
    void healthReadinessGoesDownWithPreStop() throws Exception {
        URI base = start(
                new DrainKitSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), TOKEN, Map.of()).environment());

        HttpResponse<String> work = get(base, "/work?ms=20");
        assertThat(work.statusCode()).as("GET /work?ms=20").isEqualTo(200);
        assertThat(work.body().strip()).as("body of GET /work").isEqualTo("ok");
        assertThat(drainkitCheck(base))
                .as("drainkit check in /health/ready while serving")
                .containsEntry("httpStatus", "200")
                .containsEntry("status", "UP")
                .containsEntry("state", "SERVING");

        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(base.resolve("/drainkit/prestop"))
                        .header(DrainEndpoints.TOKEN_HEADER, "wrong")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("preStop with a wrong token").isEqualTo(403);
        assertThat(drainkitCheck(base))
                .as("drainkit check after a refused preStop call")
                .containsEntry("status", "UP");

        CompletableFuture<HttpResponse<String>> preStop = http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/drainkit/prestop"))
                        .header(DrainEndpoints.TOKEN_HEADER, TOKEN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        await("/drainkit/ready answers 503 after the preStop call")
                .atMost(Duration.ofSeconds(10))
                .until(() -> get(base, "/drainkit/ready").statusCode() == 503);
        assertThat(drainkitCheck(base))
                .as("drainkit check in /health/ready during the delay")
                .containsEntry("httpStatus", "503")
                .containsEntry("status", "DOWN")
                .containsEntry("state", "DRAINING");

        HttpResponse<String> report = preStop.get(20, TimeUnit.SECONDS);
        assertThat(report.statusCode()).as("preStop answer").isEqualTo(200);
        assertThat(report.body())
                .as("preStop report")
                .contains("\"status\":\"DRAINED\"", "\"trigger\":\"PRESTOP\"", "\"deadlineReached\":false");
        assertThat(drainkitCheck(base))
                .as("drainkit check in /health/ready after the drain")
                .containsEntry("status", "DOWN")
                .containsEntry("state", "DRAINED");

        server.sigterm();
        assertThat(server.awaitExit(EXIT))
                .as("exit status after SIGTERM; output:\n%s", tail())
                .isEqualTo(OptionalInt.of(0));
    }

    /**
     * Verifies that SIGTERM drains through CDI shutdown before Jetty stops: a request in flight is answered 200,
     * a request arriving during the delay is still served (with Connection: close), DrainKit's servlet readiness
     * goes DOWN (so the servlet and CDI sides share one drain), Jetty's connector stops only after the drain, and
     * the process exits 0.
     */
    @Test
    void sigtermLetsTheRequestInFlightFinish() throws Exception {
        URI base = start(Map.of("DRAINKIT_DELAY", "1s", "DRAINKIT_TIMEOUT", "10s"));
        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/work?ms=3000")).build(), HttpResponse.BodyHandlers.ofString());
        await("the slow request is in flight (drainkit inFlight counts it and the health request)")
                .atMost(Duration.ofSeconds(10))
                .until(() -> Integer.parseInt(drainkitCheck(base).get("inFlight")) >= 2);

        server.sigterm();
        await("/drainkit/ready answers 503 after SIGTERM")
                .atMost(Duration.ofSeconds(10))
                .until(() -> get(base, "/drainkit/ready").statusCode() == 503);
        HttpResponse<String> duringDelay = get(base, "/work?ms=10");
        assertThat(duringDelay.statusCode())
                .as("a request sent during the delay after SIGTERM")
                .isEqualTo(200);
        assertThat(duringDelay.headers().firstValue("connection"))
                .as("its Connection header")
                .hasValue("close");

        HttpResponse<String> slow = inFlight.get(20, TimeUnit.SECONDS);
        assertThat(slow.statusCode()).as("the request in flight at SIGTERM").isEqualTo(200);
        assertThat(slow.body().strip()).isEqualTo("ok");
        assertThat(server.awaitExit(EXIT))
                .as("exit status after SIGTERM; output:\n%s", tail())
                .isEqualTo(OptionalInt.of(0));

        List<String> output = server.output();
        int started = indexOf(output, "DRAINKIT-0001 Drain started by CONTAINER_SHUTDOWN");
        int completed = indexOf(output, "DRAINKIT-0003 Drain completed");
        int connectorStopped = indexOf(output, "Stopped ServerConnector");
        assertThat(started)
                .as("drain started by the CDI shutdown; output:\n%s", tail())
                .isNotNegative();
        assertThat(completed).as("drain completed, after it started").isGreaterThan(started);
        assertThat(connectorStopped)
                .as("Jetty's connector stopped, after the drain completed")
                .isGreaterThan(completed);
    }

    /** Verifies that bad DrainKit settings stop the start-up with exit status 1 and a message naming the key. */
    @Test
    void invalidSettingsStopTheStart() throws Exception {
        server = EmbeddedServerProcess.start(
                List.of("0"), Map.of("DRAINKIT_DELAY", "5s", "DRAINKIT_TIMEOUT", "2s"), logs.resolve("server.log"));
        assertThat(server.awaitExit(START))
                .as("exit status; output:\n%s", tail())
                .isEqualTo(OptionalInt.of(1));
        assertThat(String.join("\n", server.output()))
                .as("output")
                .contains("not started", "DRAINKIT-0005", "drainkit.timeout='2s'")
                .doesNotContain("listening on");
    }

    private URI start(Map<String, String> environment) throws IOException, InterruptedException {
        server = EmbeddedServerProcess.start(List.of("0"), environment, logs.resolve("server.log"));
        return EmbeddedServerProcess.awaitListening(server, START);
    }

    /** The drainkit check in /health/ready: its status, its data, and the endpoint's HTTP status. */
    private Map<String, String> drainkitCheck(URI base) throws IOException, InterruptedException {
        HttpResponse<String> response = get(base, "/health/ready");
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        JsonObject check = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").startsWith("drainkit:/"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no drainkit check in /health/ready: " + response.body()));
        Map<String, String> values = new HashMap<>();
        values.put("httpStatus", String.valueOf(response.statusCode()));
        values.put("status", check.getString("status"));
        check.getJsonObject("data")
                .forEach((key, value) -> values.put(key, value.toString().replace("\"", "")));
        return values;
    }

    private String tail() {
        return server == null ? "" : String.join("\n", server.tail());
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }
}
