// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.PodTermination;
import io.drainkit.proof.PodTerminationOutcome;
import io.drainkit.proof.Timeline;
import io.drainkit.proof.Verdict;

/**
 * The pod termination scenario ({@link PodTermination}) against the example WAR on a real WildFly: readiness DOWN on
 * WildFly's own health endpoint (management interface), {@code Connection: close} during the delay, the preStop call
 * answering once nothing is in flight, then SIGTERM to the server JVM. No request may fail, not even the straggler a
 * slow load balancer sends after the preStop call returned, in flight at SIGTERM: WildFly's suspend waits for it
 * ({@code org.wildfly.sigterm.suspend.timeout}, 3 s in {@code examples/wildfly/configure-drainkit.cli}).
 *
 * <p>On WildFly without {@code drainkit-wildfly} the preStop endpoint is what drains: on SIGTERM the server suspends
 * and unregisters the web context before any shutdown event reaches the application ({@link SigtermWithoutPreStopIT}).
 */
class PreStopDrainIT {

    /** Shorter than configure-drainkit.cli's org.wildfly.sigterm.suspend.timeout (3 s). */
    static final String STRAGGLER = "work?ms=1500";

    /** Verifies the scenario on WildFly: no request failed, the drain waited for the slow ones, the JVM exited. */
    @Test
    void preStopDrainsThenSigtermStopsTheServerWithoutAFailedRequest() throws Exception {
        Path workDir = Paths.get("target", "e2e", "prestop");
        // DRAINKIT_GRACE_PERIOD: the pod's terminationGracePeriodSeconds; DrainKit checks the timeout + 5 s fits.
        DrainKitSettings settings = DrainKitSettings.of(Duration.ofSeconds(3), Duration.ofSeconds(15))
                .with("DRAINKIT_GRACE_PERIOD", "20s");
        Timeline timeline = WildFlyServer.timeline();
        try (WildFlyServer server = WildFlyServer.start(workDir, settings.environment())) {
            PodTerminationOutcome outcome = new PodTermination(
                            server, settings, PodTermination.Traffic.standard().withStraggler(STRAGGLER), timeline)
                    .run();
            outcome.printFigures(timeline);
            timeline.writeTo(workDir.resolve("result.txt"));
            Verdict.assertNoProblems(outcome.problems(), server.process().tail());
        }
    }
}
