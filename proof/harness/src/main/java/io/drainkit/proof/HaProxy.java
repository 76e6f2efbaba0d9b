// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * HAProxy as a test's load balancer, on loopback: a configuration written for the run (one frontend on 127.0.0.1,
 * one round-robin backend whose servers an active HTTP health check watches), HAProxy in the foreground as a
 * {@link ServerProcess}, and what its log says ({@link HaProxyLog}): which server got each connection or request,
 * and when a server was marked UP or DOWN.
 *
 * <p>Nothing in the configuration hides a failed request: {@code retries 0} and no {@code option redispatch}, so a
 * request that reaches a server unable to answer fails as its client sees it, and HAProxy keeps sending to a server
 * until its health check marks it DOWN.
 *
 * <p>Thread-safe: the log is read on the process's output thread.
 */
public final class HaProxy implements AutoCloseable {

    /** How HAProxy balances: per connection, or per request. */
    public enum Mode {
        /**
         * Layer 4, like kube-proxy: a client's connection is joined to one server for its whole life, so only the
         * server's {@code Connection: close} moves a keep-alive client elsewhere.
         */
        TCP,
        /**
         * Layer 7, like an ingress controller: HAProxy keeps its own keep-alive connections to the clients and to the
         * servers, and picks a server for every request.
         */
        HTTP,
        /**
         * {@link #HTTP}, with HTTP/2 to the servers: h2c with prior knowledge ({@code proto h2} on each server line),
         * as a load balancer that speaks HTTP/2 to its backends. A server's {@code Connection: close} means nothing
         * there; only a GOAWAY moves HAProxy's connections.
         */
        HTTP2;

        String keyword() {
            return this == TCP ? "tcp" : "http";
        }
    }

    /** The log tag of HAProxy's traffic lines, which {@link HaProxyConfig} writes into its log format. */
    static final String TRAFFIC = "lb-traffic";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int BIND_ATTEMPTS = 3;

    private final ServerProcess process;
    private final URI uri;
    private final Path adminSocket;
    private final HaProxyLog log = new HaProxyLog();

    private HaProxy(ServerProcess process, URI uri, Path adminSocket) {
        this.process = process;
        this.uri = uri;
        this.adminSocket = adminSocket;
        // Nothing worth recording can have been printed yet: the clients start after start() returns, and a state
        // change needs a health check first.
        process.onLine(log::record);
    }

    /**
     * Starts HAProxy on a free loopback port and waits until its health check has passed on every server.
     *
     * @param haproxy   the executable (see {@link RequiredCommand})
     * @param config    what to run
     * @param directory where {@code haproxy.cfg} and {@code haproxy.log} go
     * @return the running load balancer
     * @throws IOException          if it cannot be started
     * @throws InterruptedException if interrupted while waiting
     */
    public static HaProxy start(Path haproxy, HaProxyConfig config, Path directory)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path cfg = directory.resolve("haproxy.cfg");
        // A UNIX socket's path is limited to about 100 bytes, which the build directory can exceed.
        Path adminSocket = Files.createTempDirectory("drainkit-haproxy").resolve("admin.sock");
        IllegalStateException failed = null;
        for (int attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
            // A free port can be taken by someone else before HAProxy binds it: then try another.
            int port = freePort();
            Files.writeString(cfg, config.render(port, adminSocket), StandardCharsets.UTF_8);
            ServerProcess process = ServerProcess.start(
                    List.of(haproxy.toString(), "-db", "-f", cfg.toString()),
                    Map.of(),
                    directory.resolve("haproxy.log"));
            HaProxy started = new HaProxy(process, URI.create("http://127.0.0.1:" + port), adminSocket);
            try {
                for (String server : config.servers().keySet()) {
                    process.awaitLine(
                            Pattern.compile("Health check for server be/" + Pattern.quote(server) + " succeeded"),
                            START_TIMEOUT);
                }
                return started;
            } catch (IllegalStateException | InterruptedException notStarted) {
                started.close();
                if (notStarted instanceof InterruptedException) {
                    throw (InterruptedException) notStarted;
                }
                failed = (IllegalStateException) notStarted;
                if (!String.join("\n", process.output()).contains("cannot bind socket")) {
                    break;
                }
            }
        }
        throw new IllegalStateException("HAProxy did not start with " + cfg + ": " + failed.getMessage(), failed);
    }

    /** @return where clients send their requests: {@code http://127.0.0.1:PORT} */
    public URI uri() {
        return uri;
    }

    /**
     * Takes a server out of the backend at once, through the runtime API ({@code disable server}): HAProxy sends it no
     * new connection or request from now on, and leaves those it has alone, as kube-proxy does when an endpoint is
     * removed.
     *
     * @param server a server's name
     * @throws IOException if the runtime API cannot be reached or refuses the command
     */
    public void disable(String server) throws IOException {
        HaProxyRuntimeApi.change(adminSocket, "disable server be/" + server);
    }

    /**
     * Points a server at another address, through the runtime API, as an endpoint of a Service moves to a new pod: its
     * traffic and its health check go there from now on, and it is UP again once a check passes there.
     *
     * @param server    a server's name
     * @param backend   where it serves and is checked now
     * @throws IOException if the runtime API cannot be reached or refuses a command
     */
    public void move(String server, HaProxyConfig.Backend backend) throws IOException {
        HaProxyRuntimeApi.change(
                adminSocket,
                "set server be/" + server + " addr " + backend.host() + " port " + backend.port(),
                "set server be/" + server + " check-port " + backend.checkPort());
    }

    /** @return the process, for its output */
    public ServerProcess process() {
        return process;
    }

    /** @return what HAProxy's log has said so far: the traffic each server got, and when it was marked UP or DOWN */
    public HaProxyLog log() {
        return log;
    }

    /**
     * Waits until HAProxy has sent a server some traffic.
     *
     * @param server  its name
     * @param timeout how long at most
     * @throws IllegalStateException if it got none in time
     * @throws InterruptedException  if interrupted while waiting
     */
    public void awaitTraffic(String server, Duration timeout) throws InterruptedException {
        process.awaitLine(Pattern.compile("^" + TRAFFIC + " server=" + Pattern.quote(server) + " "), timeout);
    }

    /**
     * Stops HAProxy (SIGTERM, then SIGKILL if it is still running after a few seconds).
     *
     * @return its exit status, if it exited on SIGTERM
     */
    public OptionalInt stop() {
        process.sigterm();
        try {
            return process.awaitExit(STOP_TIMEOUT);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } finally {
            process.close();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        process.close();
        try {
            Files.deleteIfExists(adminSocket);
            Files.deleteIfExists(adminSocket.getParent());
        } catch (IOException leftBehind) {
            // an empty directory in /tmp; nothing depends on it
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
