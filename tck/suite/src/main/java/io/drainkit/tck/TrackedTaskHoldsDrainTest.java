// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;
import io.drainkit.tck.deployment.task.ReportQueue;
import io.drainkit.tck.deployment.task.TaskServlet;

/**
 * A task on the default ManagedExecutorService that DrainKit tracks ({@code Drain.track}) is waited for, and so is a
 * participant that uses a container resource ({@code @Resource}).
 */
@Tag(TckTags.CONCURRENCY)
@TckWar(name = "task-holds", delay = "200ms", timeout = "60s", servlet = TaskServlet.class, path = TaskServlet.PATH)
public class TrackedTaskHoldsDrainTest extends TckBase {

    /**
     * Verifies that the tracked task is counted in flight after its request has ended, that preStop does not answer
     * while it runs, nor while the participant with a {@code @Resource} is not idle, and that it answers once both
     * are done, with the task and the participant counted in the report's summary.
     */
    @Test
    void trackedManagedTaskHoldsTheDrain() {
        assertThat(client.get("task?gate=report").statusCode()).isEqualTo(200);
        client.awaitInFlight(1);

        CompletableFuture<HttpResponse<String>> preStop = client.preStop();
        client.awaitDelayOver();
        assertStillDraining(preStop, "while the task runs");

        client.open("report");
        assertStillDraining(preStop, "while the participant with a @Resource is not idle");

        client.open(ReportQueue.GATE);

        HttpResponse<String> answer = answer(preStop, "the preStop call, once the task and the participant ended");
        assertDrainedInTime(answer.body());
        assertWorkServed(answer.body(), "task", 1);
        assertWorkServed(answer.body(), "participant", 1);
    }
}
