package io.drainkit.example.embedded.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.drainkit.example.harness.Load;
import io.drainkit.example.harness.Load.Exchange;
import io.drainkit.example.harness.ServerProcess;

/**
 * Watch DrainKit take a server out of rotation without failing a request.
 *
 * <p>Starts the example server as a child JVM on a free loopback port (delay 3 s, deadline 15 s, preStop endpoint
 * on with a random token), puts steady keep-alive load on it, then does what Kubernetes does when it deletes a pod:
 * calls the preStop endpoint, and sends SIGTERM when that returns. A load balancer is simulated by the clients
 * themselves: they stop sending new requests one second after readiness turned DOWN. Two slow requests started just
 * before the trigger give the drain something to wait for after the delay.
 *
 * <p>Prints the timeline relative to the trigger and the result; exits 1 if any request sent while the server was
 * meant to serve (before the preStop call returned) failed, or if the server did not exit 0.
 */
public final class DrainDemo {

    static final Duration DELAY = Duration.ofSeconds(3);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final Duration LOAD_BALANCER_LAG = Duration.ofSeconds(1);
    static final int CLIENTS = 4;
    static final String WORK = "/work?ms=200";
    static final List<Integer> SLOW_MS = List.of(4500, 5500);
    static final Duration WARM_UP = Duration.ofSeconds(2);

