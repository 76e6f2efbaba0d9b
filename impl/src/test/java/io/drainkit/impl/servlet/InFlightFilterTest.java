// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.impl.DrainCoordinator;

/** The in-flight filter on a real Jetty 12 (ee10) server. */
class InFlightFilterTest {

    private final ExecutorService clients = Executors.newCachedThreadPool();
    private JettyApplication app;

    @BeforeEach
    void start() throws Exception {
        app = JettyApplication.start("drainkit.delay", "30s", "drainkit.timeout", "60s");
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        clients.shutdownNow();
    }

    private ContentResponse get(String path) throws Exception {
        return app.http1().GET(app.uri(path));
    }

    private CompletableFuture<ContentResponse> getLater(String path) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return get(path);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                clients);
    }

    /** Verifies that a synchronous request is counted while it runs and not after. */
    @Test
    void syncRequestIsCountedWhileItRuns() throws Exception {
        ContentResponse response = get("/hello");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString()).startsWith("ok inFlight=1 ");
        assertThat(app.drain().inFlight()).isZero();
    }

    /** Verifies that a blocked request stays counted until it returns. */
    @Test
    void blockedRequestStaysCountedUntilItReturns() throws Exception {
        CompletableFuture<ContentResponse> blocked = getLater("/block?gate=g");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 1);

        app.gate("g").countDown();

        assertThat(blocked.get().getContentAsString()).isEqualTo("released");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 0);
    }

    /** Verifies that a forward is not counted again: the forwarded-to servlet sees one request in flight. */
    @Test
    void forwardCountsOnce() throws Exception {
        assertThat(get("/forward").getContentAsString()).startsWith("ok inFlight=1 ");
        // The container sends a forwarded response in full before forward() returns (Servlet 6.0, 9.4): the
        // client can have it an instant before the filter counts the request out.
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 0);
    }

    /** Verifies that an include is not counted again. */
    @Test
    void includeCountsOnce() throws Exception {
        assertThat(get("/include").getContentAsString()).isEqualTo("included: ok inFlight=1 connectionHeader=false");
        assertThat(app.drain().inFlight()).isZero();
    }

    /**
     * Verifies that an exception from the chain counts the request out as it leaves the filter (before the
     * container renders the error page), and that the ERROR dispatch is not counted again.
     */
    @Test
    void exceptionStillDecrementsAndErrorDispatchIsNotCounted() throws Exception {
        ContentResponse response = get("/throw");

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentAsString()).isEqualTo("error page inFlight=0");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 0);
    }

    /** Verifies that an async request is counted until its AsyncContext completes on another thread. */
    @Test
    void asyncRequestIsCountedUntilComplete() throws Exception {
        CompletableFuture<ContentResponse> pending = getLater("/async?mode=complete&gate=a");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 1);
        assertThat(pending)
                .as("the dispatch has returned, the request is still open")
                .isNotDone();

        app.gate("a").countDown();

        assertThat(pending.get().getContentAsString()).isEqualTo("completed");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 0);
    }

    /** Verifies that an async request that times out is counted out once. */
    @Test
    void asyncTimeoutCountsOut() throws Exception {
        ContentResponse response = get("/async?mode=timeout&ms=100");

        assertThat(response.getStatus()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 0);
    }

    /** Verifies that an async request whose re-dispatch throws (onError) is counted out once, not re-counted. */
    @Test
    void asyncErrorCountsOut() throws Exception {
        ContentResponse response = get("/async?mode=error");

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentAsString())
                .as("the ASYNC and ERROR dispatches were not counted")
                .isEqualTo("error page inFlight=1");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 0);
    }

    /** Verifies that nothing asks HTTP/1.1 clients to close while serving. */
    @Test
    void noConnectionCloseWhileServing() throws Exception {
        ContentResponse response = get("/hello");

        assertThat(response.getHeaders().get(HttpHeader.CONNECTION)).isNull();
    }

    /** Verifies that while draining, HTTP/1.1 responses carry Connection: close and are still served. */
    @Test
    void http1ResponsesCarryConnectionCloseWhileDraining() throws Exception {
        app.drain().start(DrainTrigger.APPLICATION);

        ContentResponse response = get("/hello");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(response.getHeaders().get(HttpHeader.CONNECTION)).isEqualTo("close");
        assertThat(response.getContentAsString()).endsWith("connectionHeader=true");
    }

    /** Verifies that HTTP/2 (h2c) responses never get a Connection header, where it is a protocol error. */
    @Test
    void http2ResponsesNeverCarryConnectionClose() throws Exception {
        app.drain().start(DrainTrigger.APPLICATION);

        ContentResponse response = app.h2c().GET(app.uri("/hello"));

        assertThat(response.getVersion()).isEqualTo(HttpVersion.HTTP_2);
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString())
                .as("the application's response has no Connection header")
                .endsWith("connectionHeader=false");
        assertThat(response.getHeaders().get(HttpHeader.CONNECTION)).isNull();
    }

    /** Verifies that Connection: close survives the application resetting the response. */
    @Test
    void connectionCloseSurvivesResponseReset() throws Exception {
        app.drain().start(DrainTrigger.APPLICATION);

        ContentResponse response = get("/reset");

        assertThat(response.getContentAsString()).isEqualTo("reset");
        assertThat(response.getHeaders().get("X-Before-Reset"))
                .as("the reset really happened")
                .isNull();
        assertThat(response.getHeaders().get(HttpHeader.CONNECTION)).isEqualTo("close");
    }

    /** Verifies that a request admitted before the trigger, still uncommitted at its end, asks to close too. */
    @Test
    void requestAdmittedBeforeTheTriggerAsksToCloseIfStillUncommitted() throws Exception {
        CompletableFuture<ContentResponse> blocked = getLater("/block?gate=b");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 1);
        app.drain().start(DrainTrigger.APPLICATION);
        assertThat(app.drain().state()).isEqualTo(DrainState.DRAINING);

        app.gate("b").countDown();

        assertThat(blocked.get().getHeaders().get(HttpHeader.CONNECTION)).isEqualTo("close");
    }

    /** Verifies that the drain keeps serving new requests during the delay, counting them. */
    @Test
    void newRequestsAreServedAndCountedDuringTheDelay() throws Exception {
        app.drain().start(DrainTrigger.APPLICATION);

        for (int i = 0; i < 5; i++) {
            assertThat(get("/hello").getStatus()).isEqualTo(200);
        }

        assertThat(app.drain().state()).isEqualTo(DrainState.DRAINING);
        assertThat(app.drain().inFlight()).isZero();
    }

    /**
     * Verifies that once the container has destroyed the filter (the application is out of service), a drain that
     * starts then skips the delay (30 s here), which nobody could observe.
     */
    @Test
    void drainAfterTheContainerDestroyedTheFilterSkipsTheDelay() throws Exception {
        DrainCoordinator drain = app.drain();
        app.server().stop();

        DrainReport report = drain.start(DrainTrigger.CONTAINER_SHUTDOWN)
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);

        assertThat(report.delay())
                .as("the delay of a drain that starts out of service (configured: 30s)")
                .isLessThan(Duration.ofSeconds(1));
        assertThat(report.deadlineReached()).isFalse();
    }
}
