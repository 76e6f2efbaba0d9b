// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.payara.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.drainkit.proof.ServerProcess;

/**
 * SIGTERM without a preStop call to a Payara Micro whose application has served no request (issue 11, item 5): with
 * nothing in flight and nobody routed to, DrainKit's container-shutdown drain has nothing to wait for, and the server
 * must exit at once, not after {@code drainkit.delay}, whether or not the container ever initialized DrainKit's filter.
 *
 * <p>The exit time is the proof: DrainKit's lines during a SIGTERM stop never reach Payara Micro's console (the JVM's
 * {@code java.util.logging} reset runs concurrently, see this example's README), so its {@code serving on for 0s}
 * cannot be read here as it is on WildFly.
 */
class IdleApplicationSigtermIT {

    /** DrainKit's default delay: long enough that holding the shutdown for it cannot go unseen. */
    private static final Duration DELAY = Duration.ofSeconds(10);
    /** Payara Micro exits in about 0.6 s here; generous, and half the delay. */
    private static final Duration PROMPT_EXIT = Duration.ofSeconds(5);

    private final Path logs = Paths.get(System.getProperty("drainkit.example.payara.logs", "target/e2e"));
    private ServerProcess server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Verifies that an application that served no request, taken down by SIGTERM alone, does not hold the stop for
     * DrainKit's delay: it lets Payara Micro exit promptly. Nothing is sent to the server at all.
     */
    @Test
    void sigtermToAnIdleApplicationSkipsTheDelay() throws Exception {
        server = PayaraMicro.start(Map.of("DRAINKIT_DELAY", DELAY.toSeconds() + "s"), logs.resolve("idle-sigterm.log"))
                .server();

        long sigterm = System.nanoTime();
        server.sigterm();
        OptionalInt exit = server.awaitExit(DELAY.plusSeconds(20));
        long exited = System.nanoTime();
        System.out.printf(
                "Payara Micro, SIGTERM to an application that served no request (DRAINKIT_DELAY=%ds):"
                        + " exited after %.3f s with status %s%n",
                DELAY.toSeconds(), (exited - sigterm) / 1e9, exit.isPresent() ? exit.getAsInt() : "none");

        assertThat(exit).as("exit status after SIGTERM").isPresent();
        assertThat(Duration.ofNanos(exited - sigterm))
                .as("SIGTERM to exit, with %s of delay configured", DELAY)
                .isLessThan(PROMPT_EXIT);
    }
}
