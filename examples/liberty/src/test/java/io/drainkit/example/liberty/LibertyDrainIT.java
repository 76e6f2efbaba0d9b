package io.drainkit.example.liberty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
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

import io.drainkit.example.harness.Load;
import io.drainkit.example.harness.Load.Exchange;

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
    /** How long after readiness DOWN the simulated load balancer stops sending. */
    private static final Duration LOAD_BALANCER_LAG = Duration.ofSeconds(1);
    /**
     * Without a preStop call nothing tells the load balancers before SIGTERM: they learn that the pod's endpoint is
     * gone when kube-proxy, the ingress or the cloud load balancer catch up, seconds later.
     */
    private static final Duration ENDPOINT_REMOVAL_LAG = Duration.ofSeconds(3);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(100);
    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final Path LOGS = Path.of(System.getProperty("drainkit.liberty.logs", "target/e2e"));
    private static final Pattern REPORT_FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[^,}\\]]+)");

    /**
     * Liberty's stop, in order: stopping because the JVM exits, listener closed, application removed from the virtual
     * host, quiesce complete (requests in flight done), application stopped, server stopped.
     */
    private static final Pattern LIBERTY_MILESTONE =
            Pattern.compile("CWWKE0085I|CWWKO0220I|CWWKT0017I|CWWKE1101I|CWWKZ0009I|CWWKE0036I");

    private final Timeline timeline = new Timeline();
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
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("")
                .matches(".*ws-server\\.jar.*\\b" + System.getProperty("drainkit.liberty.server") + "\\b.*")))
                .as("a drainkit-example Liberty server is already running").isEmpty();
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
     * Verifies the Kubernetes sequence with the preStop hook: under keep-alive load, the preStop call turns Liberty's
     * /health/ready DOWN (the drainkit check), responses during the delay carry Connection: close, the call answers
     * only when nothing is in flight (after the slow requests), SIGTERM then stops the server JVM promptly, and no
     * request sent before the preStop call returned failed.
     */
    @Test
    void preStopDrainsThenSigtermStopsTheServer() throws Exception {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        server = LibertyServer.start(Map.of(
                "DRAINKIT_PRESTOP_ENABLED", "true",
                "DRAINKIT_PRESTOP_TOKEN", token,
                "DRAINKIT_DELAY", seconds(DELAY),
                "DRAINKIT_TIMEOUT", seconds(TIMEOUT),
                "DRAINKIT_GRACE_PERIOD", seconds(GRACE_PERIOD)), LOGS.resolve("prestop-then-sigterm-server.log"));
        watchServer();
        assertThat(server.command()).as("the child process is the server JVM itself (bin/server run execs java),"
                + " so SIGTERM reaches it").hasValueSatisfying(command -> assertThat(command).endsWith("/java"));
        assertThat(server.readiness()).as("/health/ready while serving")
                .containsEntry("httpStatus", "200").containsEntry("drainkit", "UP").containsEntry("state", "SERVING");

        List<CompletableFuture<Exchange>> slow = startLoad();

        long trigger = timeline.zero();
        timeline.event("test", "GET /drainkit-example/drainkit/prestop with X-DrainKit-Token: the trigger ("
                + load.inFlight() + " request(s) in flight)");
        CompletableFuture<HttpResponse<String>> preStop = Load.newClient().sendAsync(
                HttpRequest.newBuilder(server.app().resolve("drainkit/prestop"))
                        .header("X-DrainKit-Token", token).timeout(TIMEOUT.plusSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        await("Liberty's /health/ready answers 503 after the preStop call").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> server.readiness().get("httpStatus").equals("503"));
        long readinessDown = System.nanoTime();
        Map<String, String> down = server.readiness();
        timeline.event(readinessDown, "test", "/health/ready answers 503, check drainkit " + down.get("drainkit")
                + " (" + down.get("state") + ", " + down.get("inFlight") + " in flight): readiness is DOWN");
        assertThat(down).as("/health/ready during the delay").containsEntry("httpStatus", "503")
                .containsEntry("status", "DOWN").containsEntry("drainkit", "DOWN").containsEntry("state", "DRAINING");
        scheduler.schedule(() -> {
            load.stopSending();
            timeline.event("lb", "the load balancer has noticed (" + LOAD_BALANCER_LAG.toSeconds()
                    + " s after readiness DOWN): no new requests from here on");
        }, LOAD_BALANCER_LAG.toMillis(), TimeUnit.MILLISECONDS);

        HttpResponse<String> answer = preStop.get(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
        long answered = System.nanoTime();
        Map<String, String> report = reportFields(answer.body());
        timeline.event(answered, "test", "preStop answered " + answer.statusCode() + ": " + answer.body());
        load.stopSending();

        server.process().sigterm();
        long sigterm = System.nanoTime();
        timeline.event(sigterm, "test", "SIGTERM to pid " + server.process().pid());
        OptionalInt exit = server.process().awaitExit(EXIT);
        long exited = System.nanoTime();
        timeline.event(exited, "server", exit.isPresent() ? "exited with " + exit.getAsInt() : "still running");
        boolean clientsDone = load.awaitClients(Load.REQUEST_TIMEOUT);

        List<Exchange> exchanges = load.exchanges();
        List<Exchange> beforeAnswer = exchanges.stream().filter(e -> e.sentNanos() < answered).toList();
        List<Exchange> failed = beforeAnswer.stream().filter(e -> !e.ok()).toList();
        List<Exchange> afterDown = exchanges.stream().filter(e -> e.sentNanos() >= readinessDown).toList();
        List<Exchange> slowDone = slow.stream().map(CompletableFuture::join).toList();
        timeline.figure("requests sent", exchanges.size() + " (" + CLIENTS + " keep-alive clients on /" + WORK
                + ", " + SLOW_MS.size() + " slow), " + beforeAnswer.size() + " before the preStop call returned");
        timeline.figure("failed", failed.size() + " of those" + describe(failed));
        timeline.figure("served after readiness DOWN", afterDown.stream().filter(Exchange::ok).count()
                + ", with Connection: close: " + afterDown.stream().filter(Exchange::connectionClose).count());
        timeline.figure("slow requests", slowDone.stream().map(e -> e.status() + " after "
                + (e.doneNanos() - e.sentNanos()) / 1_000_000 + " ms").collect(Collectors.joining(", ")));
        timeline.figure("drain time (preStop report)", report.get("durationMs") + " ms, delay " + report.get("delayMs")
                + " ms, deadline reached: " + report.get("deadlineReached"));
        timeline.figure("preStop answered after", String.format("%.3f s", timeline.seconds(answered)));
        timeline.figure("SIGTERM to exit", String.format("%.3f s, exit status %s", (exited - sigterm) / 1e9,
                exit.isPresent() ? exit.getAsInt() : "none"));
        timeline.write("Open Liberty: preStop drain, then SIGTERM", LOGS.resolve("prestop-then-sigterm.txt"));

        assertThat(answer.statusCode()).as("preStop answer: %s", answer.body()).isEqualTo(200);
        assertThat(report).as("preStop report").containsEntry("status", "\"DRAINED\"")
                .containsEntry("trigger", "\"PRESTOP\"").containsEntry("deadlineReached", "false")
                .containsEntry("inFlightAtEnd", "0");
        for (int i = 0; i < SLOW_MS.size(); i++) {
            Exchange slowOne = slowDone.get(i);
            assertThat(slowOne.ok()).as("slow request %s: %s", slowOne.path(), slowOne).isTrue();
            assertThat(answered).as("the preStop call answers only after %s, in flight at the trigger, is done",
                    slowOne.path()).isGreaterThanOrEqualTo(slowOne.sentNanos() + TimeUnit.MILLISECONDS.toNanos(
                            SLOW_MS.get(i)));
        }
        assertThat(afterDown).as("requests sent after readiness DOWN").isNotEmpty()
                .allSatisfy(e -> assertThat(e.connectionClose()).as("Connection: close on %s", e).isTrue());
        assertThat(failed).as("requests sent before the preStop call returned that failed").isEmpty();
        assertThat(exit).as("exit status after SIGTERM; the end of the server's output:\n%s",
                String.join("\n", server.process().tail())).isPresent();
        assertThat(clientsDone).as("every client stopped").isTrue();
        assertThat(server.process().output()).as("the server's console")
                .anyMatch(line -> line.contains("DRAINKIT-0001 Drain started by PRESTOP"))
                .anyMatch(line -> line.contains("DRAINKIT-0003 Drain completed"))
                .noneMatch(line -> line.contains("Drain started by CONTAINER_SHUTDOWN"));
    }

    /**
     * Measures what Liberty does on SIGTERM without a preStop call, under keep-alive load: verifies that the
     * requests in flight at SIGTERM still complete with 200 and that the server exits, and records what happens to
     * the requests sent after SIGTERM (the load balancer still sends for a few seconds).
     */
    @Test
    void sigtermWithoutPreStopLetsInFlightRequestsFinish() throws Exception {
        server = LibertyServer.start(Map.of(
                "DRAINKIT_DELAY", seconds(DELAY),
                "DRAINKIT_TIMEOUT", seconds(TIMEOUT)), LOGS.resolve("sigterm-only-server.log"));
        watchServer();
        List<CompletableFuture<Exchange>> slow = startLoad();
        load.pauseAfterFailure(PAUSE_AFTER_FAILURE);
        AtomicBoolean firstFailure = new AtomicBoolean();
        load.onExchange(exchange -> {
            if (!exchange.ok() && firstFailure.compareAndSet(false, true)) {
                timeline.event(exchange.doneNanos(), "client", "first failed request, sent at "
                        + String.format("%+.3f s", timeline.seconds(exchange.sentNanos())) + ": "
                        + (exchange.error() != null ? exchange.error() : "status " + exchange.status()));
            }
        });

        long sigterm = timeline.zero();
        server.process().sigterm();
        timeline.event(sigterm, "test", "SIGTERM to pid " + server.process().pid() + ", no preStop call ("
                + load.inFlight() + " request(s) in flight)");
        scheduler.schedule(() -> {
            load.stopSending();
            timeline.event("lb", "the load balancer has noticed (" + ENDPOINT_REMOVAL_LAG.toSeconds()
                    + " s after SIGTERM): no new requests from here on");
        }, ENDPOINT_REMOVAL_LAG.toMillis(), TimeUnit.MILLISECONDS);

        OptionalInt exit = server.process().awaitExit(EXIT);
        long exited = System.nanoTime();
        timeline.event(exited, "server", exit.isPresent() ? "exited with " + exit.getAsInt() : "still running");
        boolean clientsDone = load.awaitClients(Load.REQUEST_TIMEOUT);

        List<Exchange> exchanges = load.exchanges();
        List<Exchange> inFlightAtSigterm = exchanges.stream()
                .filter(e -> e.sentNanos() < sigterm && e.doneNanos() > sigterm).toList();
        List<Exchange> afterSigterm = exchanges.stream().filter(e -> e.sentNanos() >= sigterm).toList();
        List<Exchange> slowDone = slow.stream().map(CompletableFuture::join).toList();
        timeline.figure("requests sent", exchanges.size() + " (" + CLIENTS + " keep-alive clients on /" + WORK
                + ", " + SLOW_MS.size() + " slow)");
        timeline.figure("in flight at SIGTERM", inFlightAtSigterm.size() + ", failed: "
                + inFlightAtSigterm.stream().filter(e -> !e.ok()).count() + describe(inFlightAtSigterm.stream()
                        .filter(e -> !e.ok()).toList()));
        timeline.figure("slow requests", slowDone.stream().map(e -> e.status() + " after "
                + (e.doneNanos() - e.sentNanos()) / 1_000_000 + " ms").collect(Collectors.joining(", ")));
        List<Exchange> failedAfterSigterm = afterSigterm.stream().filter(e -> !e.ok()).toList();
        timeline.figure("sent after SIGTERM", afterSigterm.size() + ": "
                + afterSigterm.stream().filter(Exchange::ok).count() + " answered 200, " + failedAfterSigterm.size()
                + " failed (a client pauses " + PAUSE_AFTER_FAILURE.toMillis() + " ms after a failure)");
        if (!failedAfterSigterm.isEmpty()) {
            timeline.figure("failures after SIGTERM", failedAfterSigterm.stream()
                    .collect(Collectors.groupingBy(e -> e.error() == null ? "status " + e.status()
                            : e.error().replaceFirst(":.*", ""), Collectors.counting()))
                    + String.format(", sent from %+.3f s to %+.3f s",
                            timeline.seconds(failedAfterSigterm.get(0).sentNanos()),
                            timeline.seconds(failedAfterSigterm.get(failedAfterSigterm.size() - 1).sentNanos())));
        }
        timeline.figure("SIGTERM to exit", String.format("%.3f s, exit status %s", (exited - sigterm) / 1e9,
                exit.isPresent() ? exit.getAsInt() : "none"));
        timeline.figure("listener closed after SIGTERM", String.format("%.3f s", timeline.seconds(
                milestones.getOrDefault("CWWKO0220I", sigterm))));
        long quiesced = milestones.getOrDefault("CWWKE1101I", Long.MAX_VALUE);
        long appStopped = milestones.getOrDefault("CWWKZ0009I", Long.MAX_VALUE);
        timeline.figure("quiesce complete to app stopped", String.format("%.3f s (DrainKit's shutdown drain; its"
                + " delay is %s)", (appStopped - quiesced) / 1e9, seconds(DELAY)));
        timeline.figure("DrainKit's lines after SIGTERM", server.process().output().stream()
                .filter(line -> line.contains("DRAINKIT-000")).count() + " on the console");
        timeline.write("Open Liberty: SIGTERM without a preStop call", LOGS.resolve("sigterm-only.txt"));

        assertThat(slowDone).as("the slow requests in flight at SIGTERM").allSatisfy(e -> assertThat(e.ok())
                .as("%s", e).isTrue());
        assertThat(inFlightAtSigterm).as("every request in flight at SIGTERM").allSatisfy(e -> assertThat(e.ok())
                .as("%s", e).isTrue());
        assertThat(exit).as("exit status after SIGTERM; the end of the server's output:\n%s",
                String.join("\n", server.process().tail())).isPresent();
        assertThat(milestones).as("Liberty's stop messages on the console").containsKeys("CWWKE1101I", "CWWKZ0009I");
        assertThat(appStopped - quiesced).as("from Liberty's quiesce to the application stopped: DrainKit's shutdown"
                + " drain starts after Liberty took the application out of service, so it skips the delay (%s)",
                seconds(DELAY)).isBetween(0L, DELAY.toNanos() / 2);
        assertThat(clientsDone).as("every client stopped").isTrue();
    }

    /** Starts the keep-alive clients and, after a warm-up, the slow requests; returns once those are in flight. */
    private List<CompletableFuture<Exchange>> startLoad() {
        load = new Load(server.app());
        load.startClients(CLIENTS, WORK, 2_000, Duration.ofSeconds(90));
        await("warm-up: 20 requests answered").atMost(Duration.ofSeconds(20))
                .until(() -> load.exchanges().size() >= 20);
        List<CompletableFuture<Exchange>> slow = SLOW_MS.stream().map(ms -> load.sendOne("work?ms=" + ms)).toList();
        await("the slow requests are in flight").atMost(Duration.ofSeconds(10)).pollDelay(Duration.ofMillis(100))
                .until(() -> Integer.parseInt(server.readiness().get("inFlight")) >= SLOW_MS.size());
        timeline.event("test", "warm-up: " + load.exchanges().size() + " requests answered; slow requests under way: "
                + SLOW_MS.stream().map(ms -> "/work?ms=" + ms).collect(Collectors.joining(", ")));
        return slow;
    }

    /**
     * Puts the server's Liberty and DrainKit milestones on the timeline as they are printed, and remembers when each
     * Liberty message id was first seen.
     */
    private void watchServer() {
        server.process().onLine(line -> {
            long now = System.nanoTime();
            Matcher id = LIBERTY_MILESTONE.matcher(line);
            if (id.find()) {
                milestones.putIfAbsent(id.group(), now);
            }
            if (id.find(0) || line.contains("DRAINKIT-")) {
                timeline.event(now, "server", line.strip());
            }
        });
    }

    private static String describe(List<Exchange> failed) {
        return failed.isEmpty() ? "" : failed.stream().limit(5)
                .map(e -> e.path() + " " + (e.error() != null ? e.error() : "status " + e.status()))
                .collect(Collectors.joining("; ", " (", failed.size() > 5 ? "; ...)" : ")"));
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }

    private static Map<String, String> reportFields(String json) {
        Map<String, String> fields = new HashMap<>();
        Matcher matcher = REPORT_FIELD.matcher(json);
        while (matcher.find()) {
            fields.put(matcher.group(1), matcher.group(2));
        }
        return fields;
    }
}
