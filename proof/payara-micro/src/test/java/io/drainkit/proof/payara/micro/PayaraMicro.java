// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.payara.micro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.drainkit.proof.ProcessServer;
import io.drainkit.proof.ServerProcess;

/**
 * Payara Micro with the example WAR, as a child process, the way README.md runs it, plus what keeps a test on
 * loopback: the HTTP listener bound to 127.0.0.1 ({@code loopback.asadmin}), no clustering, no phone-home.
 */
final class PayaraMicro {

    /** Where the build staged {@code payara-micro.jar} and {@code drainkit-example.war}. */
    static final String DIRECTORY_PROPERTY = "drainkit.example.payara.dir";

    static final String CONTEXT = "/drainkit-example/";
    /** The example WAR with drainkit-payara, staged by the build under the same file name: the same context root. */
    static final String WAR_WITH_ADAPTER = "with-adapter/drainkit-example.war";

    static final Duration BOOT = Duration.ofSeconds(120);

    private static final Pattern READY =
            Pattern.compile("Payara Micro \\S+ \\(build \\d+\\) ready in ([\\d,]+) \\(ms\\)");

    private PayaraMicro() {}

    /**
     * Starts Payara Micro on a free loopback port and waits until it is ready.
     *
     * @param environment      DrainKit's settings ({@code DRAINKIT_*}), as the pod's env would set them
     * @param logFile          where its output goes
     * @param moreApplications names of further copies of the example WAR to deploy next to it (their context paths)
     * @return the server, and the example's base URI on it
     */
    static Started start(Map<String, String> environment, Path logFile, String... moreApplications)
            throws IOException, InterruptedException {
        return startWar("drainkit-example.war", environment, logFile, moreApplications);
    }

    /**
     * Starts Payara Micro with one of the staged example WARs on a free loopback port and waits until it is ready.
     *
     * @param war              the WAR, relative to the staging directory: {@code drainkit-example.war}, or
     *                         {@link #WAR_WITH_ADAPTER}
     * @param environment      DrainKit's settings ({@code DRAINKIT_*}), as the pod's env would set them
     * @param logFile          where its output goes
     * @param moreApplications names of further copies of that WAR to deploy next to it (their context paths)
     * @return the server, and the example's base URI on it
     */
    static Started startWar(String war, Map<String, String> environment, Path logFile, String... moreApplications)
            throws IOException, InterruptedException {
        Path directory = Paths.get(System.getProperty(DIRECTORY_PROPERTY, "target/payara"));
        Path loopback = Paths.get(
                System.getProperty("drainkit.example.payara.loopback", "target/test-classes/loopback.asadmin"));
        int port = ProcessServer.freeLoopbackPort();
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                // Payara Micro unpacks its runtime there, and leaves a directory behind: keep it in target/.
                "-Djava.io.tmpdir=" + logFile.toAbsolutePath().getParent(),
                "-jar",
                directory.resolve("payara-micro.jar").toString(),
                "--nocluster",
                "--disablephonehome",
                "--port",
                String.valueOf(port),
                "--prebootcommandfile",
                loopback.toString(),
                "--deploy",
                directory.resolve(war).toString()));
        for (String application : moreApplications) {
            // Payara Micro takes the context path from the file name.
            Path copy = logFile.toAbsolutePath().getParent().resolve(application + ".war");
            Files.copy(directory.resolve(war), copy, StandardCopyOption.REPLACE_EXISTING);
            command.addAll(List.of("--deploy", copy.toString()));
        }
        assertThat(Files.isRegularFile(directory.resolve("payara-micro.jar")))
                .as("%s/payara-micro.jar, staged by the" + " build", directory)
                .isTrue();
        ServerProcess server = ServerProcess.start(command, environment, logFile);
        try {
            server.awaitLine(READY, BOOT);
        } catch (RuntimeException | InterruptedException notReady) {
            server.close();
            throw notReady;
        }
        URI base = URI.create("http://127.0.0.1:" + port + CONTEXT);
        assertThat(InetAddress.getByName(base.getHost()).isLoopbackAddress())
                .as("test traffic stays on loopback: %s", base)
                .isTrue();
        return new Started(server, base);
    }

    /** A running Payara Micro and where the example answers. */
    static final class Started extends ProcessServer {

        private final URI base;

        private Started(ServerProcess server, URI base) {
            super(server);
            this.base = base;
        }

        /** @return its process and output */
        ServerProcess server() {
            return process();
        }

        /** @return the example's base URI */
        URI base() {
            return base;
        }

        @Override
        public String name() {
            return "Payara Micro " + System.getProperty("drainkit.payara.version", "");
        }

        @Override
        public URI application() {
            return base;
        }

        /** @return Payara Micro's MicroProfile Health readiness, server-wide on the HTTP port */
        @Override
        public URI readiness() {
            return base.resolve("/health/ready");
        }
    }
}
