// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.payara.server;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import io.drainkit.proof.ProcessServer;
import io.drainkit.proof.ServerDirectory;
import io.drainkit.proof.ServerProcess;

/**
 * The example WAR on a Payara Server domain of its own, started the way the official image starts it: the domain JVM
 * in the foreground ({@code asadmin start-domain --verbose}), {@code drainkit.asadmin} as pre-boot commands, the WAR
 * deployed by a post-boot command, DrainKit's settings in the environment (they reach the domain JVM).
 *
 * <p>Each domain is a fresh copy of the distribution's {@code domain1} in the test's own directory, listening on
 * 127.0.0.1 only, on free ports ({@code loopback.asadmin}, applied after {@code drainkit.asadmin}).
 * {@link #close()} kills asadmin and the domain JVM, if they still run.
 */
final class PayaraServerDomain extends ProcessServer {

    /** The system property naming the example WAR; set by the module's failsafe configuration. */
    static final String WAR_PROPERTY = "drainkit.example.war";
    /** The system property naming the example WAR with drainkit-payara; likewise. */
    static final String ADAPTER_WAR_PROPERTY = "drainkit.example.war.payara";

    private static final Pattern DEPLOYED = Pattern.compile("Boot Command deploy returned with result (\\w+)");
    private static final Duration BOOT = Duration.ofSeconds(180);

    private final Path home;
    private final Path domains;
    private final int httpPort;

    private PayaraServerDomain(ServerProcess console, ProcessHandle jvm, Path home, Path domains, int httpPort) {
        super(console, jvm);
        this.home = home;
        this.domains = domains;
        this.httpPort = httpPort;
    }

    /**
     * Starts a domain and waits until the example WAR is deployed.
     *
     * @param workDir     the test's own directory (emptied first): the domain, its commands and its console log
     * @param environment DrainKit's settings ({@code DRAINKIT_*}); inherited ones are removed
     */
    static PayaraServerDomain start(Path workDir, Map<String, String> environment)
            throws IOException, InterruptedException {
        return startWar(WAR_PROPERTY, workDir, environment);
    }

    /**
     * Starts a domain with one of the example WARs, deployed at {@code /drainkit-example}, and waits until it is.
     *
     * @param warProperty {@link #WAR_PROPERTY}, or {@link #ADAPTER_WAR_PROPERTY} for the WAR with drainkit-payara
     * @param workDir     where its domain copy and logs go (emptied first)
     * @param environment DrainKit's settings ({@code DRAINKIT_*})
     * @return the running domain
     * @throws IOException          if it cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     */
    static PayaraServerDomain startWar(String warProperty, Path workDir, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path home = Paths.get(ProcessServer.buildProperty("payara.home", "-Ppayara-server -pl proof/payara-server"));
        Path domains = workDir.resolve("domains");
        ServerDirectory.delete(workDir);
        ServerDirectory.copy(home.resolve("glassfish/domains/domain1"), domains.resolve("domain1"));

        int http = ProcessServer.freeLoopbackPort();
        String loopback = Files.readString(Paths.get(ProcessServer.buildProperty(
                        "drainkit.example.loopback", "-Ppayara-server -pl proof/payara-server")))
                .replace("HTTP_PORT", String.valueOf(http))
                .replace("ADMIN_PORT", String.valueOf(ProcessServer.freeLoopbackPort()));
        Path preBoot = workDir.resolve("pre-boot.asadmin");
        Files.writeString(
                preBoot,
                Files.readString(Paths.get(ProcessServer.buildProperty(
                                "drainkit.example.asadmin", "-Ppayara-server -pl proof/payara-server")))
                        + loopback);
        Path postBoot = workDir.resolve("post-boot.asadmin");
        Files.writeString(
                postBoot,
                "deploy --name drainkit-example --contextroot drainkit-example "
                        + ProcessServer.buildProperty(warProperty, "-Ppayara-server -pl proof/payara-server") + "\n",
                StandardCharsets.UTF_8);

        Map<String, String> env = new HashMap<>(environment);
        env.put("AS_JAVA", System.getProperty("java.home"));
        ServerProcess console = ServerProcess.start(
                List.of(
                        home.resolve("bin/asadmin").toString(),
                        "start-domain",
                        "--verbose",
                        "--domaindir",
                        domains.toString(),
                        "--prebootcommandfile",
                        preBoot.toString(),
                        "--postbootcommandfile",
                        postBoot.toString(),
                        "domain1"),
                env,
                workDir.resolve("console.log"));
        try {
            String result = console.awaitLine(DEPLOYED, BOOT);
            if (!result.equals("SUCCESS")) {
                throw new IllegalStateException("the post-boot deploy of drainkit-example.war: " + result + "\n  "
                        + String.join("\n  ", console.tail()));
            }
            // The domain JVM's pid, as Payara writes it for asadmin stop-domain.
            long pid = Long.parseLong(
                    Files.readString(domains.resolve("domain1/config/pid")).strip());
            ProcessHandle jvm = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .orElseThrow(() -> new IllegalStateException("the domain JVM (pid " + pid + ") is not running"));
            return new PayaraServerDomain(console, jvm, home, domains, http);
        } catch (RuntimeException | InterruptedException failed) {
            console.close();
            throw failed;
        }
    }

    @Override
    public String name() {
        return "Payara Server " + System.getProperty("drainkit.payara.version", "");
    }

    /** @return the example application's base URI, ending with {@code /} */
    @Override
    public URI application() {
        return URI.create("http://127.0.0.1:" + httpPort + "/drainkit-example/");
    }

    /** @return Payara's MicroProfile Health readiness, server-wide on the HTTP listener */
    @Override
    public URI readiness() {
        return URI.create("http://127.0.0.1:" + httpPort + "/health/ready");
    }

    /** @return {@code asadmin start-domain --verbose} and the domain's console */
    ServerProcess console() {
        return process();
    }

    /** @return the domain's own log file */
    Path serverLog() {
        return domains.resolve("domain1/logs/server.log");
    }

    /**
     * Stops the domain as an operator does, {@code asadmin stop-domain}, and waits for that command.
     *
     * @return its exit status, or empty if it did not end within {@code timeout}
     */
    OptionalInt stopDomain(Duration timeout) throws IOException, InterruptedException {
        try (ServerProcess stop = ServerProcess.start(
                List.of(
                        home.resolve("bin/asadmin").toString(),
                        "stop-domain",
                        "--domaindir",
                        domains.toString(),
                        "domain1"),
                Map.of("AS_JAVA", System.getProperty("java.home")),
                domains.resolveSibling("stop-domain.log"))) {
            return stop.awaitExit(timeout);
        }
    }
}
