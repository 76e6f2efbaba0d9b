// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.drainkit.proof.Timeline;

/**
 * SIGTERM without a preStop call to an Open Liberty whose application has served no request (issue 11, item 5): with
 * nothing in flight and nobody routed to, DrainKit's container-shutdown drain has nothing to wait for, and the server
 * must exit at once, not after {@code drainkit.delay}, whether or not the container ever initialized DrainKit's filter.
 *
 * <p>The exit time is the proof: DrainKit's lines during a SIGTERM stop never reach Liberty's console (the JVM's
 * {@code java.util.logging} reset runs concurrently, see this example's README), so its {@code serving on for 0s}
 * cannot be read here as it is on WildFly.
 */
class IdleApplicationSigtermIT {

    /** DrainKit's default delay: long enough that holding the shutdown for it cannot go unseen. */
    private static final Duration DELAY = Duration.ofSeconds(10);
    /** Liberty exits in about 0.6 s here; generous, and half the delay. */
    private static final Duration PROMPT_EXIT = Duration.ofSeconds(5);

    private static final Path LOGS = Path.of(System.getProperty("drainkit.liberty.logs", "target/e2e"));

    private final Timeline timeline = LibertyServer.timeline();
    private LibertyServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.process().close();
        }
    }

    /**
     * Verifies that an application that served no request, taken down by SIGTERM alone, does not hold the stop for
     * DrainKit's delay: it lets Liberty exit promptly. Nothing is sent to the server at all.
     */
    @Test
    void sigtermToAnIdleApplicationSkipsTheDelay() throws Exception {
        server = LibertyServer.start(
                Map.of("DRAINKIT_DELAY", DELAY.toSeconds() + "s"), LOGS.resolve("idle-sigterm-server.log"));
        server.process().onLine(timeline::serverLine);

        long sigterm = timeline.start(
                "SIGTERM to pid " + server.process().pid() + ", no request ever sent to " + server.app());
        server.sigterm();
        OptionalInt exit = server.process().awaitExit(DELAY.plusSeconds(20));
        long exited = System.nanoTime();
        timeline.event(exited, "server", exit.isPresent() ? "exited with " + exit.getAsInt() : "still running");
        timeline.figure(
                "SIGTERM to exit",
                String.format(
                        "%.3f s, exit status %s (DRAINKIT_DELAY=%ds)",
                        (exited - sigterm) / 1e9, exit.isPresent() ? exit.getAsInt() : "none", DELAY.toSeconds()));
        timeline.writeTo(LOGS.resolve("idle-sigterm.txt"));

        assertThat(exit).as("exit status after SIGTERM").isPresent();
        assertThat(Duration.ofNanos(exited - sigterm))
                .as("SIGTERM to exit, with %s of delay configured", DELAY)
                .isLessThan(PROMPT_EXIT);
    }
}
