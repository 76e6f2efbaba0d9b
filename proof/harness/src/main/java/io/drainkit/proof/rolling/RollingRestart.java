// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.rolling;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.Exchange;
import io.drainkit.proof.HaProxy;
import io.drainkit.proof.HaProxyConfig;
import io.drainkit.proof.Kubelet;
import io.drainkit.proof.Load;
import io.drainkit.proof.ServerUnderTest;

/**
 * One rolling-restart step, with real parts: two instances of a server under test on loopback (any runtime, through its
 * {@link ServerUnderTest.Launcher}), HAProxy in front of them checking each one's readiness endpoint (every 500 ms, or
 * 3 s with {@link Scenario.Propagation#SLOW}), steady keep-alive load through HAProxy, then instance {@code a} taken out
 * the way Kubernetes takes out a pod while the load goes on; every request is counted.
 *
 * <p>The health check is the server's own readiness endpoint (MicroProfile Health's, where DrainKit's {@code drainkit}
 * readiness check goes DOWN at the trigger): the probe a Kubernetes user configures, and one that exists in the control
 * run too ({@code drainkit.enabled=false} installs no {@code /drainkit/ready}); with a quiet period, DrainKit's own
 * {@value #DRAINKIT_READY_PATH} (see {@link Scenario#checkPath}).
 */
public final class RollingRestart implements AutoCloseable {

    /** DrainKit's deadline in every run. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

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
    static final String WORK = "work?ms=100";
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

    private final Instances instances;
    private final Map<String, String> serverEnvironment;
    private final Path haproxy;
    private final Path logs;

    /**
     * @param launcher          starts an instance of the runtime
     * @param serverEnvironment what every instance gets besides DrainKit's settings (for the adapters, say)
     * @param haproxy           the HAProxy executable
     * @param logs              where each run's logs and configuration go, in a directory of its own
     */
    public RollingRestart(
            ServerUnderTest.Launcher launcher, Map<String, String> serverEnvironment, Path haproxy, Path logs) {
        this.instances = new Instances(launcher);
        this.serverEnvironment = serverEnvironment;
        this.haproxy = haproxy;
        this.logs = logs;
    }

    /** Stops the instance that remained through the runs. */
    @Override
    public void close() throws InterruptedException {
        instances.close();
    }

