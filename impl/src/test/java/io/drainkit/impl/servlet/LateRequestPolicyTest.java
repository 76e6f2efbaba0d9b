// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;

/** {@code drainkit.late-requests} on a real Jetty 12 server. */
class LateRequestPolicyTest {

    /**
     * Verifies that with reject, requests after the delay get 503 + Retry-After + Connection: close and are not
     * counted, while the request admitted before still finishes with 200.
     */
    @Test
    void rejectAnswersLateRequests503WhileAdmittedOnesFinish() throws Exception {
        try (JettyApplication app = JettyApplication.start(
                "drainkit.delay",
                "200ms",
                "drainkit.timeout",
                "30s",
                "drainkit.late-requests",
                "reject",
                "drainkit.late-requests.retry-after",
                "1500ms")) {
            CompletableFuture<ContentResponse> admitted = new CompletableResponseListener(
                            app.http1().newRequest(app.uri("/block?gate=late")).timeout(30, TimeUnit.SECONDS))
                    .send();
            await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 1);
            app.drain().start(DrainTrigger.APPLICATION);
            assertThat(app.http1().GET(app.uri("/hello")).getStatus())
                    .as("during the delay: served")
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().isDelayOver());

            ContentResponse late = app.http1().GET(app.uri("/hello"));

            assertThat(late.getStatus()).isEqualTo(503);
            assertThat(late.getHeaders().get(HttpHeader.RETRY_AFTER))
                    .as("rounded up to whole seconds")
                    .isEqualTo("2");
            assertThat(late.getHeaders().get(HttpHeader.CONNECTION)).isEqualTo("close");
            assertThat(app.drain().inFlight())
                    .as("the rejected request was never counted")
                    .isEqualTo(1);
            assertThat(app.http1().GET(app.uri("/drainkit/ready")).getStatus())
                    .as("own endpoints still answer")
                    .isEqualTo(503);

            app.gate("late").countDown();
            assertThat(admitted.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
            DrainReport report =
                    app.drain().awaitDrained(Duration.ofSeconds(10)).orElseThrow();
            assertThat(report.deadlineReached()).isFalse();
        }
    }

    /** Verifies that with the default policy, requests after the delay are served. */
    @Test
    void serveIsTheDefault() throws Exception {
        try (JettyApplication app = JettyApplication.start("drainkit.delay", "0", "drainkit.timeout", "30s")) {
            CompletableFuture<ContentResponse> admitted = new CompletableResponseListener(
                            app.http1().newRequest(app.uri("/block?gate=serve")).timeout(30, TimeUnit.SECONDS))
                    .send();
            await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 1);
            app.drain().start(DrainTrigger.APPLICATION);

            assertThat(app.http1().GET(app.uri("/hello")).getStatus()).isEqualTo(200);

            app.gate("serve").countDown();
            assertThat(admitted.get(10, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
        }
    }
}
