// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.payara.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.Exchange;
import io.drainkit.proof.Load;
import io.drainkit.proof.PodTermination;
import io.drainkit.proof.PodTerminationOutcome;
import io.drainkit.proof.Readiness;
import io.drainkit.proof.ServerProcess;
import io.drainkit.proof.Timeline;
import io.drainkit.proof.Verdict;

/**
 * The example WAR on Payara Micro, driven the way Kubernetes drives a pod, with keep-alive load on loopback:
 * the preStop path (the primary one on Payara) and SIGTERM alone. Each test prints its figures.
 */
class PayaraMicroDrainIT {

    private static final String TOKEN = "e2e-token-5b1f0c9d7a3e4f62";
    private static final Duration DELAY = Duration.ofSeconds(3);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** The pod's terminationGracePeriodSeconds these tests stand for; DrainKit checks timeout + 5s fits. */
    private static final Duration GRACE = Duration.ofSeconds(20);
    /**
     * How long the clients go on sending after a SIGTERM that no preStop call preceded: Kubernetes removes the pod
     * from the endpoints at the same time, and load balancers learn it seconds later. Longer than the ~2 s Payara
     * holds the requests that reach it just as the shutdown starts, so that what comes after shows too.
     */
    private static final Duration LOAD_AFTER_SIGTERM = Duration.ofSeconds(4);

    private static final Duration EXIT = Duration.ofSeconds(40);
    private static final int CLIENTS = 4;
    private static final String WORK = "work?ms=100";

    private final HttpClient http = Load.newClient();
    private final Path logs = Paths.get(System.getProperty("drainkit.example.payara.logs", "target/e2e"));
    private ServerProcess server;
    private Load load;

    @AfterEach
    void stopEverything() {
        if (load != null) {
            load.stopSending();
        }
        if (server != null) {
            server.close();
        }
    }

    /**
     * Verifies the pod termination scenario ({@link PodTermination}) on Payara Micro: readiness DOWN on its own
     * /health/ready, Connection: close during the delay, the preStop call answering once nothing is in flight, the
     * exit after SIGTERM, and no failed request.
     */
    @Test
    void preStopThenSigtermDropsNoRequest() throws Exception {
        DrainKitSettings settings =
                new DrainKitSettings(DELAY, TIMEOUT, TOKEN, Map.of("DRAINKIT_GRACE_PERIOD", GRACE.toSeconds() + "s"));
        PayaraMicro.Started started =
                PayaraMicro.start(settings.environment(), logs.resolve("prestop-then-sigterm.log"));
        server = started.server();
        // The manifest's startupProbe polls /health/started; Payara Micro may register its health endpoints a moment
        // after it logs "ready" (CI saw one 404 there), so this asks the way the probe does, until it answers 200.
        URI startedProbe = started.base().resolve("/health/started");
        await("/health/started (the manifest's startupProbe) answers 200")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() ->
                        http.send(HttpRequest.newBuilder(startedProbe).build(), HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200);
        Timeline timeline = new Timeline(Pattern.compile("DRAINKIT-\\d+"), Pattern.compile("^\\[[^]]*]\\s*"));
        PodTerminationOutcome outcome =
                new PodTermination(started, settings, PodTermination.Traffic.standard(), timeline).run();
        outcome.printFigures(timeline);
        timeline.writeTo(logs.resolve("prestop-then-sigterm.txt"));
        Verdict.assertNoProblems(outcome.problems(), List.of(tail()));
    }

