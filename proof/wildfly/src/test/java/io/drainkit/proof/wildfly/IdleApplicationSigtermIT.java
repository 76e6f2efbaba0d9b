// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import io.drainkit.proof.Readiness;
import io.drainkit.proof.Timeline;

class IdleApplicationSigtermIT {

    /** DrainKit's default delay, as in the issue: long enough that holding the shutdown for it cannot go unseen. */
    static final Duration DELAY = Duration.ofSeconds(10);
    /** WildFly exits in 0.2-0.5 s here; generous, and half the delay. */
    static final Duration PROMPT_EXIT = Duration.ofSeconds(5);

    private final Timeline timeline = WildFlyServer.timeline();

    /**
     * Verifies that an application that served no request, taken down by SIGTERM alone, drains without a delay
     * ({@code serving on for 0s}) and lets WildFly exit promptly. Readiness is asked only on the management port,
     * outside the application, as the kubelet's probe would.
     */
    @Test
    void sigtermToAnIdleApplicationSkipsTheDelay() throws Exception {
        Path workDir = Paths.get("target", "e2e", "idle-sigterm");
        try (WildFlyServer server = WildFlyServer.start(workDir, Map.of("DRAINKIT_DELAY", DELAY.toSeconds() + "s"))) {
            server.process().onLine(timeline::serverLine);
            assertThat(Readiness.ask(server.readiness()).status())
                    .as("readiness on the management port while serving")
                    .isEqualTo(200);

            timeline.start("SIGTERM to the server JVM (pid " + server.jvm().pid() + "), no request ever sent to "
                    + server.application());
            long sigterm = System.nanoTime();
            server.jvm().destroy();
            server.jvm().onExit().get(DELAY.toSeconds() + 20, TimeUnit.SECONDS);
            long exited = System.nanoTime();
            timeline.event(exited, "server", "JVM exited");
            timeline.line(String.format(
                    "  SIGTERM to exit: %.2f s (DRAINKIT_DELAY=%ds)", (exited - sigterm) / 1e9, DELAY.toSeconds()));
            timeline.writeTo(workDir.resolve("result.txt"));

            assertThat(server.process().output().stream().filter(line -> line.contains("DRAINKIT-0001")))
                    .as("DrainKit's container-shutdown drain of the idle application")
                    .singleElement(as(InstanceOfAssertFactories.STRING))
                    .contains("Drain started by CONTAINER_SHUTDOWN", "serving on for 0s");
            assertThat(Duration.ofNanos(exited - sigterm))
                    .as("SIGTERM to exit, with %s of delay configured", DELAY)
                    .isLessThan(PROMPT_EXIT);
        }
    }
}
