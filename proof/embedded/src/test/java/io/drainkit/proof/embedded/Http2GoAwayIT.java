// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.ServerProcess;

/**
 * HTTP/2 clients of the embedded example during a drain, with Jetty's HttpClient over h2c: one connection busy with a
 * slow request when the drain starts, one idle. With drainkit-jetty both get a graceful GOAWAY during the delay, the
 * slow request completes, and the busy client's next request opens a new connection; without it (the control) nothing
 * tells them, and the next request goes on the old connection. And a request on HTTP/2 in flight at Jetty's own stop
 * completes.
 */
class Http2GoAwayIT {

    private static final String TOKEN = "it-token-0123456789abcdef";
    private static final Duration DELAY = Duration.ofSeconds(3);
    private static final long SLOW_MS = 2000;

    @TempDir
    Path logs;

    private ServerProcess server;
    private final List<HttpClient> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (HttpClient client : clients) {
            client.stop();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Verifies that with drainkit-jetty the busy and the idle connection each get a graceful GOAWAY (last stream id
     * 2^31-1, no error) during the delay, that the request in flight completes with 200 and the busy connection then
     * gets the final GOAWAY, and that the next request goes on a new connection, answered 200, while the drain goes on.
     */
    @Test
    void h2ConnectionsGetAGracefulGoAwayDuringTheDelayAndTheNextRequestOpensANewOne() throws Exception {
        Run run = drain(EmbeddedServerProcess.javaCommand());

        GoAwaySeen busy = run.busy
                .firstGoAway(run.busyConnection)
                .map(run::seen)
                .orElseThrow(
                        () -> new AssertionError("no GOAWAY on the busy connection; server log: " + server.tail()));
        GoAwaySeen idle = run.idle
                .firstGoAway(run.idleConnection)
                .map(run::seen)
                .orElseThrow(
                        () -> new AssertionError("no GOAWAY on the idle connection; server log: " + server.tail()));
        assertThat(List.of(busy, idle))
                .as("the first GOAWAY on each connection")
                .allSatisfy(seen -> {
                    assertThat(seen.graceful)
                            .as("graceful: last stream id 2^31-1, NO_ERROR")
                            .isTrue();
                    assertThat(seen.afterTriggerMs)
                            .as("received during the delay (ms after the trigger)")
                            .isBetween(0L, DELAY.toMillis());
                });
        assertThat(run.slowStatus)
                .as("the request in flight at the drain's start")
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(run.busy.goAways(run.busyConnection))
                .as("the final GOAWAY once the slow stream ended")
                .anySatisfy(goAway -> assertThat(goAway.lastStreamId()).isLessThan(Integer.MAX_VALUE)));
        assertThat(run.nextConnection).as("the next request's connection").isNotSameAs(run.busyConnection);
        assertThat(run.nextBeforePreStopAnswered)
                .as("the next request was served while draining")
                .isTrue();
        assertThat(run.preStopStatus).isEqualTo(200);
        assertThat(String.join("\n", server.output())).contains("DRAINKIT-0055");
        System.out.printf(
                "h2 with drainkit-jetty: GOAWAY (graceful) on the busy connection at +%d ms, on the idle one"
                        + " at +%d ms; the slow request 200; the next request on a new connection; preStop answered at +%d ms%n",
                busy.afterTriggerMs, idle.afterTriggerMs, run.preStopAtMs);
    }

    /**
     * Verifies the control: without drainkit-jetty no GOAWAY reaches either connection before the drain is over, and
     * the busy client's next request goes on its old connection, as it would to a pod a load balancer has let go of.
     */
    @Test
    void controlWithoutTheAdapterNoGoAwayAndTheNextRequestStaysOnTheOldConnection() throws Exception {
        Run run = drain(EmbeddedServerProcess.javaCommandWithout(
                "drainkit-jetty-", Files.createDirectories(logs.resolve("without-adapter"))));

        assertThat(run.busy.goAways(run.busyConnection))
                .as("GOAWAY on the busy connection before the drain ended")
                .allSatisfy(
                        goAway -> assertThat(run.seen(goAway).afterTriggerMs).isGreaterThan(run.preStopAtMs));
        assertThat(run.idle.goAways(run.idleConnection))
                .as("GOAWAY on the idle connection before the drain ended")
                .allSatisfy(
                        goAway -> assertThat(run.seen(goAway).afterTriggerMs).isGreaterThan(run.preStopAtMs));
        assertThat(run.slowStatus).isEqualTo(200);
        assertThat(run.nextConnection).as("the next request's connection").isSameAs(run.busyConnection);
        assertThat(String.join("\n", server.output())).doesNotContain("DRAINKIT-0055");
        System.out.printf(
                "h2 control (no drainkit-jetty): no GOAWAY during the drain; the next request on the old"
                        + " connection; preStop answered at +%d ms%n",
                run.preStopAtMs);
    }

