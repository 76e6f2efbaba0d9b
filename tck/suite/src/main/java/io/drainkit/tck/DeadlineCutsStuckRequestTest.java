// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;

/** A request that never ends does not hold the drain past its deadline, and the report names it. */
@TckWar(name = "deadline-cuts", delay = "0", timeout = "2s")
public class DeadlineCutsStuckRequestTest extends TckBase {

    /** Verifies that preStop answers at the deadline with deadlineReached and the stuck request's method and path. */
    @Test
    void deadlineCutsTheStuckRequestAndNamesIt() {
        CompletableFuture<HttpResponse<String>> stuck = client.getAsync("block?gate=never");
        client.awaitInFlight(1);

        HttpResponse<String> answer = answer(client.preStop(), "the preStop call, at the 2 s deadline");

        String report = answer.body();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(report).contains("\"deadlineReached\":true");
        assertThat(TckClient.number(report, "inFlightAtEnd")).as(report).isEqualTo(1);
        assertThat(TckClient.number(report, "durationMs")).as(report).isBetween(1_900L, 60_000L);
        assertThat(report)
                .as("the stuck request, named by kind and name")
                .containsPattern("\"stillInFlight\":\\[\\{\"kind\":\"request\",\"name\":\"GET [^\"]*/block\"");
        assertThat(stuck)
                .as("the stuck request is cut from the report, not killed")
                .isNotDone();

        client.open("never");
        assertThat(answer(stuck, "the stuck request, released").statusCode()).isEqualTo(200);
    }
}
