// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.DrainReportJson;
import io.drainkit.tck.TckWebSocket;

/**
 * WebSockets and a server-sent event stream, all open when the drain starts, held by DrainKit for the application:
 * DrainKit ends them at the end of the delay, not at its start, spread over the jitter window, cleanly, and the drain
 * does not wait for its deadline.
 */
class LongLivedConnectionsIT extends ExampleProcessTest {

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final Duration DELAY = Duration.ofSeconds(3);
    private static final Duration JITTER = Duration.ofSeconds(2);
    private static final int WEBSOCKETS = 4;

    /**
     * Verifies that each WebSocket gets a 1001 Going Away close and the event stream its last "drain" event and a clean
     * end, none before the delay is over, all within the jitter window after it and spread over it (all at once would
     * send every client to the other instances at the same instant); and that the drain then ends without reaching
     * its deadline.
     */
    @Test
    void endedByDrainKitAfterTheDelaySpreadOverTheJitterWindow() throws Exception {
        server = EmbeddedServerProcess.start(
                List.of("0"),
                new DrainKitSettings(DELAY, Duration.ofSeconds(30), TOKEN, Map.of())
                        .with("DRAINKIT_LONG_LIVED_JITTER", JITTER.toMillis() + "ms")
                        .environment(),
                logs.resolve("server.log"));
        URI base = EmbeddedServerProcess.awaitListening(server, Duration.ofSeconds(60));

        List<TckWebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < WEBSOCKETS; i++) {
            TckWebSocket socket = TckWebSocket.open(
                    http, URI.create(base.toString().replace("http:", "ws:") + "/live"), Duration.ofSeconds(10));
            // Sent after the session is held: from here on DrainKit ends it.
            assertThat(socket.greeting(Duration.ofSeconds(10))).isEqualTo("hello");
            sockets.add(socket);
        }
        HttpResponse<Stream<String>> stream =
                http.send(HttpRequest.newBuilder(base.resolve("/events")).build(), HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<String> events =
                CompletableFuture.supplyAsync(() -> stream.body().collect(Collectors.joining("\n")));
        CompletableFuture<Long> streamEndedAt = events.thenApply(body -> System.nanoTime());

        long trigger = System.nanoTime();
        HttpResponse<String> preStop = http.send(
                HttpRequest.newBuilder(base.resolve("/drainkit/prestop"))
                        .header("X-DrainKit-Token", TOKEN)
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        List<Long> endedAfterTrigger = new ArrayList<>();
        for (TckWebSocket socket : sockets) {
            assertThat(socket.closeCode(Duration.ofSeconds(10)))
                    .as("WebSocket close code")
                    .isEqualTo(1001);
            endedAfterTrigger.add(socket.closedAtNanos() - trigger);
        }
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(events.get(10, TimeUnit.SECONDS))
                .as("the event stream, read to its clean end")
                .isEqualTo("event: hello\ndata: connected\n\nevent: drain\ndata: going away\n");
        endedAfterTrigger.add(streamEndedAt.get(10, TimeUnit.SECONDS) - trigger);
        System.out.println("long-lived connections ended after the trigger (ms): "
                + endedAfterTrigger.stream()
                        .map(nanos -> String.valueOf(TimeUnit.NANOSECONDS.toMillis(nanos)))
                        .collect(Collectors.joining(", "))
                + " (delay " + DELAY.toMillis() + " ms, jitter " + JITTER.toMillis() + " ms)");

        assertThat(endedAfterTrigger)
                .as("ended after the delay (the trigger reached the server after it was sent),"
                        + " well within the jitter window after it")
                .allSatisfy(after -> assertThat(after)
                        .isGreaterThanOrEqualTo(DELAY.toNanos())
                        .isLessThan(DELAY.plus(JITTER).plusSeconds(5).toNanos()));
        long spread = endedAfterTrigger.stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElseThrow()
                - endedAfterTrigger.stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(spread)
                .as("spread over the window: 5 connections in 5 steps of 400 ms, not all at once")
                .isGreaterThanOrEqualTo(JITTER.dividedBy(2).toNanos());
        assertThat(preStop.statusCode()).isEqualTo(200);
        assertThat(preStop.body())
                .as("the drain did not wait for the deadline: " + preStop.body())
                .contains("\"deadlineReached\":false", "\"inFlightAtEnd\":0");
        assertThat(new DrainReportJson(preStop.body()).number("durationMs"))
                .as("the drain waited until the last connection was told to go (at the end of the delay + 4/5 of the"
                        + " jitter), so that the stop that follows the preStop answer cuts none of them")
                .isGreaterThanOrEqualTo(
                        DELAY.plus(JITTER.multipliedBy(4).dividedBy(5)).toMillis());
        assertThat(server.output()).anySatisfy(line -> assertThat(line)
                .contains("DRAINKIT-0050", "ending " + (WEBSOCKETS + 1) + " long-lived connection(s) over 2s"));
    }
}
