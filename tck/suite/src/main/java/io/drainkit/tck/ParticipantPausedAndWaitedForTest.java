// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckDeployments;
import io.drainkit.tck.deployment.TckSettings;
import io.drainkit.tck.deployment.work.ConsumerServlet;

/** A CDI bean that implements DrainParticipant is paused at the end of the delay, and its work holds the drain. */
public class ParticipantPausedAndWaitedForTest extends TckBase {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return TckDeployments.war(
                "participant", TckSettings.withPreStop("500ms", "60s"), ConsumerServlet.PATH, ConsumerServlet.class);
    }

    /**
     * Verifies that the participant is told of the start, then paused at the end of the delay, that preStop does not
     * answer while it is not idle, and that it answers once it is, with the participant in the report's summary.
     */
    @Test
    void participantIsPausedAfterTheDelayAndHoldsTheDrainUntilIdle() {
        TckClient client = client();
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
