// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;
import io.drainkit.tck.deployment.ejb.TimerServlet;

/** A timer of a {@code @Drained(late = SKIP)} callback that fires after the delay is skipped: it does not run. */
@Tag(TckTags.EJB)
@TckWar(
        name = "timer-skipped",
        delay = "200ms",
        timeout = "60s",
        servlet = TimerServlet.class,
        path = TimerServlet.PATH)
public class LateTimerSkippedTest extends TckBase {

    /**
     * Verifies that a timer that fires while the drain waits after its delay (a request holds it) is gone from the
     * timer service without its callback having run, and that the drain does not wait for it.
     */
    @Test
    void timerFiringAfterTheDelayIsSkipped() {
        CompletableFuture<HttpResponse<String>> held = client.getAsync("block?gate=hold");
        client.awaitInFlight(1);
        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitDelayOver();

        client.get("timer?gate=late");
        client.awaitAnswer("timer", "\"pending\":0");

        assertThat(client.get("timer").body())
                .as("the callback of a timer fired after the delay")
                .contains("\"runs\":0");
        assertThat(client.inFlight())
                .as("only the held request: a skipped callback is not counted")
                .isEqualTo(1);
        client.open("hold");
        assertThat(answer(held, "the held request").statusCode()).isEqualTo(200);
        HttpResponse<String> answer = answer(preStop, "the preStop call, once the held request ended");
        assertDrainedInTime(answer.body());
        assertThat(answer.body()).as("no timer ran during the drain").doesNotContain("\"kind\":\"timer\"");
    }
}
