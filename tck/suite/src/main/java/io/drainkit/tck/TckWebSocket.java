// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real WebSocket client ({@link java.net.http.WebSocket}) that records the first text the server sends and how and
 * when the server closes the session. Thread-safe.
 *
 * @since 0.1
 */
public final class TckWebSocket {

    private final CompletableFuture<String> greeting = new CompletableFuture<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile long closedAtNanos;

    private TckWebSocket() {}

    /**
     * @param http    the client to open it with
     * @param uri     a {@code ws://} URI
     * @param timeout how long the opening handshake may take
     * @return the open session's recorder
     * @throws Exception if it does not open in time
     */
    public static TckWebSocket open(HttpClient http, URI uri, Duration timeout) throws Exception {
        TckWebSocket socket = new TckWebSocket();
        http.newWebSocketBuilder()
                .buildAsync(uri, socket.new Recorder())
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return socket;
    }

    /**
     * @param timeout how long to wait for it
     * @return the first text message the server sent
     */
    public String greeting(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return greeting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @param timeout how long to wait for the server to close the session
     * @return the close code it sent (1001 for Going Away)
     */
    public int closeCode(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return when the close frame arrived, on {@link System#nanoTime()}; valid once {@link #closeCode} returned */
    public long closedAtNanos() {
        return closedAtNanos;
    }

    private final class Recorder implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            greeting.complete(data.toString());
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedAtNanos = System.nanoTime();
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
