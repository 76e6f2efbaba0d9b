// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;

/**
 * Asynchronous requests stay counted until their AsyncContext completes, times out or errors, and no longer. Each
 * test first sees its request still counted for {@link #STILL_COUNTED} after the dispatch that started it returned:
 * an implementation that counted it out when that dispatch returned would show it for a few microseconds only.
 */
@TckWar(name = "async-counted", delay = "0", timeout = "30s")
public class AsyncRequestsCountedUntilEndTest extends TckBase {

    /** Far longer than a dispatch, far shorter than the time the request stays open. */
    private static final Duration STILL_COUNTED = Duration.ofMillis(500);

    /** Verifies that an async request is counted after its dispatch returned, until it completes on another thread. */
    @Test
    void asyncRequestIsCountedUntilItCompletes() {
        HttpResponse<String> response = countedUntilReleased("complete");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("completed");
        client.awaitInFlight(0);
    }

    /** Verifies that an async request is counted after its dispatch returned, until the container times it out. */
    @Test
    void asyncTimeoutIsCountedUntilItTimesOut() {
        // Open long enough to be seen counted for STILL_COUNTED after it arrived, even on a slow machine.
        Duration timeout = TckTimeouts.scaled(Duration.ofSeconds(4));
        CompletableFuture<HttpResponse<String>> pending =
                client.getAsync("async?mode=timeout&ms=" + timeout.toMillis());
        client.awaitInFlightFor(1, STILL_COUNTED);

        HttpResponse<String> response = answer(pending, "the async request the container times out");

        assertThat(response.statusCode())
                .as("the container answers a timed-out async request")
                .isGreaterThanOrEqualTo(500);
        client.awaitInFlight(0);
    }

    /**
     * Verifies that an async request is counted after its dispatch returned, until its re-dispatch throws, and that
     * the re-dispatch is not counted again.
     */
    @Test
    void asyncErrorIsCountedUntilItFails() {
        HttpResponse<String> response = countedUntilReleased("error");

        assertThat(response.statusCode()).as("the re-dispatch threw").isEqualTo(500);
        client.awaitInFlight(0);
    }

    /** Sends an async request held by a gate, sees it counted for {@link #STILL_COUNTED}, then opens the gate. */
    private HttpResponse<String> countedUntilReleased(String mode) {
        String gate = "async-" + mode;
        CompletableFuture<HttpResponse<String>> pending = client.getAsync("async?mode=" + mode + "&gate=" + gate);
        client.awaitInFlightFor(1, STILL_COUNTED);

        client.open(gate);

        return answer(pending, "the async request (mode=" + mode + "), released");
    }
}
