// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.drainkit.proof.ProcessServer;
import io.drainkit.proof.ServerProcess;

/** The embedded example (Jetty 12 + Weld SE) as a server under test: a child JVM on a free loopback port. */
public final class EmbeddedJetty extends ProcessServer {

    private static final Duration START = Duration.ofSeconds(30);

    private final URI application;

    private EmbeddedJetty(ServerProcess process, URI application) {
        super(process);
        this.application = application;
    }

    /**
     * Starts the example and waits until it listens; a {@link ServerUnderTest.Launcher}.
     *
     * @param environment   its DrainKit settings
     * @param workDirectory where its log goes ({@code server.log})
     * @return the server
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while it starts
     */
    public static EmbeddedJetty start(Map<String, String> environment, Path workDirectory)
            throws IOException, InterruptedException {
        ServerProcess process =
                EmbeddedServerProcess.start(List.of("0"), environment, workDirectory.resolve("server.log"));
        try {
            return new EmbeddedJetty(
                    process,
                    EmbeddedServerProcess.awaitListening(process, START).resolve("/"));
        } catch (RuntimeException | InterruptedException notStarted) {
            process.close();
            throw notStarted;
        }
    }

    @Override
    public String name() {
        return "embedded Jetty 12 + Weld SE";
    }

    @Override
    public URI application() {
        return application;
    }

    @Override
    public URI readiness() {
        return application.resolve("/health/ready");
    }
}