    /**
     * Verifies that a request on HTTP/2 that arrived after the drain and is still in flight when Jetty stops (SIGTERM)
     * completes with 200, and the example exits 0: at its stop Jetty lowers every connection's idle timeout (1 s by
     * default), and an HTTP/2 connection whose stream had not written for that long was closed with the stream
     * ({@code cancel_stream_error}) while Jetty's stop still had time for it.
     */
    @Test
    void anH2RequestInFlightWhenJettyStopsCompletes() throws Exception {
        server = EmbeddedServerProcess.start(
                List.of("0"),
                new DrainKitSettings(Duration.ofSeconds(1), Duration.ofSeconds(10), TOKEN, Map.of()).environment(),
                logs.resolve("server.log"));
        URI base = EmbeddedServerProcess.awaitListening(server, Duration.ofSeconds(60));
        HttpClient client = h2cClient(new Http2Frames());
        // Over HTTP/1.1: at its default version the JDK's client upgrades to h2c here, and before JDK-8335181's fix
        // (17.0.17, 21, 24) the drain's GOAWAY fails its call in flight ("GOAWAY received"; seen with 17.0.15).
        assertThat(http1().send(
                                HttpRequest.newBuilder(base.resolve("/drainkit/prestop"))
                                        .header("X-DrainKit-Token", TOKEN)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("the preStop call: the drain is over")
                .isEqualTo(200);

        // Its connection opened after the drain (which sends no GOAWAY any more), so the request goes out at once.
        assertThat(client.newRequest(base.resolve("/work?ms=0"))
                        .timeout(10, TimeUnit.SECONDS)
                        .send()
                        .getStatus())
                .isEqualTo(200);
        CompletableFuture<ContentResponse> late = new CompletableResponseListener(
                        client.newRequest(base.resolve("/work?ms=1500")).timeout(30, TimeUnit.SECONDS))
                .send();
        // Let it reach the server: it then runs 1.2 s into Jetty's stop, whose timeout is 2 s.
        TimeUnit.MILLISECONDS.sleep(300);
        server.sigterm();

        assertThat(late.get(30, TimeUnit.SECONDS).getStatus())
                .as("the request in flight at Jetty's stop")
                .isEqualTo(200);
        assertThat(server.awaitExit(Duration.ofSeconds(30)))
                .as("exit status; %s", server.tail())
                .hasValue(0);
    }

    /** The scenario: both connections open, the slow request sent, the preStop call, the next request. */
    private Run drain(List<String> command) throws Exception {
        server = EmbeddedServerProcess.start(
                command,
                List.of("0"),
                new DrainKitSettings(DELAY, Duration.ofSeconds(30), TOKEN, Map.of()).environment(),
                logs.resolve("server.log"));
        URI base = EmbeddedServerProcess.awaitListening(server, Duration.ofSeconds(60));
        Run run = new Run(base);
        run.busyConnection = run.get(run.busyClient, "/work?ms=0", run.busy);
        run.idleConnection = run.get(run.idleClient, "/work?ms=0", run.idle);
        CompletableFuture<ContentResponse> slow = new CompletableResponseListener(run.busyClient
                        .newRequest(base.resolve("/work?ms=" + SLOW_MS))
                        .timeout(30, TimeUnit.SECONDS))
                .send();

        // The preStop call over HTTP/1.1 with the JDK's client, used once before so that the trigger is not late.
        java.net.http.HttpClient http1 = http1();
        assertThat(http1.send(
                                HttpRequest.newBuilder(base.resolve("/drainkit/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("ready before the drain")
                .isEqualTo(200);
        run.trigger = System.nanoTime();
        CompletableFuture<HttpResponse<String>> preStop = http1.sendAsync(
                HttpRequest.newBuilder(base.resolve("/drainkit/prestop"))
                        .header("X-DrainKit-Token", TOKEN)
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        // Half the delay, or until both connections were told: then the load balancer would still send here.
        // Told: the GOAWAY seen, and handled by the client (its listeners hear of a frame before the session does).
        await().atMost(DELAY)
                .until(() -> run.sinceTriggerMs() >= DELAY.toMillis() / 2
                        || run.busyConnection.isClosed()
                                && run.busy.firstGoAway(run.busyConnection).isPresent()
                                && run.idleConnection.isClosed()
                                && run.idle.firstGoAway(run.idleConnection).isPresent());
        run.nextConnection = run.get(run.busyClient, "/work?ms=0", run.busy);
        run.nextBeforePreStopAnswered = !preStop.isDone();
        run.slowStatus = slow.get(30, TimeUnit.SECONDS).getStatus();
        HttpResponse<String> answered = preStop.get(60, TimeUnit.SECONDS);
        run.preStopAtMs = run.sinceTriggerMs();
        run.preStopStatus = answered.statusCode();
        return run;
    }

    private record GoAwaySeen(boolean graceful, long afterTriggerMs) {}

    /** One run's clients, connections and figures. */
    private final class Run {
        final URI base;
        final Http2Frames busy = new Http2Frames();
        final Http2Frames idle = new Http2Frames();
        final HttpClient busyClient;
        final HttpClient idleClient;
        Session busyConnection;
        Session idleConnection;
        Session nextConnection;
        long trigger;
        int slowStatus;
        int preStopStatus;
        long preStopAtMs;
        boolean nextBeforePreStopAnswered;

        Run(URI base) throws Exception {
            this.base = base;
            this.busyClient = h2cClient(busy);
            this.idleClient = h2cClient(idle);
        }

        Session get(HttpClient client, String path, Http2Frames frames) throws Exception {
            ContentResponse response = client.newRequest(base.resolve(path))
                    .timeout(10, TimeUnit.SECONDS)
                    .send();
            assertThat(response.getVersion()).as("HTTP/2 over h2c").isEqualTo(HttpVersion.HTTP_2);
            assertThat(response.getStatus()).as("GET " + path).isEqualTo(200);
            return frames.lastResponseConnection();
        }

        long sinceTriggerMs() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - trigger);
        }

        GoAwaySeen seen(Http2Frames.GoAway goAway) {
            return new GoAwaySeen(goAway.graceful(), TimeUnit.NANOSECONDS.toMillis(goAway.nanos() - trigger));
        }
    }

    private static java.net.http.HttpClient http1() {
        return java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .build();
    }

    private HttpClient h2cClient(Http2Frames frames) throws Exception {
        HTTP2Client http2 = new HTTP2Client();
        http2.addEventListener(frames);
        HttpClient client = new HttpClient(new HttpClientTransportOverHTTP2(http2));
        client.start();
        clients.add(client);
        return client;
    }
}