    private static final Pattern LOG_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}:(\\w+)\\s*:([^:]+):([^:]+): (.*)$");
    private static final Pattern REPORT_FIELD = Pattern.compile("\"(\\w+)\":(\"[^\"]*\"|[^,}\\]]+)");

    private final Timeline timeline;
    private final Path logFile;
    private final AtomicBoolean firstConnectionClose = new AtomicBoolean();
    private final AtomicLong readinessDownAt = new AtomicLong(Long.MAX_VALUE);

    DrainDemo(PrintStream out, Path logFile) {
        this.timeline = new Timeline(out);
        this.logFile = logFile;
    }

    /**
     * @param args optionally, where to write the server's log (default: a file in the temporary directory)
     * @throws Exception if the demo itself breaks
     */
    public static void main(String[] args) throws Exception {
        Path log = args.length > 0 ? Paths.get(args[0])
                : Paths.get(System.getProperty("java.io.tmpdir"), "drainkit-demo-server.log");
        System.exit(new DrainDemo(System.out, log).run());
    }

    /**
     * Runs the demo.
     *
     * @return 0 if no request failed and the server exited 0, else 1
     * @throws Exception if the demo itself breaks
     */
    int run() throws Exception {
        // A retried request would be a failure the demo never sees: check the JDK client sends each request once.
        Load.verifyNoSilentRetry();
        long begin = System.nanoTime();
        String token = HexFormat.of().formatHex(randomBytes());
        Map<String, String> environment = Map.of(
                "HOST", "127.0.0.1",
                "DRAINKIT_DELAY", seconds(DELAY),
                "DRAINKIT_TIMEOUT", seconds(TIMEOUT),
                "DRAINKIT_PRESTOP_ENABLED", "true",
                "DRAINKIT_PRESTOP_TOKEN", token);
        timeline.line("DrainKit demo: embedded Jetty 12 + Weld SE, drained by its preStop endpoint, then SIGTERM");
        timeline.line("  server: DRAINKIT_DELAY=" + seconds(DELAY) + " DRAINKIT_TIMEOUT=" + seconds(TIMEOUT)
                + " DRAINKIT_PRESTOP_ENABLED=true DRAINKIT_PRESTOP_TOKEN=<random>; log: " + logFile);
        timeline.line("  load:   " + CLIENTS + " keep-alive clients on GET " + WORK + ", " + SLOW_MS.size()
                + " slow requests; the simulated load balancer stops routing " + LOAD_BALANCER_LAG.toSeconds()
                + " s after readiness DOWN");
        timeline.line("");

        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "demo-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        try (ServerProcess server = EmbeddedServerProcess.start(List.of("0"), environment, logFile)) {
            server.onLine(this::serverLine);
            URI base = EmbeddedServerProcess.awaitListening(server, Duration.ofSeconds(30));
            timeline.event("server", "listening on " + base + " (pid " + server.pid() + ", up "
                    + String.format("%.1f", (System.nanoTime() - begin) / 1e9) + " s after launch)");

            Load load = new Load(base);
            load.onExchange(this::exchanged);
            load.startClients(CLIENTS, WORK, 1_000, Duration.ofSeconds(40));
            TimeUnit.MILLISECONDS.sleep(WARM_UP.toMillis());
            List<Exchange> warmUp = load.exchanges();
            timeline.event("client", "warm-up: " + warmUp.size() + " requests, "
                    + warmUp.stream().filter(Exchange::ok).count() + " answered 200");
            List<CompletableFuture<Exchange>> slow = new ArrayList<>();
            for (int ms : SLOW_MS) {
                slow.add(load.sendOne("/work?ms=" + ms));
            }
            TimeUnit.MILLISECONDS.sleep(200);
            timeline.event("client", "slow requests under way: " + SLOW_MS.stream()
                    .map(ms -> "/work?ms=" + ms).collect(Collectors.joining(", ")));

            timeline.start();
            timeline.event("demo", "GET /drainkit/prestop with X-DrainKit-Token: the trigger ("
                    + load.inFlight() + " request(s) in flight)");
            CompletableFuture<HttpResponse<String>> preStop = Load.newClient().sendAsync(
                    HttpRequest.newBuilder(base.resolve("/drainkit/prestop"))
                            .header("X-DrainKit-Token", token)
                            .timeout(TIMEOUT.plusSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread watcher = watchReadiness(base, load, scheduler);
            scheduler.schedule(() -> timeline.event("demo", "the delay (" + seconds(DELAY) + ") is over: "
                    + load.inFlight() + " request(s) in flight, DrainKit waits for them"),
                    DELAY.toNanos() - (System.nanoTime() - timeline.zeroNanos()), TimeUnit.NANOSECONDS);

            HttpResponse<String> answer;
            try {
                answer = preStop.get(TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS);
            } catch (TimeoutException noAnswer) {
                return fail(server, "the preStop call did not return within " + (TIMEOUT.toSeconds() + 10) + " s");
            }
            long preStopReturned = System.nanoTime();
            Map<String, String> report = reportFields(answer.body());
            timeline.event("demo", "preStop answered " + answer.statusCode() + ": drained in "
                    + report.get("durationMs") + " ms, " + report.get("requestsServed")
                    + " request(s) served while draining, " + report.get("inFlightAtEnd") + " in flight at the end");

            // Clients stop sending no later than now (the simulated load balancer stopped them long before), and
            // SIGTERM follows at once, as the kubelet sends it when the preStop hook returns.
            load.stopSending();
            watcher.interrupt();
            timeline.event("demo", "SIGTERM");
            server.sigterm();
            boolean clientsDone = load.awaitClients(Load.REQUEST_TIMEOUT);
            CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new))
                    .get(Load.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
            OptionalInt exit = server.awaitExit(Duration.ofSeconds(20));
            timeline.event("server", exit.isPresent() ? "exited with code " + exit.getAsInt() : "still running 20 s"
                    + " after SIGTERM");
            return result(server, load.exchanges(), preStopReturned, answer, report, exit, clientsDone, begin);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private int result(ServerProcess server, List<Exchange> exchanges, long preStopReturned,
            HttpResponse<String> preStop, Map<String, String> report, OptionalInt exit, boolean clientsDone,
            long begin) {
        List<Exchange> whileServing = exchanges.stream().filter(e -> e.sentNanos() < preStopReturned)
                .collect(Collectors.toList());
        List<Exchange> failed = whileServing.stream().filter(e -> !e.ok()).collect(Collectors.toList());
        long late = exchanges.size() - whileServing.size();
        long afterDown = exchanges.stream().filter(e -> e.sentNanos() >= readinessDownAt.get() && e.ok()).count();
        long closes = exchanges.stream().filter(Exchange::connectionClose).count();

        timeline.line("");
        timeline.line("Result");
        timeline.line("  requests sent:        " + exchanges.size() + " (" + CLIENTS + " clients on " + WORK + ", "
                + SLOW_MS.size() + " slow), " + (late == 0 ? "all" : whileServing.size())
                + " before the preStop call returned" + (late == 0 ? "" : ", " + late + " after it (not judged)"));
        timeline.line("  failed:               " + failed.size() + " of those");
        timeline.line("  served after readiness DOWN: " + afterDown + " (the delay keeps serving)");
        timeline.line("  Connection: close:    " + closes + " responses (keep-alive clients reconnected)");
        timeline.line("  drain time:           " + report.getOrDefault("durationMs", "?") + " ms (preStop report,"
                + " deadline reached: " + report.getOrDefault("deadlineReached", "?") + ")");
        timeline.line("  server exit code:     " + (exit.isPresent() ? String.valueOf(exit.getAsInt()) : "none"));
        timeline.line(String.format("  demo time:            %.1f s", (System.nanoTime() - begin) / 1e9));

        List<String> problems = new ArrayList<>();
        failed.stream().limit(5).forEach(e -> problems.add("request " + e.path() + " sent at "
                + String.format("%+.3f s", timeline.seconds(e.sentNanos())) + " failed: "
                + (e.error() != null ? e.error() : "status " + e.status())));
        if (failed.size() > 5) {
            problems.add("... and " + (failed.size() - 5) + " more failed requests");
        }
        if (preStop.statusCode() != 200) {
            problems.add("preStop answered " + preStop.statusCode() + ": " + preStop.body());
        }
        if (!"false".equals(report.get("deadlineReached"))) {
            problems.add("the drain did not end before its deadline: " + preStop.body());
        }
        if (readinessDownAt.get() == Long.MAX_VALUE) {
            problems.add("/drainkit/ready never answered 503 after the trigger");
        }
        if (exit.isEmpty() || exit.getAsInt() != 0) {
            problems.add("the server " + (exit.isEmpty() ? "did not exit" : "exited with " + exit.getAsInt())
                    + " after SIGTERM");
        }
        if (!clientsDone) {
            problems.add("a client was still running after the drain");
        }
        if (problems.isEmpty()) {
            timeline.line("PASS: no request failed, the server drained and exited 0");
            return 0;
        }
        return fail(server, String.join("\n      ", problems));
    }

    private int fail(ServerProcess server, String problem) {
        timeline.line("FAIL: " + problem);
        timeline.line("The end of the server's output (all of it is in " + logFile + "):\n  "
                + String.join("\n  ", server.tail()));
        return 1;
    }

    /** Polls DrainKit's readiness endpoint until it answers 503; then the load balancer notices, a little later. */
    private Thread watchReadiness(URI base, Load load, ScheduledExecutorService scheduler) {
        HttpClient client = Load.newClient();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/drainkit/ready")).timeout(Duration.ofSeconds(5))
                .build();
        Thread watcher = new Thread(() -> {
            long end = System.nanoTime() + TIMEOUT.toNanos();
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < end) {
                try {
                    HttpResponse<String> response = client.send(ready, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 503) {
                        long now = System.nanoTime();
                        readinessDownAt.set(now);
                        timeline.event(now, "demo", "/drainkit/ready answers 503 " + response.body().strip()
                                + ": readiness is DOWN");
                        scheduler.schedule(() -> {
                            load.stopSending();
                            timeline.event("lb", "the load balancer has noticed (" + LOAD_BALANCER_LAG.toSeconds()
                                    + " s after readiness DOWN): no new requests from here on");
                        }, LOAD_BALANCER_LAG.toMillis(), TimeUnit.MILLISECONDS);
                        return;
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                } catch (InterruptedException interrupted) {
                    return;
                } catch (IOException failed) {
                    timeline.event("demo", "/drainkit/ready failed: " + failed);
                    return;
                }
            }
        }, "demo-readiness");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    private void exchanged(Exchange exchange) {
        if (!timeline.isStarted()) {
            if (!exchange.ok()) {
                timeline.event(exchange.doneNanos(), "client", "FAILED " + exchange.path() + ": " + describe(exchange));
            }
            return;
        }
        if (exchange.connectionClose() && firstConnectionClose.compareAndSet(false, true)) {
            timeline.event(exchange.doneNanos(), "client", "first response with Connection: close: keep-alive"
                    + " clients reconnect (a real load balancer would pick another server)");
        }
        if (!exchange.ok()) {
            timeline.event(exchange.doneNanos(), "client", "FAILED " + exchange.path() + ": " + describe(exchange));
        } else if (!exchange.path().equals(WORK)) {
            timeline.event(exchange.doneNanos(), "client", exchange.path() + " answered " + exchange.status()
                    + (exchange.connectionClose() ? " with Connection: close" : ""));
        }
    }

    private static String describe(Exchange exchange) {
        return exchange.error() != null ? exchange.error() : "status " + exchange.status();
    }

    /** Shows the server's drain and shutdown lines, and any warning, once the trigger has happened. */
    private void serverLine(String line) {
        Matcher parsed = LOG_LINE.matcher(line);
        if (!parsed.matches()) {
            return;
        }
        String level = parsed.group(1);
        String logger = parsed.group(2);
        String message = parsed.group(4);
        String shown = null;
        if (message.startsWith("DRAINKIT-")) {
            shown = message;
        } else if (logger.endsWith("example")) {
            shown = message;
        } else if (message.startsWith("Stopped ServerConnector")) {
            shown = "Jetty's connector stopped: no new connections from here on";
        } else if (message.startsWith("WELD-ENV-002001")) {
            shown = "Weld SE container shut down";
        } else if (level.equals("WARN") || level.equals("ERROR")) {
            shown = level + " " + logger + ": " + message;
        }
        if (shown != null && (timeline.isStarted() || !level.equals("INFO"))) {
            timeline.event("server", shown);
        }
    }

    private static Map<String, String> reportFields(String json) {
        Map<String, String> fields = new HashMap<>();
        Matcher field = REPORT_FIELD.matcher(json);
        while (field.find()) {
            fields.putIfAbsent(field.group(1), field.group(2).replace("\"", ""));
        }
        return fields;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + "s";
    }
}
