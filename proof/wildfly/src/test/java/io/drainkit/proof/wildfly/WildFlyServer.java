// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.drainkit.proof.ProcessServer;
import io.drainkit.proof.ServerProcess;
import io.drainkit.proof.Timeline;

/**
 * The example WAR on a WildFly server of its own, started the way a container starts it: {@code standalone.sh -c
 * standalone-microprofile.xml} on the server the build unpacked and configured with {@code configure-drainkit.cli},
 * with {@code drainkit-example.war} in {@code deployments/} and DrainKit's settings in the environment; or, for the
 * example with messages, {@code -c standalone-full.xml} with {@code drainkit-example-messages.war}.
 *
 * <p>Each server gets a base directory of its own (a copy of {@code standalone/configuration}, its own deployments, data
 * and logs) and free loopback ports for HTTP, HTTPS and management, so tests never share state, whatever a run of the
 * unpacked server left behind, and never collide with another server on 8080/9990.
 * {@link #close()} kills the script and the server JVM it forked, if they still run.
 */
final class WildFlyServer extends ProcessServer {

    /** The system property naming the unpacked, configured server; set by the module's failsafe configuration. */
    static final String HOME_PROPERTY = "wildfly.home";
    /** The system property naming the example WAR; likewise. */
    static final String WAR_PROPERTY = "drainkit.example.war";
    /** The system property naming the example WAR with drainkit-wildfly in it; likewise. */
    static final String ADAPTER_WAR_PROPERTY = "drainkit.example.war.wildfly";
    /** The system property naming the example WAR with messages (an MDB), for standalone-full.xml; likewise. */
    static final String MESSAGES_WAR_PROPERTY = "drainkit.example.war.messages";

    /** The configuration with MicroProfile Config and Health: the example's. */
    private static final String MICROPROFILE = "standalone-microprofile.xml";
    /** The configuration with Jakarta Messaging and its embedded ActiveMQ Artemis, without MicroProfile. */
    static final String FULL = "standalone-full.xml";
    /** The example WAR's name, and its context path. */
    private static final String EXAMPLE = "drainkit-example";
    /** The example WAR with messages' name, and its context path. */
    private static final String MESSAGES = "drainkit-example-messages";

    /** The server's log lines worth showing: DrainKit's, and WildFly's suspend, undeploy and stop. */
    private static final Pattern SERVER_EVENTS = Pattern.compile("DRAINKIT-\\d+|WFLYSRV0272|WFLYSRV0220|WFLYSRV0211"
            + "|WFLYUT0022|WFLYUT0008|WFLYUT0007|WFLYSRV0028|WFLYSRV0050");
    /** WildFly's console prefix: time, level, thread, logger. */
    private static final Pattern SERVER_PREFIX = Pattern.compile("^[\\d:,]+\\s+\\w+\\s+\\[[^]]+]\\s+\\([^)]*\\)\\s+");

    private static final Pattern STARTED = Pattern.compile("(WFLYSRV002[56]: .*)");
    private static final String DEPLOYED = "WFLYSRV0010: Deployed ";

    private final int httpPort;
    private final int managementPort;
    private final Path baseDir;
    private final String configuration;
    private final String applicationName;

    private WildFlyServer(
            ServerProcess process,
            ProcessHandle jvm,
            int httpPort,
            int managementPort,
            Path baseDir,
            String configuration,
            String applicationName) {
        super(process, jvm);
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.baseDir = baseDir;
        this.configuration = configuration;
        this.applicationName = applicationName;
    }

    /**
     * Starts a server and waits until the example WAR is deployed, as {@code drainkit-example.war} and under each of
     * {@code moreApplications}' names.
     *
     * @param workDir          where its {@code standalone/} copy and log go (emptied first)
     * @param environment      DrainKit's settings ({@code DRAINKIT_*}); inherited ones are removed
     * @param moreApplications names of further copies of the example WAR (their context paths), if any
     * @return the running server
     * @throws IOException          if it cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     */
    static WildFlyServer start(Path workDir, Map<String, String> environment, String... moreApplications)
            throws IOException, InterruptedException {
        return startWar(WAR_PROPERTY, workDir, environment, moreApplications);
    }

    /**
     * Starts a server with one of the example WARs, deployed as {@code drainkit-example.war}, and waits until it is.
     *
     * @param warProperty      {@link #WAR_PROPERTY}, or {@link #ADAPTER_WAR_PROPERTY} for the WAR with drainkit-wildfly
     * @param workDir          where its {@code standalone/} copy and log go (emptied first)
     * @param environment      DrainKit's settings ({@code DRAINKIT_*}); inherited ones are removed
     * @param moreApplications names of further copies of that WAR to deploy next to it (their context paths)
     * @return the running server
     * @throws IOException          if it cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     */
    static WildFlyServer startWar(
            String warProperty, Path workDir, Map<String, String> environment, String... moreApplications)
            throws IOException, InterruptedException {
        return launch(MICROPROFILE, warProperty, EXAMPLE, workDir, environment, moreApplications);
    }

