// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.Load;
import io.drainkit.proof.Readiness;
import io.drainkit.proof.SigtermAlone;
import io.drainkit.proof.Timeline;
import io.drainkit.proof.Verdict;

/**
 * SIGTERM alone, with {@code drainkit-wildfly} in the WAR: WildFly's suspend waits in its {@code prepare} stage for
 * DrainKit's drain, so readiness turns DOWN at once and the application serves through the delay with
 * {@code Connection: close} before WildFly answers anything with 503. And the adapter drains only on a stop: a
 * management {@code :suspend} and {@code :resume} leave the application serving, an undeployed and redeployed
 * application is hooked once, and {@code jboss-cli :shutdown} drains like SIGTERM.
 */
class SigtermAloneDrainsIT {

    static final Duration DELAY = Duration.ofSeconds(4);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final int CLIENTS = 4;
    static final Duration CLIENT_PAUSE = Duration.ofMillis(50);
    static final Map<String, String> SETTINGS = Map.of(
            "DRAINKIT_DELAY", DELAY.toSeconds() + "s",
            "DRAINKIT_TIMEOUT", TIMEOUT.toSeconds() + "s");

    private final Timeline timeline = WildFlyServer.timeline();

    /**
     * Verifies that after SIGTERM alone WildFly's readiness is DOWN well before the delay ends, that every request sent
     * after readiness turned DOWN and answered during the delay is 200 with {@code Connection: close}, that DrainKit
     * logs the drain as started by {@code SERVER_STOP}, and that the JVM exits after the delay, before the deadline.
     */
    @Test
    void sigtermAloneDrainsBeforeWildFlyStopsRouting() throws Exception {
        Path workDir = Paths.get("target", "e2e", "sigterm-alone");
        try (WildFlyServer server = WildFlyServer.startWar(WildFlyServer.ADAPTER_WAR_PROPERTY, workDir, SETTINGS)) {
            SigtermAlone.Outcome outcome = new SigtermAlone(server, DELAY, TIMEOUT, timeline).run();
            timeline.writeTo(workDir.resolve("result.txt"));
            Verdict.assertNoProblems(outcome.problems(), server.process().tail());
            assertThat(server.process().output())
                    .as("DrainKit's drain, started in WildFly's suspend")
                    .anySatisfy(line -> assertThat(line).contains("Drain started by SERVER_STOP"));
        }
    }

    /**
     * Verifies that a management {@code :suspend} then {@code :resume} starts no drain and leaves the application
     * serving (200, readiness UP), that after an undeploy and a redeploy {@code jboss-cli :shutdown} drains exactly
     * once (one {@code SERVER_STOP} drain, with its delay), and that no adapter was reported absent.
     */
    @Test
    void suspendResumeServesAndShutdownCommandDrainsOnceAfterRedeploy() throws Exception {
        Path workDir = Paths.get("target", "e2e", "suspend-resume-shutdown");
        try (WildFlyServer server = WildFlyServer.startWar(WildFlyServer.ADAPTER_WAR_PROPERTY, workDir, SETTINGS)) {
            server.process().onLine(timeline::serverLine);
            Load load = new Load(server.application());
            server.cli(":suspend");
            server.cli(":resume");
            assertThat(load.sendOne("work?ms=10").get(20, TimeUnit.SECONDS).status())
                    .as("served after :resume")
                    .isEqualTo(200);
            assertThat(Readiness.ask(server.readiness()).status())
                    .as("readiness after :resume")
                    .isEqualTo(200);

            server.cli("undeploy drainkit-example.war --keep-content");
            server.cli("deploy --name=drainkit-example.war");
            assertThat(load.sendOne("work?ms=10").get(20, TimeUnit.SECONDS).status())
                    .as("served after redeploy")
                    .isEqualTo(200);

            timeline.start("jboss-cli :shutdown");
            long shutdown = System.nanoTime();
            server.cli(":shutdown");
            server.jvm().onExit().get(TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS);
            long exit = System.nanoTime();
            timeline.line(String.format("  :shutdown to exit: %.2f s", (exit - shutdown) / 1e9));
            timeline.writeTo(workDir.resolve("result.txt"));

            List<String> output = server.process().output();
            // The undeploy drains the application alone (CONTAINER_SHUTDOWN, no delay): that one is not the adapter's.
            assertThat(output)
                    .as("drains started by the server's stop: none at :suspend, one at :shutdown")
                    .filteredOn(line -> line.contains("Drain started by SERVER_STOP"))
                    .hasSize(1);
            assertThat(output).as("no adapter reported absent").noneMatch(line -> line.contains("DRAINKIT-0026"));
            assertThat(exit - shutdown).as(":shutdown waits for the delay").isGreaterThanOrEqualTo(DELAY.toNanos());
        }
    }
}
