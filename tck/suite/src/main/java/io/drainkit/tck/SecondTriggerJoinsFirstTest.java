// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;

/** One drain per application: a second trigger joins the first. */
@TckWar(name = "second-joins", delay = "300ms", timeout = "60s")
public class SecondTriggerJoinsFirstTest extends TckBase {

    /** Verifies that two preStop calls, and one after the end, all get the same report of one drain. */
    @Test
    void secondPreStopJoinsTheFirstDrain() {
        CompletableFuture<HttpResponse<String>> held = client.getAsync("block?gate=join");
        client.awaitInFlight(1);

        CompletableFuture<HttpResponse<String>> first = client.preStop();
        client.awaitState("DRAINING");
        CompletableFuture<HttpResponse<String>> second = client.preStop();
        client.open("join");

        String firstReport = answer(first, "the first preStop call").body();
        String secondReport = answer(second, "the joining preStop call").body();
        assertThat(answer(held, "the held request").statusCode()).isEqualTo(200);
        assertThat(secondReport).as("the joining call's report").isEqualTo(firstReport);
        String afterwards =
                answer(client.preStop(), "a preStop call after the drain").body();
        assertThat(afterwards).as("a call after the drain").isEqualTo(firstReport);
    }
}
