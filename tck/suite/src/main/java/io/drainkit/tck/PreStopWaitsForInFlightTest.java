// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;

/** The preStop call answers only once nothing is in flight, with a report that counts what was served. */
@TckWar(name = "prestop-waits", delay = "200ms", timeout = "60s")
public class PreStopWaitsForInFlightTest extends TckBase {

    /** Verifies that preStop is still waiting after the delay while a request is held, and answers when it ends. */
    @Test
    void preStopAnswersAfterInFlightReachesZero() {
        CompletableFuture<HttpResponse<String>> held = client.getAsync("block?gate=prestop");
        client.awaitInFlight(1);

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitState("DRAINING");
        for (int i = 0; i < 4; i++) {
            assertThat(client.get("work").statusCode())
                    .as("served while draining")
                    .isEqualTo(200);
        }
        assertStillDraining(preStop, "while one request is held");
        assertThat(client.inFlight())
                .as("the preStop call itself is not counted")
                .isEqualTo(1);

        client.open("prestop");

        HttpResponse<String> answer = answer(preStop, "the preStop call, once the held request ended");
        assertThat(answer(held, "the held request").statusCode()).isEqualTo(200);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        String report = answer.body();
        assertThat(report).contains("\"status\":\"DRAINED\"", "\"trigger\":\"PRESTOP\"");
        assertDrainedInTime(report);
        assertThat(TckClient.number(report, "delayMs"))
                .as("the delay used, timer jitter aside: " + report)
                .isBetween(200L, TckClient.number(report, "durationMs"));
        // 4 /work + the held request + the /status and /gate calls made while draining
        assertThat(TckClient.number(report, "requestsServed")).as(report).isGreaterThanOrEqualTo(5);
        assertThat(client.state()).isEqualTo("DRAINED");
    }
}
