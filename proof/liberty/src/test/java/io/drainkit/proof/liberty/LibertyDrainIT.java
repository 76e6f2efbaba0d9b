// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.Exchange;
import io.drainkit.proof.Load;
import io.drainkit.proof.PodTermination;
import io.drainkit.proof.PodTerminationOutcome;
import io.drainkit.proof.Readiness;
import io.drainkit.proof.Timeline;
import io.drainkit.proof.Verdict;

/**
 * The example on Open Liberty, taken out of service the two ways Kubernetes can do it, with keep-alive load on it:
 * the preStop hook then SIGTERM (what the example's manifests do), and SIGTERM alone.
 *
 * <p>Liberty stops listening the moment SIGTERM arrives and waits (up to 30 s) for the requests in flight before it
 * stops the application: only a preStop drain can turn readiness DOWN and ask keep-alive clients to reconnect while
 * the server still accepts connections. Each test prints its timeline and figures (into failsafe's report) and
 * writes them, with the server's console, to {@code target/e2e/}.
 */
class LibertyDrainIT {

    private static final Duration DELAY = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The pod's terminationGracePeriodSeconds in this test: DrainKit checks that TIMEOUT + 5 s fits. */
    private static final Duration GRACE_PERIOD = Duration.ofSeconds(25);

    private static final int CLIENTS = 4;
    private static final String WORK = "work?ms=200";
    private static final List<Integer> SLOW_MS = List.of(4000, 5000);
    /**
     * Without a preStop call nothing tells the load balancers before SIGTERM: they learn that the pod's endpoint is
     * gone when kube-proxy, the ingress or the cloud load balancer catch up, seconds later.
     */
    private static final Duration ENDPOINT_REMOVAL_LAG = Duration.ofSeconds(3);

    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(100);
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of(System.getProperty("drainkit.liberty.logs", "target/e2e"));

    /**
     * Liberty's stop, in order: stopping because the JVM exits, listener closed, application removed from the virtual
     * host, quiesce complete (requests in flight done), application stopped, server stopped.
     */
    private static final Pattern LIBERTY_MILESTONE =
            Pattern.compile("CWWKE0085I|CWWKO0220I|CWWKT0017I|CWWKE1101I|CWWKZ0009I|CWWKE0036I");

    private final Timeline timeline = LibertyServer.timeline();
    private final Map<String, Long> milestones = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "e2e-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private LibertyServer server;
    private Load load;

