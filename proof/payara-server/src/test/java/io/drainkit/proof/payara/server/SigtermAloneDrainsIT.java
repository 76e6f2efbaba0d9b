// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.payara.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.Readiness;
import io.drainkit.proof.SigtermAlone;
import io.drainkit.proof.Timeline;
import io.drainkit.proof.Verdict;

/**
 * SIGTERM alone on Payara Server, with {@code drainkit-payara} in the WAR: the domain's SIGTERM hook sends
 * {@code PREPARE_SHUTDOWN} before Payara stops any application or listener, and the adapter holds the stop there while
 * DrainKit drains ({@link SigtermAlone}: readiness DOWN at once, {@code Connection: close} through the delay, the exit
 * after it).
 */
class SigtermAloneDrainsIT {

    static final Duration DELAY = Duration.ofSeconds(4);
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** Verifies the drain on SIGTERM alone, started by the server's stop, with no adapter reported absent. */
    @Test
    void sigtermAloneDrainsBeforePayaraStopsRouting() throws Exception {
        Path workDir = Paths.get("target", "e2e", "sigterm-alone-adapter");
        Timeline timeline = new Timeline(PayaraServerDrainIT.SERVER_EVENTS, Pattern.compile("^\\s+"));
        try (PayaraServerDomain domain = PayaraServerDomain.startWar(
                PayaraServerDomain.ADAPTER_WAR_PROPERTY,
                workDir,
                Map.of("DRAINKIT_DELAY", DELAY.toSeconds() + "s", "DRAINKIT_TIMEOUT", TIMEOUT.toSeconds() + "s"))) {
            // The first answer of a freshly booted domain can take seconds on a loaded machine.
            await("Payara's readiness lists the drainkit check UP")
                    .atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> Readiness.ask(domain.readiness()).toString().equals("200 UP SERVING"));
            SigtermAlone.Outcome outcome = new SigtermAlone(domain, DELAY, TIMEOUT, timeline).run();
            timeline.writeTo(workDir.resolve("result.txt"));
            Verdict.assertNoProblems(outcome.problems(), domain.console().tail());
            assertThat(domain.console().output())
                    .as("the console")
                    .anySatisfy(line -> assertThat(line).contains("Drain started by SERVER_STOP"))
                    .noneMatch(line -> line.contains("DRAINKIT-0026"));
        }
    }
}