    /**
     * Starts a server on {@code standalone-full.xml} (Jakarta Messaging, its embedded ActiveMQ Artemis, no MicroProfile)
     * with the example WAR with messages, deployed as {@code drainkit-example-messages.war}, and waits until it is. Its
     * readiness is DrainKit's own {@code /drainkit/ready}.
     *
     * @param workDir     where its {@code standalone/} copy (the broker's journal with it) and log go (emptied first)
     * @param environment DrainKit's settings and the example's ({@code ORDERS_*}); inherited ones are removed
     * @return the running server
     * @throws IOException          if it cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     */
    static WildFlyServer startMessages(Path workDir, Map<String, String> environment)
            throws IOException, InterruptedException {
        return launch(FULL, MESSAGES_WAR_PROPERTY, MESSAGES, workDir, environment);
    }

    private static WildFlyServer launch(
            String configuration,
            String warProperty,
            String name,
            Path workDir,
            Map<String, String> environment,
            String... moreApplications)
            throws IOException, InterruptedException {
        Path home = Paths.get(ProcessServer.buildProperty(HOME_PROPERTY, "-Pwildfly -pl proof/wildfly"));
        Path warFile = Paths.get(ProcessServer.buildProperty(warProperty, "-Pwildfly -pl proof/wildfly"));
        Path baseDir = WildFlyBaseDirectory.create(home, workDir, configuration, warFile, wars(name, moreApplications));

        int http = ProcessServer.freeLoopbackPort();
        int https = ProcessServer.freeLoopbackPort();
        int management = ProcessServer.freeLoopbackPort();
        Map<String, String> env = new HashMap<>(environment);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // As the official WildFly image sets it: standalone.sh then relays SIGTERM to the JVM it forks.
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        List<String> command = List.of(
                home.resolve("bin/standalone.sh").toString(),
                "-c",
                configuration,
                "-b",
                "127.0.0.1",
                "-bmanagement",
                "127.0.0.1",
                "-Djboss.server.base.dir=" + baseDir,
                "-Djboss.http.port=" + http,
                "-Djboss.https.port=" + https,
                "-Djboss.management.http.port=" + management);

        ServerProcess process = ServerProcess.start(command, env, workDir.resolve("server.log"));
        try {
            String started = process.awaitLine(STARTED, Duration.ofSeconds(120));
            for (String war : wars(name, moreApplications)) {
                if (process.output().stream().noneMatch(line -> line.contains(DEPLOYED + "\"" + war + "\""))) {
                    throw new IllegalStateException("WildFly started without deploying " + war + ": " + started + "\n  "
                            + String.join("\n  ", process.tail()));
                }
            }
            ProcessHandle jvm = process.descendant(line -> line.contains("jboss-modules.jar"))
                    .orElseThrow(() -> new IllegalStateException("no WildFly JVM among the children of standalone.sh"));
            return new WildFlyServer(process, jvm, http, management, baseDir, configuration, name);
        } catch (RuntimeException | InterruptedException failed) {
            process.close();
            throw failed;
        }
    }

    /**
     * Runs a management operation with {@code jboss-cli.sh}, as an operator would ({@code :suspend}, {@code :shutdown}).
     *
     * @param command the CLI command
     * @return the CLI's output
     * @throws IOException          if the CLI cannot be run or fails
     * @throws InterruptedException if interrupted while waiting for it
     */
    String cli(String command) throws IOException, InterruptedException {
        Path home = Paths.get(ProcessServer.buildProperty(HOME_PROPERTY, "-Pwildfly -pl proof/wildfly"));
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/jboss-cli.sh").toString(),
                        "--connect",
                        "--controller=127.0.0.1:" + managementPort,
                        "--command=" + command)
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process cli = builder.start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!cli.waitFor(60, TimeUnit.SECONDS) || cli.exitValue() != 0) {
            cli.destroyForcibly();
            throw new IOException("jboss-cli " + command + " failed: " + output);
        }
        return output;
    }

    /** @return a timeline that shows DrainKit's lines and WildFly's suspend, undeploy and stop from its output */
    static Timeline timeline() {
        return new Timeline(SERVER_EVENTS, SERVER_PREFIX);
    }

    @Override
    public String name() {
        return "WildFly "
                + Paths.get(ProcessServer.buildProperty(HOME_PROPERTY, "-Pwildfly -pl proof/wildfly"))
                        .getFileName()
                        .toString()
                        .replace("wildfly-", "");
    }

    /** @return the example application's base URI, ending with {@code /} */
    @Override
    public URI application() {
        return application(applicationName);
    }

    /**
     * @param name the name the WAR was deployed under
     * @return that application's base URI, ending with {@code /}
     */
    URI application(String name) {
        return URI.create("http://127.0.0.1:" + httpPort + "/" + name + "/");
    }

    private static List<String> wars(String name, String... moreApplications) {
        List<String> wars = new ArrayList<>(List.of(name + ".war"));
        for (String application : moreApplications) {
            wars.add(application + ".war");
        }
        return wars;
    }

    /**
     * @return WildFly's MicroProfile Health readiness endpoint, on the management interface; on
     *     {@code standalone-full.xml}, which has no MicroProfile Health, DrainKit's own {@code /drainkit/ready}
     */
    @Override
    public URI readiness() {
        return configuration.equals(FULL)
                ? application().resolve("drainkit/ready")
                : URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    }

    /** @return the server's own log file */
    Path serverLog() {
        return baseDir.resolve("log/server.log");
    }
}
