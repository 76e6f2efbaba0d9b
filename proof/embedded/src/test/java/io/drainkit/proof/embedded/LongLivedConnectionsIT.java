package io.drainkit.proof.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.drainkit.proof.embedded.EmbeddedServerProcess;
import io.drainkit.proof.ServerProcess;

/**
 * A WebSocket and a server-sent event stream, both open when the drain starts, are told to go by the application's
 * DrainStarted observer: they end within the delay, cleanly, and the drain does not wait for its deadline.
 */
class LongLivedConnectionsIT {

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final Duration DELAY = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path logs;

    private ServerProcess server;

    @AfterEach
    void killServer() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Verifies that the WebSocket gets a 1001 Going Away close and the event stream a last "drain" event and a clean
     * end, both before the delay is over, and that the drain then ends without reaching its deadline.
     */
    @Test
    void webSocketAndEventStreamEndWithinTheDelayAndTheDrainDoesNotWaitForThem() throws Exception {
        server = EmbeddedServerProcess.start(List.of("0"), Map.of("DRAINKIT_DELAY", DELAY.toSeconds() + "s",
                "DRAINKIT_TIMEOUT", "30s", "DRAINKIT_PRESTOP_ENABLED", "true", "DRAINKIT_PRESTOP_TOKEN", TOKEN),
                logs.resolve("server.log"));
        URI base = EmbeddedServerProcess.awaitListening(server, Duration.ofSeconds(60));

        CloseRecorder socket = new CloseRecorder();
        http.newWebSocketBuilder().buildAsync(URI.create(base.toString().replace("http:", "ws:") + "/live"), socket)
                .get(10, TimeUnit.SECONDS);
        assertThat(socket.greeting.get(10, TimeUnit.SECONDS)).isEqualTo("hello");
        CompletableFuture<HttpResponse<String>> stream = http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/events")).build(), HttpResponse.BodyHandlers.ofString());

        long trigger = System.nanoTime();
        HttpResponse<String> preStop = http.send(HttpRequest.newBuilder(base.resolve("/drainkit/prestop"))
                .header("X-DrainKit-Token", TOKEN).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());

        int closeCode = socket.closed.get(10, TimeUnit.SECONDS);
        assertThat(closeCode).as("WebSocket close code").isEqualTo(1001);
        assertThat(socket.closedAt - trigger).as("WebSocket closed within the delay")
                .isLessThan(DELAY.toNanos());
        HttpResponse<String> events = stream.get(10, TimeUnit.SECONDS);
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.body()).as("the event stream, read to its clean end")
                .isEqualTo("event: hello\ndata: connected\n\nevent: drain\ndata: going away\n\n");
        assertThat(preStop.statusCode()).isEqualTo(200);
        assertThat(preStop.body()).as("the drain did not wait for the deadline: " + preStop.body())
                .contains("\"deadlineReached\":false", "\"inFlightAtEnd\":0");
        assertThat(server.output().stream().filter(line -> line.contains("closing")).collect(Collectors.toList()))
                .anySatisfy(line -> assertThat(line).contains("closing 1 WebSocket session(s)", "ending 1 event stream(s)"));
    }

    /** Records the greeting and how and when the server closed the WebSocket. */
    private static final class CloseRecorder implements WebSocket.Listener {
        final CompletableFuture<String> greeting = new CompletableFuture<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile long closedAt;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            greeting.complete(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedAt = System.nanoTime();
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
