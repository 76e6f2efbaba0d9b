// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;

/** A stream held with {@code LongLivedConnections.holdOpen(AsyncContext, ...)} on a real Jetty 12 server. */
class HeldStreamTest {

    /**
     * Verifies that a held stream stays open through the delay, then gets the application's last words and completes
     * cleanly, and that the drain then ends without waiting for its deadline.
     */
    @Test
    void heldStreamEndsWithItsLastWordsAfterTheDelay() throws Exception {
        try (JettyApplication app = JettyApplication.start("drainkit.delay", "1s", "drainkit.timeout", "30s")) {
            CompletableFuture<ContentResponse> stream = openHeldStream(app, 60000);

            long trigger = System.nanoTime();
            app.drain().start(DrainTrigger.APPLICATION);
            ContentResponse ended = stream.get(20, TimeUnit.SECONDS);

            assertThat(System.nanoTime() - trigger)
                    .as("not ended before the delay was over")
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1).toNanos());
            assertThat(ended.getStatus()).isEqualTo(200);
            assertThat(ended.getContentAsString()).isEqualTo("open\nlast words\n");
            DrainReport report =
                    app.drain().awaitDrained(Duration.ofSeconds(10)).orElseThrow();
            assertThat(report.deadlineReached())
                    .as("the held stream did not hold the drain")
                    .isFalse();
            assertThat(app.longLived().held()).isZero();
        }
    }

    /** Verifies that a held stream that ends on its own (it times out) is forgotten. */
    @Test
    void streamThatEndsOnItsOwnIsForgotten() throws Exception {
        try (JettyApplication app = JettyApplication.start("drainkit.delay", "1s", "drainkit.timeout", "30s")) {
            CompletableFuture<ContentResponse> stream = openHeldStream(app, 1500);

            stream.get(20, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> app.longLived().held() == 0);
            assertThat(app.drain().inFlight()).isZero();
        }
    }

    /** @return the response of a stream that times out after {@code millis}, once the application holds it */
    private static CompletableFuture<ContentResponse> openHeldStream(JettyApplication app, long millis) {
        CompletableFuture<ContentResponse> stream = new CompletableResponseListener(
                        app.http1().newRequest(app.uri("/held?ms=" + millis)).timeout(30, TimeUnit.SECONDS))
                .send();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.longLived().held() == 1);
        return stream;
    }
}
