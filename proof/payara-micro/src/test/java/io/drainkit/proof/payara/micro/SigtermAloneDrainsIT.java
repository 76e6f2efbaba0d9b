// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.payara.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.SigtermAlone;
import io.drainkit.proof.Timeline;
import io.drainkit.proof.Verdict;

/**
 * SIGTERM alone, with {@code drainkit-payara} in the WAR: Payara Micro's {@code PREPARE_SHUTDOWN} event, sent before it
 * stops any application or listener, holds its stop while DrainKit drains, so readiness turns DOWN at once and the
 * application serves through the delay with {@code Connection: close}; then Payara Micro stops.
 *
 * <p>Behaviour is the proof: DrainKit's own lines during a SIGTERM stop do not reach Payara Micro's console (see
 * {@link IdleApplicationSigtermIT}).
 */
class SigtermAloneDrainsIT {

    static final Duration DELAY = Duration.ofSeconds(4);
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Path logs = Paths.get(System.getProperty("drainkit.example.payara.logs", "target/e2e"));

    /**
     * Verifies that after SIGTERM alone Payara Micro's readiness is DOWN well before the delay ends, that every request
     * sent after readiness turned DOWN and answered during the delay is 200 with {@code Connection: close}, and that the JVM exits only after the delay
     * once nothing is in flight, before the deadline.
     */
    @Test
    void sigtermAloneDrainsBeforePayaraStopsRouting() throws Exception {
        Timeline timeline = new Timeline(Pattern.compile("DRAINKIT-\\d+"), Pattern.compile("^\\[[^]]*]\\s*"));
        try (PayaraMicro.Started started = PayaraMicro.startWar(
                PayaraMicro.WAR_WITH_ADAPTER,
                Map.of("DRAINKIT_DELAY", DELAY.toSeconds() + "s", "DRAINKIT_TIMEOUT", TIMEOUT.toSeconds() + "s"),
                logs.resolve("sigterm-alone.log"))) {
            SigtermAlone.Outcome outcome = new SigtermAlone(started, DELAY, TIMEOUT, timeline).run();
            List<String> output = started.process().output();
            Verdict.assertNoProblems(outcome.problems(), output);
            assertThat(output).as("no adapter reported absent").noneMatch(line -> line.contains("DRAINKIT-0026"));
        }
    }
}
