// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Proves that the JDK {@code HttpClient} of this JVM sends each request once: it silently sends a GET again when a
 * reused connection closes before the response, exactly the failure a drain must prevent, unless
 * {@code -Djdk.httpclient.redirects.retrylimit=1}.
 */
final class SilentRetryCheck {

    private static final byte[] OK_RESPONSE =
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nok\n".getBytes(StandardCharsets.US_ASCII);

    private SilentRetryCheck() {}

    /**
     * Checks that this JVM's {@code HttpClient} does not retry: a loopback server answers a first request and closes
     * the connection on the second without answering, as a server that stops under a keep-alive client does. The
     * second request must fail, on the one connection.
     *
     * @throws IllegalStateException if the client retried, naming the property to set
     * @throws IOException           if the check cannot run
     * @throws InterruptedException  if interrupted
     */
    static void verify() throws IOException, InterruptedException {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(5_000);
            Thread closer = new Thread(() -> answerOnceThenClose(server, connections), "no-retry-check");
            closer.setDaemon(true);
            closer.start();
            HttpClient client = Load.newClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            int first =
                    client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            String second;
            try {
                second = "answered "
                        + client.send(request, HttpResponse.BodyHandlers.ofString())
                                .statusCode();
            } catch (IOException failed) {
                second = "failed (" + failed + ")";
            }
            closer.join(TimeUnit.SECONDS.toMillis(10));
            if (first != 200 || connections.get() != 1 || !second.startsWith("failed")) {
                throw new IllegalStateException("The JDK HttpClient retries failed requests silently, so failures"
                        + " would go uncounted: run this JVM with -D" + Load.ATTEMPTS_PROPERTY + "=1 (now "
                        + System.getProperty(Load.ATTEMPTS_PROPERTY) + "). First request: " + first
                        + "; the second, cut by"
                        + " the server: " + second + ", over " + connections.get() + " connection(s)");
            }
        }
    }

    /** The server side of {@link #verify()}; a retry shows up as a second connection. */
    private static void answerOnceThenClose(ServerSocket server, AtomicInteger connections) {
        try {
            try (Socket connection = server.accept()) {
                connections.incrementAndGet();
                connection.setSoTimeout(5_000);
                readRequestHead(connection.getInputStream());
                OutputStream out = connection.getOutputStream();
                out.write(OK_RESPONSE);
                out.flush();
                readRequestHead(connection.getInputStream());
            }
            server.setSoTimeout(1_000);
            try (Socket retry = server.accept()) {
                connections.incrementAndGet();
            }
        } catch (SocketTimeoutException noRetry) {
            // the expected end: nobody came back
        } catch (IOException broken) {
            // The client sees its first request fail too, and the check reports that.
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        for (int read = 0; matched < end.length && read < 64 * 1024; read++) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed the connection");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
