// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import io.drainkit.proof.Load;
import io.drainkit.proof.ProcessServer;
import io.drainkit.proof.ServerProcess;
import io.drainkit.proof.Timeline;

/**
 * The example server this module's build assembles ({@code target/liberty/wlp}, server {@code drainkit-example}),
 * started as a container would start it: {@code bin/server run} in the foreground, settings in the environment. The
 * script {@code exec}s the JVM, so the child process is the server JVM itself and {@link ServerProcess#sigterm()}
 * reaches it as the kubelet's SIGTERM would.
 */
final class LibertyServer extends ProcessServer {

    /** Liberty's "server is ready to run a smarter planet" line: applications started, ports open. */
    private static final Pattern STARTED = Pattern.compile("CWWKF0011I");

    private static final Duration START = Duration.ofSeconds(120);

    /** What timelines show of the console: Liberty's stop milestones, and DrainKit's lines. */
    private static final Pattern SERVER_EVENTS =
            Pattern.compile("CWWKE0085I|CWWKO0220I|CWWKT0017I|CWWKE1101I|CWWKZ0009I|CWWKE0036I|DRAINKIT-\\d+");
    /** Liberty's console prefix: {@code [time] thread-id}. */
    private static final Pattern SERVER_PREFIX = Pattern.compile("^\\[[^]]*]\\s+\\S+\\s+");

    private final URI root;
    private final HttpClient http = Load.newClient();

    private LibertyServer(ServerProcess process, URI root) {
        super(process);
        this.root = root;
    }

    /**
     * Starts the server on 127.0.0.1 and a free port, and waits until it is ready.
     *
     * @param drainKit the {@code DRAINKIT_*} variables
     * @param log      where the server's console goes
     */
    static LibertyServer start(Map<String, String> drainKit, Path log) throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("drainkit.liberty.home"));
        String server = System.getProperty("drainkit.liberty.server");
        assertThat(home.resolve("usr/servers/" + server + "/apps/drainkit-example.war"))
                .as("the server this module's build assembles (run the build to package phase first)")
                .exists();
        int port = ProcessServer.freeLoopbackPort();
        Map<String, String> environment = new HashMap<>(drainKit);
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        // server.xml's ${http.host} and ${http.port}: loopback only, for the test.
        environment.put("HTTP_HOST", "127.0.0.1");
        environment.put("HTTP_PORT", String.valueOf(port));
        // INFO on the console (Liberty's default there is AUDIT), so that DrainKit's DRAINKIT-00nn lines show.
        environment.put("WLP_LOGGING_CONSOLE_LOGLEVEL", "INFO");
        Files.createDirectories(log.getParent());
        ServerProcess process =
                ServerProcess.start(List.of(home.resolve("bin/server").toString(), "run", server), environment, log);
        LibertyServer started = new LibertyServer(process, URI.create("http://127.0.0.1:" + port + "/"));
        try {
            process.awaitLine(STARTED, START);
        } catch (RuntimeException | InterruptedException failed) {
            process.close();
            throw failed;
        }
        return started;
    }

    /** @return a timeline that shows Liberty's stop milestones and DrainKit's lines from the console */
    static Timeline timeline() {
        return new Timeline(SERVER_EVENTS, SERVER_PREFIX);
    }

    @Override
    public String name() {
        return "Open Liberty " + System.getProperty("drainkit.liberty.version", "");
    }

    @Override
    public URI application() {
        return app();
    }

    /** @return Liberty's own MicroProfile Health readiness, on the HTTP port, as the pod's readinessProbe sees it */
    @Override
    public URI readiness() {
        return root.resolve("/health/ready");
    }

    /** @return {@code http://127.0.0.1:<port>/} */
    URI root() {
        return root;
    }

    /** @return the example application's base, {@code http://127.0.0.1:<port>/drainkit-example/} */
    URI app() {
        return root.resolve("/drainkit-example/");
    }

    /** @return the command the child process runs now: after {@code exec}, the JVM, not the shell script */
    Optional<String> command() {
        return ProcessHandle.of(process().pid()).flatMap(handle -> handle.info().command());
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
