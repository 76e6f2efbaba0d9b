package io.drainkit.example.rollingupdate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.drainkit.example.embedded.demo.EmbeddedServerProcess;
import io.drainkit.example.harness.HaProxy;
import io.drainkit.example.harness.Load;
import io.drainkit.example.harness.Load.Exchange;
import io.drainkit.example.harness.ServerProcess;

/**
 * One rolling-restart step, with real parts: two instances of the embedded example on loopback, HAProxy in front of
 * them checking their readiness (every 500 ms, or 3 s with {@link Scenario.Propagation#SLOW}), steady keep-alive load through HAProxy, then instance
 * {@code a} taken out the way Kubernetes takes out a pod while the load goes on; every request is counted.
 *
 * <p>The health check is MicroProfile Health's {@value #HEALTH_PATH}, where DrainKit's {@code drainkit} readiness
 * check goes DOWN at the trigger: the probe a Kubernetes user of an MP Health server configures, and one that exists
 * in the control run too ({@code drainkit.enabled=false} installs no {@code /drainkit/ready}); with a quiet period,
 * DrainKit's own {@value #DRAINKIT_READY_PATH} (see {@link Scenario#checkPath()}).
 */
final class RollingUpdate {

    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final String HEALTH_PATH = "/health/ready";
    static final String DRAINKIT_READY_PATH = "/drainkit/ready";
    /**
     * Two failed checks mark a server DOWN, so HAProxy notices one to two intervals after a server stops being
     * ready, never at once. A load balancer always takes some time to notice (in Kubernetes, seconds); with one
     * failed check it can notice within milliseconds, by chance, and then an instance without DrainKit loses
     * nothing either: the control could not tell success from luck. DrainKit's delay covers this time with room
     * to spare.
     */
    static final int CHECK_FALL = 2;
    static final int CLIENTS = 8;
    static final String WORK = "/work?ms=100";
    /** The clients start this far apart, so that requests start and end all the time, not in waves. */
    private static final Duration CLIENT_SPACING = Duration.ofMillis(100 / CLIENTS);

    /** Steady load on both instances before the trigger. */
    private static final Duration WARM_UP = Duration.ofSeconds(1);
    /** The load goes on against the remaining instance after the other one exited. */
    private static final Duration AFTER_EXIT = Duration.ofSeconds(1);
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration EXIT = TIMEOUT.plusSeconds(15);
    /** Bounds on each client, in case nothing else stops it. */
    private static final int MAX_REQUESTS_PER_CLIENT = 2_000;
    private static final Duration MAX_LOAD_TIME = Duration.ofSeconds(90);
    private static final int LISTED_FAILURES = 10;

    private static final String TAKEN_OUT = "a";
    private static final String REMAINING = "b";
    private static final Pattern DRAINED = Pattern.compile(
            "DRAINKIT-0003 Drain (?:completed in|ended at the deadline after) (\\d+)(ms|s)\\b");

    private final Path haproxy;
    private final Path logs;

    /**
     * @param haproxy the HAProxy executable
     * @param logs    where each run's logs and configuration go, in a directory of its own
     */
    RollingUpdate(Path haproxy, Path logs) {
        this.haproxy = haproxy;
        this.logs = logs;
    }

