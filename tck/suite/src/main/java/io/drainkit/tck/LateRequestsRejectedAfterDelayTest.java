// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;

/**
 * With {@code drainkit.late-requests=reject}, requests arriving after the delay get 503 with Retry-After and
 * Connection: close, while the requests admitted before finish.
 */
@TckWar(
        name = "late-reject",
        delay = "300ms",
        timeout = "60s",
        settings = {"drainkit.late-requests=reject", "drainkit.late-requests.retry-after=3s"})
public class LateRequestsRejectedAfterDelayTest extends TckBase {

    /** Verifies that after the delay a new request gets 503 + Retry-After + Connection: close and the admitted one 200. */
    @Test
    void lateRequestIsRejectedAndAdmittedOneFinishes() {
        // Held by time, not by a gate: after the delay the gate servlet itself would be turned away.
        CompletableFuture<HttpResponse<String>> admitted = client.getAsync("work?ms=4000");
        client.awaitInFlight(1);
        CompletableFuture<HttpResponse<String>> preStop = client.preStop();

        AtomicReference<HttpResponse<String>> rejected = new AtomicReference<>();
        await("a request after the delay is turned away")
                .atMost(TckTimeouts.prompt())
                .until(() -> {
                    HttpResponse<String> late = client.get("work");
                    rejected.set(late);
                    return late.statusCode() == 503;
                });

        HttpResponse<String> late = rejected.get();
        assertThat(late.headers().firstValue("Retry-After"))
                .as("Retry-After of the rejected request")
                .contains("3");
        assertAsksToClose(late, "of the rejected request");
        HttpResponse<String> held = answer(admitted, "the request admitted before the trigger");
        assertThat(held.statusCode())
                .as("the request admitted before the trigger")
                .isEqualTo(200);
        assertDrainedInTime(answer(preStop, "the preStop call").body());
    }
}