    /**
     * Runs a scenario: a fresh instance taken out from behind HAProxy, next to the one that remains through every run
     * ({@link #close()} stops it). The instance taken out and HAProxy are stopped before it returns, whatever happens.
     *
     * @param scenario what to run
     * @return what it measured
     * @throws Exception if the run itself breaks (a process does not start, ...)
     */
    public Outcome run(Scenario scenario) throws Exception {
        long begin = System.nanoTime();
        Path directory = logs.resolve(scenario.directoryName());
        DrainKitSettings settings = DrainKitSettings.of(scenario.delay().length(), TIMEOUT);
        instances.startRemaining(environment(settings, scenario, true), logs.resolve("b"));
        try (ServerUnderTest a =
                instances.start(environment(settings, scenario, scenario.drainKit()), directory.resolve("a"))) {
            ServerUnderTest b = instances.remaining();
            String check = scenario.checkPath(a.readiness().getPath());
            Instances.warmUp(a, check, START);
            Instances.warmUp(b, check, START);
            Map<String, HaProxyConfig.Backend> servers = new LinkedHashMap<>();
            servers.put(TAKEN_OUT, HaProxyConfig.Backend.of(a.application(), a.readiness()));
            servers.put(REMAINING, HaProxyConfig.Backend.of(b.application(), b.readiness()));
            HaProxyConfig config = new HaProxyConfig(
                    scenario.mode(), servers, check, scenario.propagation().checkInterval(), CHECK_FALL);

            try (HaProxy lb = HaProxy.start(haproxy, config, directory)) {
                Load load = new Load(lb.uri().resolve(a.application().getPath()));
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
                    scenario.propagation()
                            .newConnectionEvery()
                            .ifPresent(every ->
                                    load.startConnectingClient(WORK, every, MAX_REQUESTS_PER_CLIENT, MAX_LOAD_TIME));
                    lb.awaitTraffic(TAKEN_OUT, START);
                    lb.awaitTraffic(REMAINING, START);
                    TimeUnit.MILLISECONDS.sleep(WARM_UP.toMillis());

                    trigger = System.nanoTime();
                    scenario.propagation().removedAfter().ifPresent(after -> removal.start(lb, after));
                    if (scenario.trigger() == Scenario.Trigger.PRESTOP_THEN_SIGTERM) {
                        HttpResponse<String> answer = Kubelet.preStop(
                                        Load.newClient(), a.application(), settings.token(), TIMEOUT.plusSeconds(10))
                                .get();
                        preStop = answer.statusCode() + " " + answer.body().strip();
                    }
                    a.sigterm();
                    exit = a.awaitExit(EXIT);
                    exited = System.nanoTime();
                    // The load goes on until the load balancer has let go, so that what it still sends to the
                    // instance after the exit is counted.
                    long letGo = trigger
                            + scenario.propagation()
                                    .removedAfter()
                                    .orElse(Duration.ZERO)
                                    .toNanos();
                    TimeUnit.NANOSECONDS.sleep(Math.max(exited, letGo) + AFTER_EXIT.toNanos() - System.nanoTime());
                } finally {
                    removal.cancel();
                    load.stopSending();
                    clientsStopped = load.awaitClients(Load.REQUEST_TIMEOUT.plusSeconds(5));
                }
                lb.stop();
                Failures.writeExchanges(load.exchanges(), trigger, directory.resolve("exchanges.tsv"));
                removal.verify();
                boolean cleanExit = exit.isPresent() && a.isCleanExit(exit.getAsInt());
                return outcome(
                        scenario,
                        a.name(),
                        load.exchanges(),
                        lb,
                        a.process().output(),
                        loadStart,
                        trigger,
                        exited,
                        exit,
                        cleanExit,
                        preStop,
                        clientsStopped,
                        begin);
            }
        }
    }

    private Map<String, String> environment(DrainKitSettings settings, Scenario scenario, boolean drainKit) {
        Map<String, String> environment = new LinkedHashMap<>(serverEnvironment);
        environment.put("HOST", "127.0.0.1");
        environment.putAll(settings.environment());
        environment.put("DRAINKIT_ENABLED", Boolean.toString(drainKit));
        environment.put("DRAINKIT_CONNECTION_CLOSE", Boolean.toString(scenario.connectionClose()));
        scenario.delay()
                .quietPeriod()
                .ifPresent(quiet -> environment.put("DRAINKIT_DELAY_QUIET_PERIOD", quiet.toMillis() + "ms"));
        environment.putAll(scenario.delay().floor());
        return environment;
    }

    private static Outcome outcome(
            Scenario scenario,
            String server,
            List<Exchange> exchanges,
            HaProxy lb,
            List<String> output,
            long loadStart,
            long trigger,
            long exited,
            OptionalInt exit,
            boolean cleanExit,
            String preStop,
            boolean clientsStopped,
            long begin) {
        OptionalLong down = lb.log().downAfter(TAKEN_OUT, trigger);
        return new Outcome(
                scenario,
                server,
                exchanges.size(),
                Failures.byKind(exchanges),
                Failures.first(exchanges, trigger, LISTED_FAILURES),
                exchanges.stream().filter(Exchange::connectionClose).count(),
                lb.log().traffic(TAKEN_OUT),
                exchanges.stream()
                        .filter(exchange -> exchange.sentNanos() > exited)
                        .count(),
                down.isPresent() ? OptionalLong.of(millis(down.getAsLong() - trigger)) : OptionalLong.empty(),
                Outcome.drainMillis(output),
                preStop,
                millis(exited - trigger),
                exit,
                cleanExit,
                lb.log().downAfter(REMAINING, loadStart).isPresent(),
                clientsStopped,
                (System.nanoTime() - begin) / 1e9);
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
