// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.payara.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.SeveralApplicationsDrain;
import io.drainkit.proof.SeveralApplicationsDrain.Outcome;

/**
 * Two DrainKit WARs on one Payara Micro ({@code --deploy} twice), under keep-alive load: the pod's one preStop hook
 * calls one of them, both turn DOWN in Payara's server-wide readiness, serve through the delay with
 * {@code Connection: close} and hold the answer until the other's slow request is done; then SIGTERM. No request to
 * either fails.
 */
class TwoApplicationsPreStopIT {

    private static final String OTHER = "drainkit-billing";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** Verifies that one preStop call drains both applications on Payara Micro and no request fails. */
    @Test
    void onePreStopCallDrainsBothApplicationsWithoutAFailedRequest() throws Exception {
        Path logs = Paths.get(System.getProperty("drainkit.example.payara.logs", "target/e2e"), "two-applications");
        Files.createDirectories(logs);
        DrainKitSettings drainKit = DrainKitSettings.of(Duration.ofSeconds(3), TIMEOUT);
        String token = drainKit.token();
        Map<String, String> settings = drainKit.environment();
        PayaraMicro.Started started = PayaraMicro.start(settings, logs.resolve("server.log"), OTHER);
        try (var server = started.server()) {
            Outcome outcome = new SeveralApplicationsDrain()
                    .run(
                            List.of(started.base(), started.base().resolve("/" + OTHER + "/")),
                            started.readiness(),
                            token,
                            ProcessHandle.of(server.pid()).orElseThrow(),
                            TIMEOUT);
            Files.writeString(
                    logs.resolve("result.txt"),
                    "Result (Payara Micro 6.2025.10, two WARs, one preStop call): " + outcome.summary()
                            + "\npreStop answered: " + outcome.report().body() + "\n");

            assertThat(outcome.problems(
                            List.of("/drainkit-example", "/" + OTHER), SeveralApplicationsDrain::checkStatus))
                    .as("what went wrong with two WARs")
                    .isEmpty();
        }
    }
}
