// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.drainkit.DrainEndpoints;
import io.drainkit.DrainState;
import io.drainkit.DrainTrigger;
import io.drainkit.impl.CapturedLog;

/** DrainKit's readiness and preStop endpoints on a real Jetty 12 (ee10) server. */
class DrainEndpointsTest {

    private static final String TOKEN = "test-token-0123456789abcdef";

    private JettyApplication app;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            app.close();
        }
    }

    private JettyApplication startWithPreStop(String delay, String timeout) throws Exception {
        app = JettyApplication.start(
                "drainkit.delay",
                delay,
                "drainkit.timeout",
                timeout,
                "drainkit.prestop.enabled",
                "true",
                "drainkit.prestop.token",
                TOKEN);
        return app;
    }

    private Request preStop(String token) {
        Request request = app.http1().newRequest(app.uri("/drainkit/prestop")).timeout(30, TimeUnit.SECONDS);
        return token == null ? request : request.headers(h -> h.put(DrainEndpoints.TOKEN_HEADER, token));
    }

    /** Verifies that readiness is 200 UP while serving and 503 DOWN from the trigger on. */
    @Test
    void readinessIsUpThenDownFromTheTrigger() throws Exception {
        app = JettyApplication.start("drainkit.delay", "30s", "drainkit.timeout", "60s");

        ContentResponse up = app.http1().GET(app.uri("/drainkit/ready"));
        assertThat(up.getStatus()).isEqualTo(200);
        assertThat(up.getContentAsString()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(up.getMediaType()).isEqualTo("application/json");

        app.drain().start(DrainTrigger.APPLICATION);

        ContentResponse down = app.http1().GET(app.uri("/drainkit/ready"));
        assertThat(down.getStatus()).isEqualTo(503);
        assertThat(down.getContentAsString()).isEqualTo("{\"status\":\"DOWN\"}");
    }

    /** Verifies that the preStop endpoint does not exist unless enabled. */
    @Test
    void preStopIsOffByDefault() throws Exception {
        app = JettyApplication.start();

        assertThat(preStop(TOKEN).send().getStatus()).isEqualTo(404);
        assertThat(app.drain().state()).isEqualTo(DrainState.SERVING);
    }

    /** Verifies that preStop without a token gets 403, starts nothing and leaks nothing. */
    @Test
    void preStopWithoutTokenIsForbiddenAndStartsNothing() throws Exception {
        startWithPreStop("0", "5s");

        ContentResponse response = preStop(null).send();

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentAsString()).isEqualTo("Forbidden\n");
        assertThat(app.drain().state()).isEqualTo(DrainState.SERVING);
        assertThat(app.http1().GET(app.uri("/drainkit/ready")).getStatus()).isEqualTo(200);
    }

    /** Verifies that preStop with a wrong token, or a prefix of the right one, gets 403 and starts nothing. */
    @Test
    void preStopWithWrongTokenIsForbiddenAndStartsNothing() throws Exception {
        startWithPreStop("0", "5s");

        for (String wrong : new String[] {"nope", TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "x", ""}) {
            ContentResponse response = preStop(wrong).send();
            assertThat(response.getStatus()).as("token '%s'", wrong).isEqualTo(403);
            assertThat(response.getContentAsString()).doesNotContain(TOKEN);
        }
        ContentResponse post = preStop(null).method(HttpMethod.POST).send();
        assertThat(post.getStatus()).as("any method without the token").isEqualTo(403);
        assertThat(app.drain().state()).isEqualTo(DrainState.SERVING);
    }

    /**
     * Verifies that a request carrying the token header twice gets 403 and starts nothing, whichever value comes
     * first: a container keeps the first for {@code getHeader}, so the right one followed by a wrong one used to pass.
     */
    @Test
    void preStopWithTheTokenHeaderTwiceIsForbiddenInEitherOrder() throws Exception {
        startWithPreStop("0", "5s");

        for (String[] pair : new String[][] {{TOKEN, "wrong"}, {"wrong", TOKEN}, {TOKEN, TOKEN}}) {
            ContentResponse response = app.http1()
                    .newRequest(app.uri("/drainkit/prestop"))
                    .headers(h -> h.add(DrainEndpoints.TOKEN_HEADER, pair[0]).add(DrainEndpoints.TOKEN_HEADER, pair[1]))
                    .timeout(10, TimeUnit.SECONDS)
                    .send();
            assertThat(response.getStatus())
                    .as("token headers %s, %s", pair[0], pair[1])
                    .isEqualTo(403);
        }
        assertThat(app.drain().state()).isEqualTo(DrainState.SERVING);
        assertThat(app.http1().GET(app.uri("/drainkit/ready")).getStatus()).isEqualTo(200);
    }

    /** Verifies that a flood of refused preStop calls writes one log line, not one per call. */
    @Test
    void refusedPreStopCallsCannotFloodTheLog() throws Exception {
        startWithPreStop("0", "5s");
        List<String> refusals;
        try (CapturedLog log = CapturedLog.start()) {
            for (int i = 0; i < 200; i++) {
                assertThat(preStop(i % 2 == 0 ? null : "wrong-" + i).send().getStatus())
                        .isEqualTo(403);
            }
            refusals = log.linesWith("DRAINKIT-0007");
        }

        assertThat(refusals).as("DRAINKIT-0007 lines for 200 refused calls").hasSize(1);
        assertThat(app.drain().state()).isEqualTo(DrainState.SERVING);
    }

    /** Verifies that preStop with the right token answers only once in-flight requests are done, with the report. */
    @Test
    void preStopAnswersWhenDrainedWithTheReport() throws Exception {
        startWithPreStop("200ms", "20s");
        CompletableFuture<ContentResponse> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return app.http1().GET(app.uri("/block?gate=p"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 1);

        CompletableFuture<ContentResponse> first = new CompletableResponseListener(preStop(TOKEN)).send();
        CompletableFuture<ContentResponse> joined = new CompletableResponseListener(preStop(TOKEN)).send();
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().state() == DrainState.DRAINING);
        assertThat(app.http1().GET(app.uri("/hello")).getStatus())
                .as("still serving during the drain")
                .isEqualTo(200);
        try {
            joined.get(700, TimeUnit.MILLISECONDS);
            throw new AssertionError("preStop answered while a request was in flight");
        } catch (TimeoutException expected) {
            // still waiting, as it must
        }
        assertThat(app.drain().inFlight())
                .as("the preStop calls themselves are not counted")
                .isEqualTo(1);

        app.gate("p").countDown();

        ContentResponse response = joined.get(10, TimeUnit.SECONDS);
        assertThat(inFlight.get().getStatus()).isEqualTo(200);
        assertThat(response.getHeaders().get(HttpHeader.CONNECTION))
                .as("the kubelet's connection is let go")
                .isEqualTo("close");
        assertThat(first.get(10, TimeUnit.SECONDS).getContentAsString())
                .as("both calls get the one drain's report")
                .isEqualTo(response.getContentAsString());
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString())
                .contains(
                        "\"status\":\"DRAINED\"",
                        "\"trigger\":\"PRESTOP\"",
                        "\"requestsServed\":2",
                        "\"inFlightAtEnd\":0",
                        "\"deadlineReached\":false",
                        "\"stillInFlight\":[]");
        assertThat(app.drain().state()).isEqualTo(DrainState.DRAINED);
    }

    /** Verifies that the deadline cuts a request that never ends and the preStop report names it. */
    @Test
    void preStopReportNamesTheRequestCutAtTheDeadline() throws Exception {
        startWithPreStop("0", "1s");
        CompletableFuture.runAsync(() -> {
            try {
                app.http1().GET(app.uri("/block?gate=never"));
            } catch (Exception ignored) {
                // the server stops under it at the end of the test
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 1);

        ContentResponse response = preStop(TOKEN).send();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentAsString())
                .contains("\"deadlineReached\":true", "\"inFlightAtEnd\":1")
                .containsPattern("\"stillInFlight\":\\[\\{\"kind\":\"request\",\"name\":\"GET /app/block\","
                        + "\"ageMs\":\\d+,\"admittedBeforeDrain\":true}]");
    }

    /** Verifies that a preStop call after the drain answers at once with the same report. */
    @Test
    void preStopAfterTheDrainAnswersAtOnce() throws Exception {
        startWithPreStop("0", "5s");
        String first = preStop(TOKEN).send().getContentAsString();

        ContentResponse second = preStop(TOKEN).send();

        assertThat(second.getStatus()).isEqualTo(200);
        assertThat(second.getContentAsString()).isEqualTo(first);
    }
}
