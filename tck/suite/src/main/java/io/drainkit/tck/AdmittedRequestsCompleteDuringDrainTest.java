// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;

/** Requests admitted before the trigger run to completion, and the preStop call waits for them. */
@TckWar(name = "admitted-complete", delay = "200ms", timeout = "60s")
public class AdmittedRequestsCompleteDuringDrainTest extends TckBase {

    /** Verifies that requests in flight at the trigger all complete with 200 and preStop answers after them. */
    @Test
    void requestsInFlightAtTheTriggerCompleteWith200() {
        List<CompletableFuture<HttpResponse<String>>> held = IntStream.range(0, 3)
                .mapToObj(i -> client.getAsync("block?gate=admitted"))
                .collect(Collectors.toList());
        client.awaitInFlight(3);

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitState("DRAINING");
        assertThat(preStop)
                .as("preStop must not answer while requests are in flight")
                .isNotDone();
        client.open("admitted");

        for (CompletableFuture<HttpResponse<String>> request : held) {
            HttpResponse<String> response = answer(request, "a request admitted before the trigger");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("released");
        }
        String report = answer(preStop, "the preStop call").body();
        assertDrainedInTime(report);
        assertThat(TckClient.number(report, "requestsServed")).as(report).isGreaterThanOrEqualTo(3);
    }
}
