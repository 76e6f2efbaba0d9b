// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.drainkit.proof.ServerProcess;

/**
 * The packaged example's exit status and last words when Jetty's graceful stop, after DrainKit's drain, times out
 * (issue 11, item 6): connections that never became requests (slowloris clients that keep sending header lines and
 * never finish) are closed and the shutdown is clean; a request DrainKit admitted and still counts, cut, makes it fail.
 */
class JettyStopTimeoutIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final int SLOWLORIS_CONNECTIONS = 3;
    private static final Duration SLOWLORIS_PACE = Duration.ofMillis(300);

    @TempDir
    Path logs;

    private ServerProcess server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService slowloris = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopEverything() throws IOException {
        slowloris.shutdownNow();
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Verifies that slowloris connections (a request line, then one header line every few hundred milliseconds, never
     * the end of the headers) through SIGTERM make Jetty's graceful stop time out, and that the example then exits 0
     * with a line naming connections that never became requests, not cut requests.
     */
    @Test
    void connectionsThatNeverBecameRequestsLeaveTheShutdownClean() throws Exception {
        URI base = start(Map.of("DRAINKIT_DELAY", "1s", "DRAINKIT_TIMEOUT", "10s"));
        for (int i = 0; i < SLOWLORIS_CONNECTIONS; i++) {
            Socket socket = new Socket(base.getHost(), base.getPort());
            sockets.add(socket);
            send(socket, "GET /work?ms=1 HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n");
        }
        // Bounded: the schedule ends with the test; a socket the server closed just fails to send.
        slowloris.scheduleWithFixedDelay(
                () -> sockets.forEach(socket -> send(socket, "X-Slowloris: 1\r\n")),
                SLOWLORIS_PACE.toMillis(),
                SLOWLORIS_PACE.toMillis(),
                TimeUnit.MILLISECONDS);

        server.sigterm();

        assertThat(server.awaitExit(EXIT))
                .as("exit status after SIGTERM; output:\n%s", tail())
                .isEqualTo(OptionalInt.of(0));
        assertThat(server.output())
                .as("the example's output")
                .anySatisfy(line -> assertThat(line).contains("DRAINKIT-0003 Drain completed", "none in flight"))
                .anySatisfy(line -> assertThat(line)
                        .contains("Jetty's graceful stop timed out after 2 s on"
                                + " connections that never became requests"))
                .noneSatisfy(line -> assertThat(line).contains("were cut"));
    }

    /**
     * Verifies that a request still running at DrainKit's deadline, and still running when Jetty's graceful stop
     * gives up, makes the example exit 1 with a line that counts it as a request DrainKit admitted and cut.
     */
    @Test
    void aRequestRunningPastTheDeadlineFailsTheShutdown() throws Exception {
        URI base = start(Map.of("DRAINKIT_DELAY", "1s", "DRAINKIT_TIMEOUT", "3s"));
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        http.sendAsync(
                HttpRequest.newBuilder(base.resolve("/work?ms=20000")).build(), HttpResponse.BodyHandlers.discarding());
        await("the stuck request is in flight").atMost(Duration.ofSeconds(10)).until(() -> http.send(
                        HttpRequest.newBuilder(base.resolve("/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .replace(" ", "")
                .contains("\"inFlight\":2"));

        server.sigterm();

        assertThat(server.awaitExit(EXIT))
                .as("exit status after SIGTERM; output:\n%s", tail())
                .isEqualTo(OptionalInt.of(1));
        assertThat(server.output())
                .as("the example's output")
                .anySatisfy(line -> assertThat(line).contains("DRAINKIT-0004"))
                .anySatisfy(line -> assertThat(line)
                        .contains("Jetty's graceful stop timed out after 2 s: 1 request(s)"
                                + " DrainKit admitted were still running when it began, and were cut (1 in flight at the"
                                + " drain's deadline)"))
                .noneSatisfy(line -> assertThat(line).contains("never became requests"));
    }

    private URI start(Map<String, String> environment) throws IOException, InterruptedException {
        server = EmbeddedServerProcess.start(List.of("0"), environment, logs.resolve("server.log"));
        return EmbeddedServerProcess.awaitListening(server, START);
    }

    private static void send(Socket socket, String text) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException closedByTheServer) {
            // expected once Jetty has closed the connection
        }
    }

    private String tail() {
        return server == null ? "" : String.join("\n", server.tail());
    }
}
