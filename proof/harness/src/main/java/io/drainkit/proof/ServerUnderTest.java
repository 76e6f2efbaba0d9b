// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A runtime serving the example application, as the proof drives it: where the application and the server's readiness
 * are, and the signal Kubernetes sends. One implementation per runtime (embedded Jetty, WildFly, Open Liberty, Payara
 * Micro, Payara Server); the scenarios ({@link PodTermination}, the rolling restart) run over any of them.
 */
public interface ServerUnderTest extends AutoCloseable {

    /** @return the runtime and its version, for the figures: {@code "WildFly 39.0.1.Final"} */
    String name();

    /** @return the example application's base, ending in {@code /}; its paths resolve against it */
    URI application();

    /** @return the server's readiness endpoint, the one a pod's readinessProbe calls (MicroProfile Health's) */
    URI readiness();

    /** @return the server's output, as it goes */
    ServerProcess process();

    /** Sends SIGTERM to the server's JVM, as the kubelet does once the preStop hook returned. */
    void sigterm();

    /**
     * @param timeout how long at most
     * @return the exit status of the server's JVM (or of its launch script), or empty if it still runs
     * @throws InterruptedException if interrupted while waiting
     */
    OptionalInt awaitExit(Duration timeout) throws InterruptedException;

    /**
     * @param status an exit status of {@link #awaitExit}
     * @return whether it is a clean stop after SIGTERM: 0, or 143, the JVM's own status once its shutdown hooks ran
     *         after the signal (Open Liberty, Payara Micro)
     */
    default boolean isCleanExit(int status) {
        return status == 0 || status == 143;
    }

    /** Stops the server if it still runs (SIGKILL after a grace period), whatever happened. */
    @Override
    void close();

    /** Starts a runtime with the example application. */
    @FunctionalInterface
    interface Launcher {

        /**
         * @param environment the server's DrainKit settings, as environment variables ({@link DrainKitSettings})
         * @param workDirectory where its files and logs go
         * @return the server, serving the application
         * @throws IOException if it cannot be started
         * @throws InterruptedException if interrupted while it starts
         */
        ServerUnderTest start(Map<String, String> environment, Path workDirectory)
                throws IOException, InterruptedException;
    }
}
