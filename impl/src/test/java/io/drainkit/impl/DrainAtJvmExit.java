// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.drainkit.DrainTrigger;

/**
 * A JVM that stops the way a server does on SIGTERM: {@code System.exit} runs the shutdown hooks, the JDK's
 * {@code LogManager} resets {@code java.util.logging} in one of them, and the drain starts in another, later (a
 * server's stop reaches the application after its own log is gone). Run by {@link ShutdownConsoleTest} as a child
 * process, with the JDK's default logging: a console handler on standard error.
 */
public final class DrainAtJvmExit {

    private DrainAtJvmExit() {}

    public static void main(String[] args) {
        // Logged while the JVM runs: java.util.logging is set up now, its reset hook registered.
        DrainMessages.waiting(2, Duration.ofSeconds(1), Duration.ofSeconds(14));
        Runtime.getRuntime().addShutdownHook(new Thread(DrainAtJvmExit::drainAfterTheReset, "server-stop"));
        System.exit(0);
    }

    private static void drainAfterTheReset() {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Logger.getLogger("").getHandlers().length > 0 && System.nanoTime() < end) {
            try {
                TimeUnit.MILLISECONDS.sleep(10);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
        DrainMessages.drainStarted(DrainTrigger.CONTAINER_SHUTDOWN, Duration.ofSeconds(3), Instant.EPOCH, 2);
    }
}
