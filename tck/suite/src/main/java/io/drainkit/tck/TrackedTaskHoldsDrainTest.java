// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;
import io.drainkit.tck.deployment.task.TaskServlet;

/** A task on the default ManagedExecutorService that DrainKit tracks ({@code Drain.track}) is waited for. */
@Tag(TckTags.CONCURRENCY)
@TckWar(name = "task-holds", delay = "200ms", timeout = "60s", servlet = TaskServlet.class, path = TaskServlet.PATH)
public class TrackedTaskHoldsDrainTest extends TckBase {

    /**
     * Verifies that the tracked task is counted in flight after its request has ended, that preStop does not answer
     * while it runs, and that it answers once the task ends, with the task counted in the report's summary.
     */
    @Test
    void trackedManagedTaskHoldsTheDrain() {
        assertThat(client.get("task?gate=report").statusCode()).isEqualTo(200);
        client.awaitInFlight(1);

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitDelayOver();
        assertStillDraining(preStop, "while the task runs");

        client.open("report");

        HttpResponse<String> answer = answer(preStop, "the preStop call, once the task ended");
        assertDrainedInTime(answer.body());
        assertWorkServed(answer.body(), "task", 1);
    }
}
