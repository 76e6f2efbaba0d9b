// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.embedded;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.PodTermination;
import io.drainkit.proof.PodTerminationOutcome;
import io.drainkit.proof.Timeline;

/**
 * Watch DrainKit take a server out of rotation without failing a request: the {@link PodTermination} scenario, the one
 * every runtime's end-to-end test runs, on the embedded example (delay 3 s, deadline 15 s, the preStop endpoint on
 * with a random token), printed as it happens.
 *
 * <p>Exits 1 if any request sent while the server was meant to serve failed, or if the server did not exit 0.
 */
public final class DrainDemo {

    static final DrainKitSettings SETTINGS = DrainKitSettings.of(Duration.ofSeconds(3), Duration.ofSeconds(15));
    /** Slow requests of 4.5 and 5.5 s: the drain waits for them after the 3 s delay. */
    static final PodTermination.Traffic TRAFFIC = new PodTermination.Traffic(
            4, "work?ms=200", List.of(4_500, 5_500), PodTermination.LOAD_BALANCER_LAG, Optional.empty());
    /** DrainKit's lines, the example's own, Jetty's connector stopping, Weld shutting down, and any warning. */
    static final Pattern SERVER_EVENTS =
            Pattern.compile("DRAINKIT-\\d+|:id\\.example:|Stopped ServerConnector|WELD-ENV-002001|:(WARN|ERROR)\\s*:");
    /** The example's log format: {@code 2026-12-01 18:39:05.123:INFO :logger:thread: message}. */
    static final Pattern SERVER_PREFIX = Pattern.compile("^\\d{4}-\\d\\d-\\d\\d [\\d:.]+:\\w+\\s*:[^:]+:[^:]+: ");

    private final PrintStream out;
    private final Path logDirectory;

    DrainDemo(PrintStream out, Path logDirectory) {
        this.out = out;
        this.logDirectory = logDirectory;
    }

    /**
     * @param args optionally, the directory for the server's log (default: a new one in the temporary directory)
     * @throws Exception if the demo itself breaks
     */
    public static void main(String[] args) throws Exception {
        Path logs = args.length > 0 ? Paths.get(args[0]) : Files.createTempDirectory("drainkit-demo");
        System.exit(new DrainDemo(System.out, logs).run());
    }

    /**
     * Runs the demo.
     *
     * @return 0 if no request failed and the server exited 0, else 1
     * @throws Exception if the demo itself breaks
     */
    int run() throws Exception {
        Timeline timeline = new Timeline(SERVER_EVENTS, SERVER_PREFIX, out);
        timeline.line("DrainKit demo: embedded Jetty 12 + Weld SE, drained by its preStop endpoint, then SIGTERM");
        timeline.line("  server: DRAINKIT_DELAY=3s DRAINKIT_TIMEOUT=15s DRAINKIT_PRESTOP_ENABLED=true"
                + " DRAINKIT_PRESTOP_TOKEN=<random>; log: " + logDirectory.resolve("server.log"));
        timeline.line("  load:   " + TRAFFIC.clients() + " keep-alive clients on GET /" + TRAFFIC.work()
                + ", slow requests of " + TRAFFIC.slowMillis() + " ms; the simulated load balancer stops routing "
                + TRAFFIC.loadBalancerLag().toSeconds() + " s after readiness DOWN");
        timeline.line("");
        Files.createDirectories(logDirectory);
        try (EmbeddedJetty server = EmbeddedJetty.start(SETTINGS.environment(), logDirectory)) {
            PodTerminationOutcome outcome = new PodTermination(server, SETTINGS, TRAFFIC, timeline).run();
            outcome.printFigures(timeline);
            if (!outcome.problems().isEmpty()) {
                timeline.line("The end of the server's output (all of it is in " + logDirectory.resolve("server.log")
                        + "):\n  " + String.join("\n  ", server.process().tail()));
                return 1;
            }
            return 0;
        }
    }
}