    /**
     * Verifies what Payara Micro does on SIGTERM alone, with no preStop call (DrainKit's container-shutdown path):
     * the requests in flight at SIGTERM complete with 200, Payara itself answers the requests that arrive during the
     * drain (503, then 404: it no longer routes them to the application), and the JVM exits within DrainKit's
     * deadline.
     */
    @Test
    void sigtermAloneFinishesTheRequestsInFlight() throws Exception {
        SigtermOutcome outcome = sigtermUnderLoad(true, "sigterm-only.log");

        assertThat(outcome.inFlightAtSigterm())
                .as("requests in flight at SIGTERM")
                .isNotEmpty()
                .allMatch(Exchange::ok, "answered 200");
        // Which of its answers a request gets depends on when it arrives: 503 while Payara waits for its servlets,
        // 404 once it has removed the application (a request arriving in the first milliseconds may be held and
        // served).
        assertThat(outcome.statusesAfterSigterm().keySet())
                .as("what requests sent after SIGTERM got")
                .containsAnyOf(503, 404);
        assertThat(outcome.exit())
                .as("Payara Micro exits after SIGTERM; its output:\n%s", tail())
                .isPresent();
        assertThat(outcome.exitMillis())
                .as("SIGTERM -> exit, within DrainKit's deadline plus the server's stop")
                .isLessThan(TIMEOUT.plusSeconds(5).toMillis());
    }

    /**
     * Verifies Payara Micro's own behaviour, without DrainKit (DRAINKIT_ENABLED=false), that the SIGTERM path
     * relies on DrainKit for: a request in flight at SIGTERM gets no response; Payara does not wait for it
     * (fish.payara.shutdowngrace is 0 by default).
     */
    @Test
    void withoutDrainKitSigtermCutsTheRequestsInFlight() throws Exception {
        SigtermOutcome outcome = sigtermUnderLoad(false, "sigterm-without-drainkit.log");

        assertThat(outcome.slow())
                .as("the slow requests in flight at SIGTERM")
                .allMatch(exchange -> !exchange.ok(), "failed");
        assertThat(outcome.exit()).as("Payara Micro exits after SIGTERM").isPresent();
    }

