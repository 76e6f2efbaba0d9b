package io.drainkit.example.liberty;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.ServerSocket;
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

import jakarta.json.Json;
import jakarta.json.JsonObject;

import io.drainkit.example.harness.Load;
import io.drainkit.example.harness.ServerProcess;

/**
 * The example server this module's build assembles ({@code target/liberty/wlp}, server {@code drainkit-example}),
 * started as a container would start it: {@code bin/server run} in the foreground, settings in the environment. The
 * script {@code exec}s the JVM, so the child process is the server JVM itself and {@link ServerProcess#sigterm()}
 * reaches it as the kubelet's SIGTERM would.
 */
final class LibertyServer {

    /** Liberty's "server is ready to run a smarter planet" line: applications started, ports open. */
    private static final Pattern STARTED = Pattern.compile("CWWKF0011I");
    private static final Duration START = Duration.ofSeconds(120);

    private final ServerProcess process;
    private final URI root;
    private final HttpClient http = Load.newClient();

    private LibertyServer(ServerProcess process, URI root) {
        this.process = process;
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
                .as("the server this module's build assembles (run the build to package phase first)").exists();
        int port = freeLoopbackPort();
        Map<String, String> environment = new HashMap<>(drainKit);
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        // server.xml's ${http.host} and ${http.port}: loopback only, for the test.
        environment.put("HTTP_HOST", "127.0.0.1");
        environment.put("HTTP_PORT", String.valueOf(port));
        // INFO on the console (Liberty's default there is AUDIT), so that DrainKit's DRAINKIT-00nn lines show.
        environment.put("WLP_LOGGING_CONSOLE_LOGLEVEL", "INFO");
        Files.createDirectories(log.getParent());
        ServerProcess process = ServerProcess.start(
                List.of(home.resolve("bin/server").toString(), "run", server), environment, log);
        LibertyServer started = new LibertyServer(process, URI.create("http://127.0.0.1:" + port + "/"));
        try {
            process.awaitLine(STARTED, START);
        } catch (RuntimeException | InterruptedException failed) {
            process.close();
            throw failed;
        }
        return started;
    }

    ServerProcess process() {
        return process;
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
        return ProcessHandle.of(process.pid()).flatMap(handle -> handle.info().command());
    }

    HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Liberty's own MicroProfile Health readiness, on the HTTP port, as the pod's readinessProbe sees it.
     *
     * @return the HTTP status, the overall status, and the {@code drainkit} check's status and data
     */
    Map<String, String> readiness() throws IOException, InterruptedException {
        HttpResponse<String> response = get(root.resolve("/health/ready"));
        JsonObject health = Json.createReader(new StringReader(response.body())).readObject();
        JsonObject check = health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("name").startsWith("drainkit:/")).findFirst()
                .orElseThrow(() -> new AssertionError("no drainkit check in /health/ready: " + response.body()));
        Map<String, String> values = new HashMap<>();
        values.put("httpStatus", String.valueOf(response.statusCode()));
        values.put("status", health.getString("status"));
        values.put("drainkit", check.getString("status"));
        check.getJsonObject("data").forEach((key, value) -> values.put(key, value.toString().replace("\"", "")));
        return values;
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
