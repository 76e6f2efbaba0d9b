// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;
import io.drainkit.tck.deployment.websocket.LiveSocket;

/**
 * WebSocket sessions held by DrainKit ({@code GoingAway.holdOpen}) are closed with 1001 Going Away at the end of the
 * delay, not at the trigger, spread over {@code drainkit.long-lived.jitter}, and the drain then ends before its deadline.
 */
@Tag(TckTags.WEBSOCKET)
public class WebSocketClosedAtEndOfDelayTest extends TckBase {

    private static final Duration DELAY = Duration.ofSeconds(2);
    private static final Duration JITTER = Duration.ofSeconds(2);
    private static final int SESSIONS = 4;

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(
                        "websocket-closed",
                        TckSettings.withPreStop(DELAY, Duration.ofSeconds(60))
                                .set("drainkit.long-lived.jitter", JITTER.toMillis() + "ms"))
                .addPackage(LiveSocket.class.getPackage());
    }

    /**
     * Verifies that every held session stays open through the delay (load balancers still route to the instance, a
     * client told to go then could come right back), is closed with 1001 after it, and that the closes are spread over
     * the jitter window (4 sessions at +0, +0.5, +1 and +1.5 s), not sent all at once.
     */
    @Test
    void heldSessionsClosedWithGoingAwayAfterTheDelaySpreadOverTheJitter() throws Exception {
        URI live = URI.create(client.base().toString().replaceFirst("^http", "ws") + LiveSocket.PATH.substring(1));
        HttpClient http = HttpClient.newHttpClient();
        List<TckWebSocket> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            TckWebSocket session = TckWebSocket.open(http, live, TckTimeouts.prompt());
            assertThat(session.greeting(TckTimeouts.prompt()))
                    .as("the endpoint's greeting, sent once DrainKit holds the session")
                    .isEqualTo(LiveSocket.HELD);
            sessions.add(session);
        }

        long trigger = System.nanoTime();
        CompletableFuture<HttpResponse<String>> preStop = client.preStop();

        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        StringBuilder figures = new StringBuilder("sessions closed after the trigger (ms):");
        for (TckWebSocket session : sessions) {
            assertThat(session.closeCode(TckTimeouts.prompt().plus(DELAY).plus(JITTER)))
                    .as("the close code DrainKit sends")
                    .isEqualTo(1001);
            long after = session.closedAtNanos() - trigger;
            assertThat(after)
                    .as(
                            "closed %d ms after the trigger: not before the delay (%d ms) was over",
                            TimeUnit.NANOSECONDS.toMillis(after), DELAY.toMillis())
                    .isGreaterThanOrEqualTo(DELAY.toNanos());
            first = Math.min(first, after);
            last = Math.max(last, after);
            figures.append(' ').append(TimeUnit.NANOSECONDS.toMillis(after));
        }
        // The figures for the runtime's record, in the test's output.
        System.out.println(figures + " (delay " + DELAY.toMillis() + " ms, jitter " + JITTER.toMillis() + " ms)");
        assertThat(last - first)
                .as("the closes spread over the %d ms jitter window", JITTER.toMillis())
                .isGreaterThanOrEqualTo(JITTER.dividedBy(2).toNanos());
        HttpResponse<String> answer = answer(preStop, "the preStop call");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertDrainedInTime(answer.body());
        assertThat(TckClient.number(answer.body(), "durationMs"))
                .as(
                        "the drain (and so the preStop answer, which the server's stop follows) waited until the last"
                                + " session was told to go, at the end of the delay + 3/4 of the jitter: %s",
                        answer.body())
                .isGreaterThanOrEqualTo(
                        DELAY.plus(JITTER.multipliedBy(SESSIONS - 1).dividedBy(SESSIONS))
                                .toMillis());
    }
}