    /**
     * Runs a scenario; every process it starts is stopped before it returns, whatever happens.
     *
     * @param scenario what to run
     * @return what it measured
     * @throws Exception if the run itself breaks (a process does not start, ...)
     */
    Outcome run(Scenario scenario) throws Exception {
        long begin = System.nanoTime();
        Path directory = logs.resolve(scenario.directoryName());
        String token = HexFormat.of().formatHex(randomBytes());
        Map<String, String> remaining = settings(true, scenario.delay(), token);
        Map<String, String> takenOut = settings(scenario.drainKit(), scenario.delay(), token);

        try (ServerProcess a = EmbeddedServerProcess.start(List.of("0"), takenOut, directory.resolve("a.log"));
             ServerProcess b = EmbeddedServerProcess.start(List.of("0"), remaining, directory.resolve("b.log"))) {
            URI aUri = EmbeddedServerProcess.awaitListening(a, START);
            URI bUri = EmbeddedServerProcess.awaitListening(b, START);
            warmUp(aUri, scenario.checkPath());
            warmUp(bUri, scenario.checkPath());
            Map<String, URI> servers = new LinkedHashMap<>();
            servers.put(TAKEN_OUT, aUri);
            servers.put(REMAINING, bUri);
            HaProxy.Config config = new HaProxy.Config(scenario.mode(), servers, scenario.checkPath(),
                    scenario.propagation().checkInterval(), CHECK_FALL);

            try (HaProxy lb = HaProxy.start(haproxy, config, directory)) {
                Load load = new Load(lb.uri());
                long trigger;
                long exited;
                String preStop = "not called";
                OptionalInt exit;
                boolean clientsStopped;
                long loadStart = System.nanoTime();
                Removal removal = new Removal(TAKEN_OUT);
                try {
                    for (int client = 0; client < CLIENTS; client++) {
                        load.startClients(1, WORK, MAX_REQUESTS_PER_CLIENT, MAX_LOAD_TIME);
                        TimeUnit.MILLISECONDS.sleep(CLIENT_SPACING.toMillis());
                    }
                    scenario.propagation().newConnectionEvery().ifPresent(every ->
                            load.startConnectingClient(WORK, every, MAX_REQUESTS_PER_CLIENT, MAX_LOAD_TIME));
                    lb.awaitTraffic(TAKEN_OUT, START);
                    lb.awaitTraffic(REMAINING, START);
                    TimeUnit.MILLISECONDS.sleep(WARM_UP.toMillis());

                    trigger = System.nanoTime();
                    scenario.propagation().removedAfter().ifPresent(after -> removal.start(lb, after));
                    if (scenario.trigger() == Scenario.Trigger.PRESTOP_THEN_SIGTERM) {
                        preStop = callPreStop(aUri, token);
                    }
                    a.sigterm();
                    exit = a.awaitExit(EXIT);
                    exited = System.nanoTime();
                    // The load goes on until the load balancer has let go, so that what it still sends to the
                    // instance after the exit is counted.
                    long letGo = trigger + scenario.propagation().removedAfter().orElse(Duration.ZERO).toNanos();
                    TimeUnit.NANOSECONDS.sleep(Math.max(exited, letGo) + AFTER_EXIT.toNanos() - System.nanoTime());
                } finally {
                    removal.cancel();
                    load.stopSending();
                    clientsStopped = load.awaitClients(Load.REQUEST_TIMEOUT.plusSeconds(5));
                }
                lb.stop();
                b.sigterm();
                b.awaitExit(EXIT);
                writeExchanges(load.exchanges(), trigger, directory.resolve("exchanges.tsv"));
                removal.verify();
                return outcome(scenario, load.exchanges(), lb, a, loadStart, trigger, exited, exit, preStop,
                        clientsStopped, begin);
            }
        }
    }

    private static Map<String, String> settings(boolean drainKit, Scenario.Delay delay, String token) {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOST", "127.0.0.1");
        environment.put("DRAINKIT_ENABLED", Boolean.toString(drainKit));
        environment.put("DRAINKIT_DELAY", delay.length().toMillis() + "ms");
        delay.quietPeriod().ifPresent(quiet ->
                environment.put("DRAINKIT_DELAY_QUIET_PERIOD", quiet.toMillis() + "ms"));
        environment.putAll(delay.floor());
        environment.put("DRAINKIT_TIMEOUT", TIMEOUT.toMillis() + "ms");
        environment.put("DRAINKIT_PRESTOP_ENABLED", "true");
        environment.put("DRAINKIT_PRESTOP_TOKEN", token);
        return environment;
    }

