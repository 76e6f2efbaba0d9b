// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.SeveralApplicationsDrain;
import io.drainkit.proof.SeveralApplicationsDrain.Outcome;
import io.drainkit.proof.Timeline;

/**
 * Two DrainKit WARs on one WildFly, under keep-alive load: the pod's one preStop hook calls one of them, and both
 * turn DOWN, serve through the delay with {@code Connection: close}, and hold the answer until the other's slow request
 * is done; then SIGTERM. No request to either fails.
 */
class TwoApplicationsPreStopIT {

    private static final String OTHER = "drainkit-billing";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /**
     * Verifies that one preStop call drains both applications (both checks DOWN on WildFly's readiness, Connection:
     * close in both, the answer held by the other's slow request, both in the report) and no request fails.
     */
    @Test
    void onePreStopCallDrainsBothApplicationsWithoutAFailedRequest() throws Exception {
        Path workDir = Paths.get("target", "e2e", "two-applications");
        DrainKitSettings drainKit = DrainKitSettings.of(Duration.ofSeconds(3), TIMEOUT);
        String token = drainKit.token();
        Map<String, String> settings = drainKit.environment();
        try (WildFlyServer server = WildFlyServer.start(workDir, settings, OTHER)) {
            Outcome outcome = new SeveralApplicationsDrain()
                    .run(
                            List.of(server.application(), server.application(OTHER)),
                            server.readiness(),
                            token,
                            server.jvm(),
                            TIMEOUT);
            Timeline timeline = WildFlyServer.timeline();
            timeline.line("Result (WildFly 39.0.1.Final, two WARs, one preStop call): " + outcome.summary());
            timeline.line("preStop answered: " + outcome.report().body());
            timeline.writeTo(workDir.resolve("result.txt"));

            assertThat(outcome.problems(
                            List.of("/drainkit-example", "/" + OTHER), SeveralApplicationsDrain::checkStatus))
                    .as("what went wrong with two WARs")
                    .isEmpty();
        }
    }
}
