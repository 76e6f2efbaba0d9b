// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Keep-alive HTTP/1.1 clients, as a load balancer's backends see them: each client sends one request after the
 * other on its own connection pool, until told to stop, a count or a time is reached. Every exchange is recorded
 * with the time it was sent, so that the demo judges it by when it was sent.
 *
 * <p>The JDK's {@code HttpClient} silently sends a GET a second time when a connection it took from its pool closes
 * before any byte of the response, and when a connection is refused: exactly the failures a drain must prevent. A test
 * that counts failures runs with {@code -D}{@value #ATTEMPTS_PROPERTY}{@code =1} and calls
 * {@link #verifyNoSilentRetry()}, so that every failure is recorded.
 */
public final class Load {

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /**
     * The JDK client's "maximum number of attempts to send a HTTP request when redirected or any failure occurs for
     * any reason" (so documented in the {@code java.net.http} module summary of recent JDKs; JDK 17 reads it the same
     * way); the clients follow no redirects, so 1 means no retry. Read once, when the client is first used: set it
     * on the command line.
     */
    public static final String ATTEMPTS_PROPERTY = "jdk.httpclient.redirects.retrylimit";

    private final URI base;
    private final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Thread> clients = new ArrayList<>();
    private final HttpClient oneOff = newClient();
    private volatile boolean sending = true;
    private volatile Consumer<Exchange> onExchange = exchange -> {};
    private volatile Duration pauseAfterFailure = Duration.ZERO;

    /** @param base where the clients send their requests */
    public Load(URI base) {
        this.base = base;
    }

    /** @param listener told of every finished exchange, on the client's thread */
    public void onExchange(Consumer<Exchange> listener) {
        this.onExchange = listener;
    }

    /**
     * @param pause how long a client waits after a request that failed (connection refused or reset) before it sends
     *              the next one, as a load balancer backs off; zero, the default, sends it at once
     */
    public void pauseAfterFailure(Duration pause) {
        this.pauseAfterFailure = pause;
    }

    /**
     * Starts {@code count} clients sending {@code path} in a loop.
     *
     * @param maxRequests per client, a bound in case nothing else stops them
     * @param maxTime     per client, likewise
     */
    public void startClients(int count, String path, int maxRequests, Duration maxTime) {
        startClients(count, path, maxRequests, maxTime, Duration.ZERO);
    }

    /**
     * Starts {@code count} clients sending {@code path} in a loop, each pausing between its requests, as users behind a
     * load balancer do: a server that answers at once (503, connection refused) then sees a steady rate, not a spin.
     * After a failed request a client waits the longer of this pause and {@link #pauseAfterFailure(Duration)}.
     *
     * @param maxRequests per client, a bound in case nothing else stops them
     * @param maxTime     per client, likewise
     * @param pause       after each exchange, before the next request
     */
    public void startClients(int count, String path, int maxRequests, Duration maxTime, Duration pause) {
        for (int i = 1; i <= count; i++) {
            Thread client =
                    new Thread(() -> loop(path, maxRequests, maxTime, pause), "demo-client-" + (clients.size() + 1));
            client.setDaemon(true);
            clients.add(client);
            client.start();
        }
    }

    /**
     * Starts one client that opens a new connection for every request, at a fixed rate: a user whose browser or SDK
     * keeps no connection, as a load balancer sees many of them. Behind a balancer that picks a server per
     * connection, this is the traffic that only the balancer's own routing moves, not {@code Connection: close}.
     *
     * @param every       time from one request's start to the next one's (later, if a request takes longer)
     * @param maxRequests a bound in case nothing else stops it
     * @param maxTime     likewise
     */
    public void startConnectingClient(String path, Duration every, int maxRequests, Duration maxTime) {
        Thread client = new Thread(
                () -> FixedRate.run(every, maxRequests, maxTime, () -> sending, () -> {
                    // A client of its own for each request: its pool is empty, so the request opens a new connection.
                    exchange(newClient(), path);
                }),
                "demo-connecting-client-" + (clients.size() + 1));
        client.setDaemon(true);
        clients.add(client);
        client.start();
    }

    /** Sends one request on a thread of its own; the result is recorded like the clients' ones. */
    public CompletableFuture<Exchange> sendOne(String path) {
        // Not the common pool: on a two-core machine it has one thread, and these requests block for seconds.
        CompletableFuture<Exchange> result = new CompletableFuture<>();
        Thread sender = new Thread(() -> result.complete(exchange(oneOff, path)), "demo-request " + path);
        sender.setDaemon(true);
        sender.start();
        return result;
    }

    /** The clients send no new request from now on; those under way finish. */
    public void stopSending() {
        sending = false;
    }

    public boolean isSending() {
        return sending;
    }

    /** @return requests sent and not answered yet, as the clients see it */
    public int inFlight() {
        return inFlight.get();
    }

    /** Waits until every client has stopped; false if one still runs after {@code timeout}. */
    public boolean awaitClients(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread client : clients) {
            client.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (client.isAlive()) {
                return false;
            }
        }
        return true;
    }

    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void loop(String path, int maxRequests, Duration maxTime, Duration pause) {
        HttpClient client = newClient();
        long end = System.nanoTime() + maxTime.toNanos();
        for (int sent = 0; sending && sent < maxRequests && System.nanoTime() < end; sent++) {
            Exchange exchange = exchange(client, path);
            Duration wait =
                    exchange.error() != null && pauseAfterFailure.compareTo(pause) > 0 ? pauseAfterFailure : pause;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Exchange exchange(HttpClient client, String path) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .GET()
                .build();
        inFlight.incrementAndGet();
        long sent = System.nanoTime();
        Exchange exchange;
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            boolean close = response.headers()
                    .firstValue("connection")
                    .filter("close"::equalsIgnoreCase)
                    .isPresent();
            boolean ok = response.statusCode() == 200 && response.body().strip().equals("ok");
            exchange = new Exchange(
                    path,
                    sent,
                    System.nanoTime(),
                    response.statusCode(),
                    close,
                    ok || response.statusCode() != 200 ? null : "unexpected body '" + response.body() + "'",
                    Thread.currentThread().getName());
        } catch (IOException failed) {
            exchange = new Exchange(
                    path,
                    sent,
                    System.nanoTime(),
                    0,
                    false,
                    describe(failed),
                    Thread.currentThread().getName());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            exchange = new Exchange(
                    path,
                    sent,
                    System.nanoTime(),
                    0,
                    false,
                    "interrupted",
                    Thread.currentThread().getName());
        }
        inFlight.decrementAndGet();
        exchanges.add(exchange);
        onExchange.accept(exchange);
        return exchange;
    }

    public static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    /**
     * Checks that this JVM's {@code HttpClient} does not retry ({@link SilentRetryCheck}).
     *
     * @throws IllegalStateException if the client retried, naming the property to set
     * @throws IOException           if the check cannot run
     * @throws InterruptedException  if interrupted
     */
    public static void verifyNoSilentRetry() throws IOException, InterruptedException {
        SilentRetryCheck.verify();
    }

    /** The exception and its causes: the JDK client wraps the one that says what happened. */
    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(failure.toString());
        Throwable cause = failure.getCause();
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            text.append(" <- ").append(cause);
        }
        return text.toString();
    }
}