    /**
     * Gets a freshly started instance through its first, slow requests (class loading, JIT), as a readiness probe
     * would before Kubernetes sends it traffic, so that HAProxy's first checks do not time out.
     */
    private static void warmUp(URI instance, String checkPath) throws IOException, InterruptedException {
        HttpClient client = Load.newClient();
        for (String path : List.of(checkPath, "/work?ms=0", checkPath, "/work?ms=0")) {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(instance.resolve(path))
                    .timeout(START).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(instance + path + " answered " + answer.statusCode() + " "
                        + answer.body());
            }
        }
    }

    /** What the kubelet does for {@code lifecycle.preStop.httpGet}: straight to the pod, not through the balancer. */
    private static String callPreStop(URI instance, String token) throws IOException, InterruptedException {
        HttpResponse<String> answer = Load.newClient().send(
                HttpRequest.newBuilder(instance.resolve("/drainkit/prestop"))
                        .header("X-DrainKit-Token", token)
                        .timeout(TIMEOUT.plusSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() + " " + answer.body().strip();
    }

    private static Outcome outcome(Scenario scenario, List<Exchange> exchanges, HaProxy lb, ServerProcess a,
            long loadStart, long trigger, long exited, OptionalInt exit, String preStop, boolean clientsStopped,
            long begin) {
        SortedMap<String, Integer> failures = new TreeMap<>();
        List<String> firstFailures = new ArrayList<>();
        exchanges.stream().filter(exchange -> !exchange.ok())
                .sorted((x, y) -> Long.compare(x.sentNanos(), y.sentNanos()))
                .forEach(failed -> {
                    failures.merge(kind(failed), 1, Integer::sum);
                    if (firstFailures.size() < LISTED_FAILURES) {
                        firstFailures.add(String.format(Locale.ROOT, "%+d ms %s -> %s", millis(failed.sentNanos()
                                - trigger), failed.path(), failed.error() != null ? failed.error()
                                : "HTTP " + failed.status()));
                    }
                });
        OptionalLong down = lb.downAfter(TAKEN_OUT, trigger);
        return new Outcome(scenario, exchanges.size(), failures, firstFailures,
                exchanges.stream().filter(Exchange::connectionClose).count(), lb.traffic(TAKEN_OUT),
                exchanges.stream().filter(exchange -> exchange.sentNanos() > exited).count(),
                down.isPresent() ? OptionalLong.of(millis(down.getAsLong() - trigger)) : OptionalLong.empty(),
                drainMillis(a.output()), preStop, millis(exited - trigger), exit,
                lb.downAfter(REMAINING, loadStart).isPresent(), clientsStopped, (System.nanoTime() - begin) / 1e9);
    }

    /** A failed request's kind, as a user would name it. */
    static String kind(Exchange failed) {
        String error = failed.error();
        if (error == null) {
            return "HTTP " + failed.status();
        }
        if (failed.status() == 200) {
            return "wrong body";
        }
        if (error.contains("HttpTimeoutException") || error.contains("timed out")) {
            return "timed out";
        }
        if (error.contains("ConnectException") || error.contains("Connection refused")) {
            return "refused";
        }
        if (error.contains("Connection reset")) {
            return "reset";
        }
        if (error.contains("EOF") || error.contains("received no bytes") || error.contains("closed")) {
            return "closed without answer";
        }
        return "other";
    }

    /** Every request of the run, for whoever has to find out why one failed. */
    private static void writeExchanges(List<Exchange> exchanges, long trigger, Path file) throws IOException {
        StringBuilder tsv = new StringBuilder("sent_ms\tdone_ms\tclient\tstatus\tconnection_close\terror\n");
        exchanges.stream().sorted((x, y) -> Long.compare(x.sentNanos(), y.sentNanos())).forEach(exchange -> tsv
                .append(millis(exchange.sentNanos() - trigger)).append('\t')
                .append(millis(exchange.doneNanos() - trigger)).append('\t')
                .append(exchange.client()).append('\t')
                .append(exchange.status()).append('\t')
                .append(exchange.connectionClose()).append('\t')
                .append(exchange.error() == null ? "" : exchange.error()).append('\n'));
        Files.writeString(file, tsv, StandardCharsets.UTF_8);
    }

    private static OptionalLong drainMillis(List<String> output) {
        for (String line : output) {
            Matcher drained = DRAINED.matcher(line);
            if (drained.find()) {
                long amount = Long.parseLong(drained.group(1));
                return OptionalLong.of(drained.group(2).equals("s") ? amount * 1000 : amount);
            }
        }
        return OptionalLong.empty();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
