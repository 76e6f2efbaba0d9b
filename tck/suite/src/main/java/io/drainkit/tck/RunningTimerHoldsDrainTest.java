// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;
import io.drainkit.tck.deployment.ejb.TimerServlet;

/** An EJB timer callback of a {@code @Drained} bean that is running holds the drain until it returns. */
@Tag(TckTags.EJB)
@TckWar(name = "timer-holds", delay = "200ms", timeout = "60s", servlet = TimerServlet.class, path = TimerServlet.PATH)
public class RunningTimerHoldsDrainTest extends TckBase {

    /**
     * Verifies that the running callback is counted in flight, that preStop does not answer while it runs (past the
     * delay), and that it answers once the callback returns, with the timer counted in the report's summary.
     */
    @Test
    void runningTimerCallbackHoldsTheDrain() {
        client.get("timer?gate=sweep");
        client.awaitAnswer("timer", "\"runs\":1");
        client.awaitInFlight(1);

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitDelayOver();
        assertStillDraining(preStop, "while the timer callback runs");

        client.open("sweep");

        HttpResponse<String> answer = answer(preStop, "the preStop call, once the callback returned");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertDrainedInTime(answer.body());
        assertWorkServed(answer.body(), "timer", 1);
    }
}
