// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.drainkit.tck.deployment.TckWar;

/**
 * With {@code drainkit.delay.quiet-period}, the delay ends once traffic has stopped and the floor derived from the
 * readiness probe is over, not at its full length.
 */
@TckWar(
        name = "quiet-period",
        delay = "60s",
        timeout = "90s",
        settings = {
            "drainkit.delay.quiet-period=500ms",
            // The floor: probe period x failure threshold + propagation = 1s.
            "drainkit.probe.period=500ms",
            "drainkit.probe.failure-threshold=1",
            "drainkit.propagation=500ms"
        })
public class QuietPeriodEndsDelayEarlyTest extends TckBase {

    /**
     * Verifies that with no traffic the 60 s delay ends after the 1 s floor (500 ms probe period x 1 failure + 500 ms
     * propagation), not before it and not at 60 s, and the report says so.
     */
    @Test
    void delayEndsAfterTheMinimumWhenNoRequestArrives() {
        HttpResponse<String> answer = answer(client.preStop(), "the preStop call, with a 60 s delay and no traffic");

        String report = answer.body();
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(TckClient.number(report, "delayMs"))
                .as("the delay used, at least the 1 s floor: " + report)
                .isGreaterThanOrEqualTo(1_000L)
                // Not the 2 s that drainkit.delay.min was by default before the floor was derived from the probe:
                // a second of slack for the timer.
                .isLessThan(2_000L);
        assertDrainedInTime(report);
    }
}