    @BeforeEach
    void noServerFromAnEarlierRun() {
        // A server with the same name still running would make this one fail to start, or be tested instead.
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info()
                        .commandLine()
                        .orElse("")
                        .matches(".*ws-server\\.jar.*\\b" + System.getProperty("drainkit.liberty.server") + "\\b.*")))
                .as("a drainkit-example Liberty server is already running")
                .isEmpty();
    }

    @AfterEach
    void stopEverything() {
        scheduler.shutdownNow();
        if (load != null) {
            load.stopSending();
        }
        if (server != null) {
            server.process().close();
        }
    }

    /**
     * Verifies the pod termination scenario ({@link PodTermination}) on Liberty: readiness DOWN on its own
     * /health/ready, Connection: close during the delay, the preStop call answering once the slow requests are done,
     * SIGTERM then stopping the JVM, and no request failed; DrainKit drained once, by the preStop call.
     */
    @Test
    void preStopDrainsThenSigtermStopsTheServer() throws Exception {
        DrainKitSettings settings =
                DrainKitSettings.of(DELAY, TIMEOUT).with("DRAINKIT_GRACE_PERIOD", seconds(GRACE_PERIOD));
        server = LibertyServer.start(settings.environment(), LOGS.resolve("prestop-then-sigterm-server.log"));
        assertThat(server.command())
                .as("the child process is the server JVM itself (bin/server run execs java),"
                        + " so SIGTERM reaches it")
                .hasValueSatisfying(command -> assertThat(command).endsWith("/java"));
        Timeline scenario = LibertyServer.timeline();
        PodTerminationOutcome outcome =
                new PodTermination(server, settings, PodTermination.Traffic.standard(), scenario).run();
        outcome.printFigures(scenario);
        scenario.writeTo(LOGS.resolve("prestop-then-sigterm.txt"));
        Verdict.assertNoProblems(outcome.problems(), server.process().tail());
        assertThat(server.process().output())
                .as("the server's console")
                .anyMatch(line -> line.contains("DRAINKIT-0001 Drain started by PRESTOP"))
                .noneMatch(line -> line.contains("Drain started by CONTAINER_SHUTDOWN"));
    }

    /**
     * Measures what Liberty does on SIGTERM without a preStop call, under keep-alive load: verifies that the
     * requests in flight at SIGTERM still complete with 200 and that the server exits, and records what happens to
     * the requests sent after SIGTERM (the load balancer still sends for a few seconds).
     */
    @Test
    void sigtermWithoutPreStopLetsInFlightRequestsFinish() throws Exception {
        server = LibertyServer.start(
                Map.of(
                        "DRAINKIT_DELAY", seconds(DELAY),
                        "DRAINKIT_TIMEOUT", seconds(TIMEOUT)),
                LOGS.resolve("sigterm-only-server.log"));
        watchServer();
        List<CompletableFuture<Exchange>> slow = startLoad();
        load.pauseAfterFailure(PAUSE_AFTER_FAILURE);
        AtomicBoolean firstFailure = new AtomicBoolean();
        load.onExchange(exchange -> {
            if (!exchange.ok() && firstFailure.compareAndSet(false, true)) {
                timeline.event(
                        exchange.doneNanos(),
                        "client",
                        "first failed request, sent at "
                                + String.format("%+.3f s", timeline.seconds(exchange.sentNanos())) + ": "
                                + (exchange.error() != null ? exchange.error() : "status " + exchange.status()));
            }
        });

        long sigterm = timeline.start("SIGTERM to pid " + server.process().pid() + ", no preStop call ("
                + load.inFlight() + " request(s) in flight)");
        server.sigterm();
        scheduler.schedule(
                () -> {
                    load.stopSending();
                    timeline.event(
                            "lb",
                            "the load balancer has noticed (" + ENDPOINT_REMOVAL_LAG.toSeconds()
                                    + " s after SIGTERM): no new requests from here on");
                },
                ENDPOINT_REMOVAL_LAG.toMillis(),
                TimeUnit.MILLISECONDS);

        OptionalInt exit = server.process().awaitExit(EXIT);
        long exited = System.nanoTime();
        timeline.event(exited, "server", exit.isPresent() ? "exited with " + exit.getAsInt() : "still running");
        boolean clientsDone = load.awaitClients(Load.REQUEST_TIMEOUT);

        List<Exchange> exchanges = load.exchanges();
        List<Exchange> inFlightAtSigterm = exchanges.stream()
                .filter(e -> e.sentNanos() < sigterm && e.doneNanos() > sigterm)
                .toList();
        List<Exchange> afterSigterm =
                exchanges.stream().filter(e -> e.sentNanos() >= sigterm).toList();
        List<Exchange> slowDone = slow.stream().map(CompletableFuture::join).toList();
        timeline.figure(
                "requests sent",
                exchanges.size() + " (" + CLIENTS + " keep-alive clients on /" + WORK + ", " + SLOW_MS.size()
                        + " slow)");
        timeline.figure(
                "in flight at SIGTERM",
                inFlightAtSigterm.size() + ", failed: "
                        + inFlightAtSigterm.stream().filter(e -> !e.ok()).count()
                        + describe(
                                inFlightAtSigterm.stream().filter(e -> !e.ok()).toList()));
        timeline.figure(
                "slow requests",
                slowDone.stream()
                        .map(e -> e.status() + " after " + (e.doneNanos() - e.sentNanos()) / 1_000_000 + " ms")
                        .collect(Collectors.joining(", ")));
        List<Exchange> failedAfterSigterm =
                afterSigterm.stream().filter(e -> !e.ok()).toList();
        timeline.figure(
                "sent after SIGTERM",
                afterSigterm.size() + ": "
                        + afterSigterm.stream().filter(Exchange::ok).count() + " answered 200, "
                        + failedAfterSigterm.size()
                        + " failed (a client pauses " + PAUSE_AFTER_FAILURE.toMillis() + " ms after a failure)");
        if (!failedAfterSigterm.isEmpty()) {
            timeline.figure(
                    "failures after SIGTERM",
                    failedAfterSigterm.stream()
                                    .collect(Collectors.groupingBy(
                                            e -> e.error() == null
                                                    ? "status " + e.status()
                                                    : e.error().replaceFirst(":.*", ""),
                                            Collectors.counting()))
                            + String.format(
                                    ", sent from %+.3f s to %+.3f s",
                                    timeline.seconds(failedAfterSigterm.get(0).sentNanos()),
                                    timeline.seconds(failedAfterSigterm
                                            .get(failedAfterSigterm.size() - 1)
                                            .sentNanos())));
        }
        timeline.figure(
                "SIGTERM to exit",
                String.format(
                        "%.3f s, exit status %s",
                        (exited - sigterm) / 1e9, exit.isPresent() ? exit.getAsInt() : "none"));
        timeline.figure(
                "listener closed after SIGTERM",
                String.format("%.3f s", timeline.seconds(milestones.getOrDefault("CWWKO0220I", sigterm))));
        long quiesced = milestones.getOrDefault("CWWKE1101I", Long.MAX_VALUE);
        long appStopped = milestones.getOrDefault("CWWKZ0009I", Long.MAX_VALUE);
        timeline.figure(
                "quiesce complete to app stopped",
                String.format(
                        "%.3f s (DrainKit's shutdown drain; its" + " delay is %s)",
                        (appStopped - quiesced) / 1e9, seconds(DELAY)));
        timeline.figure(
                "DrainKit's lines after SIGTERM",
                server.process().output().stream()
                                .filter(line -> line.contains("DRAINKIT-000"))
                                .count() + " on the console");
        timeline.writeTo(LOGS.resolve("sigterm-only.txt"));

        assertThat(slowDone)
                .as("the slow requests in flight at SIGTERM")
                .allSatisfy(e -> assertThat(e.ok()).as("%s", e).isTrue());
        assertThat(inFlightAtSigterm)
                .as("every request in flight at SIGTERM")
                .allSatisfy(e -> assertThat(e.ok()).as("%s", e).isTrue());
        assertThat(exit)
                .as(
                        "exit status after SIGTERM; the end of the server's output:\n%s",
                        String.join("\n", server.process().tail()))
                .isPresent();
        assertThat(milestones).as("Liberty's stop messages on the console").containsKeys("CWWKE1101I", "CWWKZ0009I");
        assertThat(appStopped - quiesced)
                .as(
                        "from Liberty's quiesce to the application stopped: DrainKit's shutdown"
                                + " drain starts after Liberty took the application out of service, so it skips the delay (%s)",
                        seconds(DELAY))
                .isBetween(0L, DELAY.toNanos() / 2);
        assertThat(clientsDone).as("every client stopped").isTrue();
    }

    /** Starts the keep-alive clients and, after a warm-up, the slow requests; returns once those are in flight. */
    private List<CompletableFuture<Exchange>> startLoad() {
        load = new Load(server.app());
        load.startClients(CLIENTS, WORK, 2_000, Duration.ofSeconds(90));
        await("warm-up: 20 requests answered")
                .atMost(Duration.ofSeconds(20))
                .until(() -> load.exchanges().size() >= 20);
        List<CompletableFuture<Exchange>> slow =
                SLOW_MS.stream().map(ms -> load.sendOne("work?ms=" + ms)).toList();
        await("the slow requests are in flight")
                .atMost(Duration.ofSeconds(10))
                .pollDelay(Duration.ofMillis(100))
                .until(() -> Readiness.ask(server.readiness()).inFlight() >= SLOW_MS.size());
        timeline.event(
                "test",
                "warm-up: " + load.exchanges().size() + " requests answered; slow requests under way: "
                        + SLOW_MS.stream().map(ms -> "/work?ms=" + ms).collect(Collectors.joining(", ")));
        return slow;
    }

    /**
     * Puts the server's Liberty and DrainKit milestones on the timeline as they are printed, and remembers when each
     * Liberty message id was first seen.
     */
    private void watchServer() {
        server.process().onLine(timeline::serverLine);
        server.process().onLine(line -> {
            long now = System.nanoTime();
            Matcher id = LIBERTY_MILESTONE.matcher(line);
            if (id.find()) {
                milestones.putIfAbsent(id.group(), now);
            }
        });
    }

    private static String describe(List<Exchange> failed) {
        return failed.isEmpty()
                ? ""
                : failed.stream()
                        .limit(5)
                        .map(e -> e.path() + " " + (e.error() != null ? e.error() : "status " + e.status()))
                        .collect(Collectors.joining("; ", " (", failed.size() > 5 ? "; ...)" : ")"));
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
