package io.drainkit.proof.payara.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.drainkit.proof.ServerProcess;
import io.drainkit.proof.ServerUnderTest;
import io.drainkit.proof.ServerDirectory;

/**
 * The example WAR on a Payara Server domain of its own, started the way the official image starts it: the domain JVM
 * in the foreground ({@code asadmin start-domain --verbose}), {@code drainkit.asadmin} as pre-boot commands, the WAR
 * deployed by a post-boot command, DrainKit's settings in the environment (they reach the domain JVM).
 *
 * <p>Each domain is a fresh copy of the distribution's {@code domain1} in the test's own directory, listening on
 * 127.0.0.1 only, on free ports ({@code loopback.asadmin}, applied after {@code drainkit.asadmin}).
 * {@link #close()} kills asadmin and the domain JVM, if they still run.
 */
final class PayaraServerDomain implements ServerUnderTest {

    private static final Pattern DEPLOYED = Pattern.compile("Boot Command deploy returned with result (\\w+)");
    private static final Duration BOOT = Duration.ofSeconds(180);

    private final ServerProcess console;
    private final ProcessHandle jvm;
    private final Path home;
    private final Path domains;
    private final int httpPort;

    private PayaraServerDomain(ServerProcess console, ProcessHandle jvm, Path home, Path domains, int httpPort) {
        this.console = console;
        this.jvm = jvm;
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
        Path home = Paths.get(property("payara.home"));
        Path domains = workDir.resolve("domains");
        ServerDirectory.delete(workDir);
        ServerDirectory.copy(home.resolve("glassfish/domains/domain1"), domains.resolve("domain1"));

        int http = freePort();
        String loopback = Files.readString(Paths.get(property("drainkit.example.loopback")))
                .replace("HTTP_PORT", String.valueOf(http)).replace("ADMIN_PORT", String.valueOf(freePort()));
        Path preBoot = workDir.resolve("pre-boot.asadmin");
        Files.writeString(preBoot, Files.readString(Paths.get(property("drainkit.example.asadmin"))) + loopback);
        Path postBoot = workDir.resolve("post-boot.asadmin");
        Files.writeString(postBoot, "deploy " + property("drainkit.example.war") + "\n", StandardCharsets.UTF_8);

        Map<String, String> env = new HashMap<>(environment);
        env.put("AS_JAVA", System.getProperty("java.home"));
        ServerProcess console = ServerProcess.start(List.of(home.resolve("bin/asadmin").toString(), "start-domain",
                "--verbose", "--domaindir", domains.toString(), "--prebootcommandfile", preBoot.toString(),
                "--postbootcommandfile", postBoot.toString(), "domain1"), env, workDir.resolve("console.log"));
        try {
            String result = console.awaitLine(DEPLOYED, BOOT);
            if (!result.equals("SUCCESS")) {
                throw new IllegalStateException("the post-boot deploy of drainkit-example.war: " + result + "\n  "
                        + String.join("\n  ", console.tail()));
            }
            // The domain JVM's pid, as Payara writes it for asadmin stop-domain.
            long pid = Long.parseLong(Files.readString(domains.resolve("domain1/config/pid")).strip());
            ProcessHandle jvm = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .orElseThrow(() -> new IllegalStateException("the domain JVM (pid " + pid + ") is not running"));
            return new PayaraServerDomain(console, jvm, home, domains, http);
        } catch (RuntimeException | InterruptedException failed) {
            console.close();
            throw failed;
        }
    }

    /** @return the example application's base URI, ending with {@code /} */
    @Override
    public String name() {
        return "Payara Server " + System.getProperty("drainkit.payara.version", "");
    }

    @Override
    public ServerProcess process() {
        return console;
    }

    /** SIGTERM to the domain JVM, not to {@code asadmin start-domain --verbose}. */
    @Override
    public void sigterm() {
        jvm.destroy();
    }

    /** @return the console's ({@code asadmin start-domain}) exit status, once the domain JVM has exited */
    @Override
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        try {
            jvm.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException stillRunning) {
            return OptionalInt.empty();
        }
        return console.awaitExit(Duration.ofSeconds(10));
    }

    @Override
    public URI application() {
        return URI.create("http://127.0.0.1:" + httpPort + "/drainkit-example/");
    }

    /** @return Payara's MicroProfile Health readiness, server-wide on the HTTP listener */
    @Override
    public URI readiness() {
        return URI.create("http://127.0.0.1:" + httpPort + "/health/ready");
    }

    /** @return the domain JVM, which asadmin runs in the foreground: the process a pod's SIGTERM reaches */
    ProcessHandle jvm() {
        return jvm;
    }

    /** @return asadmin, with the domain's console output (every log record, as the container log has it) */
    ServerProcess console() {
        return console;
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
        try (ServerProcess stop = ServerProcess.start(List.of(home.resolve("bin/asadmin").toString(), "stop-domain",
                "--domaindir", domains.toString(), "domain1"), Map.of("AS_JAVA", System.getProperty("java.home")),
                domains.resolveSibling("stop-domain.log"))) {
            return stop.awaitExit(timeout);
        }
    }

    @Override
    public void close() {
        console.close();
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run these tests through Maven"
                    + " (./mvnw verify -Ppayara-server -pl examples/payara-server -am), which unpacks Payara Server");
        }
        return value;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