    /**
     * Load, two slow requests (6 s and 8 s, longer than Payara waits by itself), SIGTERM; the clients go on for
     * {@link #LOAD_AFTER_SIGTERM}, then stop. Prints what the requests got.
     */
    private SigtermOutcome sigtermUnderLoad(boolean drainKit, String logName) throws Exception {
        Map<String, String> environment = drainKit(drainKit);
        PayaraMicro.Started started = PayaraMicro.start(environment, logs.resolve(logName));
        server = started.server();
        load = new Load(started.base());
        load.startClients(CLIENTS, WORK, 5_000, Duration.ofSeconds(60));
        TimeUnit.MILLISECONDS.sleep(1_500);
        List<CompletableFuture<Exchange>> slow = List.of(load.sendOne("work?ms=6000"), load.sendOne("work?ms=8000"));
        TimeUnit.MILLISECONDS.sleep(300);

        List<String> readiness = new CopyOnWriteArrayList<>();
        // When the JVM exits, seen while the clients still send.
        CompletableFuture<Long> exitedAt =
                ProcessHandle.of(server.pid()).orElseThrow().onExit().thenApply(process -> System.nanoTime());
        long sigterm = System.nanoTime();
        server.sigterm();
        Thread probe = new Thread(() -> probeReadiness(started.readiness(), sigterm, readiness), "readiness-probe");
        probe.setDaemon(true);
        probe.start();
        TimeUnit.MILLISECONDS.sleep(LOAD_AFTER_SIGTERM.toMillis());
        load.stopSending();
        OptionalInt exit = server.awaitExit(EXIT);
        long exited = exitedAt.getNow(System.nanoTime());
        probe.interrupt();
        assertThat(load.awaitClients(Load.REQUEST_TIMEOUT))
                .as("the clients stopped")
                .isTrue();
        List<Exchange> slowDone = new ArrayList<>();
        for (CompletableFuture<Exchange> request : slow) {
            slowDone.add(request.get(Load.REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }

        List<Exchange> exchanges = load.exchanges();
        List<Exchange> inFlight = exchanges.stream()
                .filter(e -> e.sentNanos() < sigterm && e.doneNanos() > sigterm)
                .collect(Collectors.toList());
        List<Exchange> after =
                exchanges.stream().filter(e -> e.sentNanos() >= sigterm).collect(Collectors.toList());
        Map<Integer, Long> statuses =
                after.stream().collect(Collectors.groupingBy(Exchange::status, Collectors.counting()));
        String lastOk =
                after.stream().filter(Exchange::ok).mapToLong(e -> millis(e.sentNanos() - sigterm)).max().stream()
                        .mapToObj(ms -> "the last one answered 200 was sent " + ms + " ms after SIGTERM")
                        .findFirst()
                        .orElse("none answered 200");
        SigtermOutcome outcome =
                new SigtermOutcome(inFlight, slowDone, new HashMap<>(statuses), exit, millis(exited - sigterm));
        System.out.printf(
                "%nPayara Micro, SIGTERM with no preStop call, DrainKit %s (delay %s, timeout %s, %d clients"
                        + " on /%s for %d ms after SIGTERM, 2 slow):%n"
                        + "  in flight at SIGTERM: %d, of which answered 200: %d, done %s after SIGTERM; slow requests: %s%n"
                        + "  sent after SIGTERM: %d, by status (0 = no response): %s; %s%n"
                        + "  /health/ready after SIGTERM: %s%n"
                        + "  SIGTERM -> exit: %d ms, exit status %s%n"
                        + "  errors: %s%n%n",
                drainKit ? "on" : "off (DRAINKIT_ENABLED=false)",
                DELAY,
                TIMEOUT,
                CLIENTS,
                WORK,
                LOAD_AFTER_SIGTERM.toMillis(),
                inFlight.size(),
                inFlight.stream().filter(Exchange::ok).count(),
                inFlight.stream()
                        .map(e -> millis(e.doneNanos() - sigterm) + " ms")
                        .sorted()
                        .collect(Collectors.joining(", ", "[", "]")),
                slowDone.stream()
                        .map(e -> (e.ok() ? "200" : "failed (" + e.error() + ")") + " after "
                                + millis(e.doneNanos() - sigterm) + " ms from SIGTERM")
                        .collect(Collectors.joining(", ")),
                after.size(),
                statuses,
                lastOk,
                summarize(readiness),
                outcome.exitMillis(),
                exit.isPresent() ? String.valueOf(exit.getAsInt()) : "none",
                exchanges.stream()
                        .map(Exchange::error)
                        .filter(e -> e != null)
                        .distinct()
                        .limit(3)
                        .collect(Collectors.joining("; ")));
        return outcome;
    }

    private void probeReadiness(URI health, long since, List<String> seen) {
        long end = System.nanoTime() + EXIT.toNanos();
        while (!Thread.currentThread().isInterrupted() && System.nanoTime() < end) {
            String answer;
            try {
                answer = readiness(health);
            } catch (IOException refused) {
                answer = "no answer";
            } catch (InterruptedException interrupted) {
                return;
            }
            seen.add(millis(System.nanoTime() - since) + " ms: " + answer);
            if (answer.equals("no answer")) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException interrupted) {
                return;
            }
        }
    }

    /** @return each change of answer, with when it was first seen */
    private static String summarize(List<String> seen) {
        List<String> changes = new ArrayList<>();
        String last = null;
        for (String entry : seen) {
            String answer = entry.substring(entry.indexOf(": ") + 2);
            if (!answer.equals(last)) {
                changes.add(entry);
                last = answer;
            }
        }
        return changes.isEmpty() ? "not probed" : String.join(", then ", changes);
    }

    /** @return "status checkStatus state", such as {@code 200 UP SERVING} */
    private static String readiness(URI health) throws IOException, InterruptedException {
        return Readiness.ask(health).toString();
    }

    private static Map<String, String> drainKit(boolean enabled) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "DRAINKIT_DELAY", DELAY.toSeconds() + "s",
                "DRAINKIT_TIMEOUT", TIMEOUT.toSeconds() + "s",
                "DRAINKIT_GRACE_PERIOD", GRACE.toSeconds() + "s",
                "DRAINKIT_PRESTOP_ENABLED", "true",
                "DRAINKIT_PRESTOP_TOKEN", TOKEN));
        if (!enabled) {
            environment.put("DRAINKIT_ENABLED", "false");
        }
        return environment;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private String tail() {
        return server == null ? "" : String.join("\n", server.tail());
    }

    private record SigtermOutcome(
            List<Exchange> inFlightAtSigterm,
            List<Exchange> slow,
            Map<Integer, Long> statusesAfterSigterm,
            OptionalInt exit,
            long exitMillis) {}
}
