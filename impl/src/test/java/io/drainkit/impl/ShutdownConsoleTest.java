// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The drain's lines during a JVM's stop, in a real child JVM ({@link DrainAtJvmExit}) whose
 * {@code java.util.logging} the JDK resets while it stops.
 */
class ShutdownConsoleTest {

    /**
     * Verifies that a drain started after the JDK closed java.util.logging's handlers still writes its start line, once,
     * to standard error, while a line logged before the stop goes through the log as usual and is not repeated.
     */
    @Test
    void drainStartedAfterTheLogWasResetReachesStandardError() throws Exception {
        String stderr = run(DrainAtJvmExit.class.getName());

        assertThat(stderr)
                .as("the line logged while the JVM ran, through java.util.logging's console handler")
                .containsOnlyOnce("DRAINKIT-0002 Draining: 2 request(s) in flight");
        assertThat(stderr)
                .as("the drain's start, after java.util.logging was reset")
                .containsOnlyOnce("DRAINKIT-0001 Drain started by CONTAINER_SHUTDOWN: readiness is DOWN, serving on"
                        + " for 3s (2 request(s) in flight now)");
    }

    private static String run(String mainClass) throws IOException, InterruptedException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), mainClass))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String stderr = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(30, TimeUnit.SECONDS))
                .as("the child JVM exits; its standard error:%n%s", stderr)
                .isTrue();
        return stderr;
    }
}
