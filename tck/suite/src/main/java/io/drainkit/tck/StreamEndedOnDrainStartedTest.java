// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;

/**
 * A long-lived response (a server-sent event stream, say) that the application ends when DrainKit fires
 * {@code DrainStarted} ends cleanly within the delay, and does not hold the drain to its deadline.
 */
public class StreamEndedOnDrainStartedTest extends TckBase {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war("stream-ended", TckSettings.withPreStop("1s", DEADLINE.toSeconds() + "s"));
    }

    /**
     * Verifies that an open stream, counted in flight, is ended by its {@code DrainStarted} observer: the client gets
     * the whole response, and the drain ends well before its deadline.
     */
    @Test
    void streamEndedByObserverDoesNotHoldTheDrain() {
        CompletableFuture<HttpResponse<String>> stream = client.getAsync("stream");
        // Counted as soon as it enters DrainKit's filter: wait until the application holds it too, or the drain could
        // start before there is a stream to end (seen on Open Liberty under load).
        await("the stream is registered with the DrainStarted observer")
                .atMost(TckTimeouts.prompt())
                .until(() -> client.get("open-streams").body().equals("1"));
        client.awaitInFlight(1);
        assertThat(stream).as("the stream stays open while serving").isNotDone();

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();

        HttpResponse<String> ended = answer(stream, "the stream, once the drain started");
        assertThat(ended.statusCode()).as("the stream's status").isEqualTo(200);
        assertThat(ended.body())
                .as("the stream ended cleanly, with everything the application wrote")
                .isEqualTo("open\ndraining\n");
        HttpResponse<String> answer = answer(preStop, "the preStop call");
        String report = answer.body();
        assertThat(answer.statusCode()).as(report).isEqualTo(200);
        assertDrainedInTime(report);
        assertThat(TckClient.number(report, "durationMs"))
                .as("the drain, not held to its deadline: " + report)
                .isLessThan(DEADLINE.toMillis() / 2);
    }
}
