// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server under test run as a child process: its launcher's output, and the JVM that gets the signal, which is the
 * launcher itself ({@code java -jar}, Liberty's {@code server run}) or a JVM it forked ({@code standalone.sh},
 * {@code asadmin start-domain}).
 */
public abstract class ProcessServer implements ServerUnderTest {

    private final ServerProcess launcher;
    private final ProcessHandle jvm;

    /**
     * @param launcher the child process and its output
     * @param jvm      the server's JVM: the process SIGTERM goes to
     */
    protected ProcessServer(ServerProcess launcher, ProcessHandle jvm) {
        this.launcher = launcher;
        this.jvm = jvm;
    }

    /** @param launcher the child process, which is the server's JVM itself */
    protected ProcessServer(ServerProcess launcher) {
        this(
                launcher,
                ProcessHandle.of(launcher.pid())
                        .orElseThrow(
                                () -> new IllegalStateException("the server process " + launcher.pid() + " is gone")));
    }

    /** @return the server's JVM */
    public ProcessHandle jvm() {
        return jvm;
    }

    @Override
    public ServerProcess process() {
        return launcher;
    }

    @Override
    public void sigterm() {
        jvm.destroy();
    }

    /** @return the launcher's exit status, once the JVM and then the launcher have exited */
    @Override
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            jvm.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException stillRunning) {
            return OptionalInt.empty();
        }
        return launcher.awaitExit(Duration.ofNanos(Math.max(end - System.nanoTime(), TimeUnit.SECONDS.toNanos(10))));
    }

    @Override
    public void close() {
        launcher.close();
    }

    /**
     * @return a port free on the loopback interface now, for a server to bind
     * @throws IOException if none can be found
     */
    public static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * @param name   a system property the build sets for the tests
     * @param module the proof module and profile that set it, e.g. {@code -Pwildfly -pl proof/wildfly}
     * @return its value
     * @throws IllegalStateException if it is not set, saying how to run the tests
     */
    public static String buildProperty(String name, String module) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run these tests through Maven"
                    + " (./mvnw verify " + module + " -am), which prepares the server");
        }
        return value;
    }
}
