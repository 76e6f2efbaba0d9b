// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;
import io.drainkit.tck.deployment.work.ConsumerServlet;

/** A CDI bean that implements DrainParticipant is paused at the end of the delay, and its work holds the drain. */
@TckWar(
        name = "participant",
        delay = "500ms",
        timeout = "60s",
        servlet = ConsumerServlet.class,
        path = ConsumerServlet.PATH)
public class ParticipantPausedAndWaitedForTest extends TckBase {

    /**
     * Verifies that the participant is told of the start, then paused at the end of the delay, that preStop does not
     * answer while it is not idle, and that it answers once it is, with the participant in the report's summary.
     */
    @Test
    void participantIsPausedAfterTheDelayAndHoldsTheDrainUntilIdle() {
        assertThat(client.get("consumer").body()).as("before the drain").isEqualTo("polling");

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitDelayOver();
        client.awaitAnswer("consumer", "paused");
        assertThat(client.inFlight()).as("the participant, not idle yet").isEqualTo(1);
        assertStillDraining(preStop, "while the participant is not idle");

        client.get("consumer?finish");

        HttpResponse<String> answer = answer(preStop, "the preStop call, once the participant is idle");
        assertDrainedInTime(answer.body());
        assertWorkServed(answer.body(), "participant", 1);
    }
}
