package io.drainkit.proof.wildfly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.drainkit.proof.Readiness;
import io.drainkit.proof.Timeline;
import io.drainkit.proof.Load;
import io.drainkit.proof.Load.Exchange;

/**
 * SIGTERM alone, with {@code drainkit-wildfly} in the WAR: WildFly's suspend waits in its {@code prepare} stage for
 * DrainKit's drain, so readiness turns DOWN at once and the application serves through the delay with
 * {@code Connection: close} before WildFly answers anything with 503. And the adapter drains only on a stop: a
 * management {@code :suspend} and {@code :resume} leave the application serving, an undeployed and redeployed
 * application is hooked once, and {@code jboss-cli :shutdown} drains like SIGTERM.
 */
class SigtermAloneDrainsIT {

    static final Duration DELAY = Duration.ofSeconds(4);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final int CLIENTS = 4;
    static final Duration CLIENT_PAUSE = Duration.ofMillis(50);
    static final Map<String, String> SETTINGS = Map.of(
            "DRAINKIT_DELAY", DELAY.toSeconds() + "s",
            "DRAINKIT_TIMEOUT", TIMEOUT.toSeconds() + "s");

    private final Timeline timeline = WildFlyServer.timeline();

    /**
     * Verifies that after SIGTERM alone WildFly's readiness is DOWN well before the delay ends, that every request sent
     * after readiness turned DOWN and answered during the delay is 200 with {@code Connection: close}, that DrainKit
     * logs the drain as started by {@code SERVER_STOP}, and that the JVM exits after the delay, before the deadline.
     */
    @Test
    void sigtermAloneDrainsBeforeWildFlyStopsRouting() throws Exception {
        Path workDir = Paths.get("target", "e2e", "sigterm-alone");
        try (WildFlyServer server = WildFlyServer.startWar(WildFlyServer.ADAPTER_WAR_PROPERTY, workDir, SETTINGS)) {
            server.process().onLine(timeline::serverLine);
            Load load = new Load(server.application());
            load.startClients(CLIENTS, "work?ms=100", 1000, Duration.ofSeconds(60), CLIENT_PAUSE);
            await("keep-alive load under way").atMost(Duration.ofSeconds(15)).until(() -> load.exchanges().size() >= 20);

            timeline.start("SIGTERM to the server JVM (pid " + server.jvm().pid() + "), no preStop call");
            long sigterm = System.nanoTime();
            server.jvm().destroy();
            long down = readinessDown(server);
            timeline.event(down, "test", "WildFly's /health/ready answers 503");
            // The load balancer lets go half-way through the delay; with the clients still sending, nothing would ever
            // leave the pod idle and the drain would end only at its deadline.
            long letGo = sigterm + DELAY.toNanos() / 2;
            await("the load balancer lets go").pollDelay(Duration.ofNanos(letGo - System.nanoTime())).until(() -> true);
            load.stopSending();
            server.jvm().onExit().get(TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS);
            long exit = System.nanoTime();
            timeline.event(exit, "server", "JVM exited");
            assertThat(load.awaitClients(Load.REQUEST_TIMEOUT)).as("every client stopped").isTrue();

            long delayEnd = sigterm + DELAY.toNanos();
            List<Exchange> duringDelay = load.exchanges().stream()
                    .filter(e -> e.sentNanos() >= down && e.doneNanos() < delayEnd).collect(Collectors.toList());
            timeline.line("");
            timeline.line("Result (WildFly 39.0.1.Final with drainkit-wildfly, SIGTERM alone, DRAINKIT_DELAY="
                    + DELAY.toSeconds() + "s)");
            timeline.line(String.format("  readiness DOWN:      %+.3f s", timeline.seconds(down)));
            timeline.line("  answered during the delay: " + duringDelay.size() + ", of which "
                    + duringDelay.stream().filter(e -> e.ok() && e.connectionClose()).count()
                    + " 200 with Connection: close");
            timeline.line(String.format("  SIGTERM to exit:     %.2f s", (exit - sigterm) / 1e9));
            timeline.writeTo(workDir.resolve("result.txt"));

            assertThat(down - sigterm).as("readiness DOWN well within the delay").isLessThan(DELAY.toNanos() / 2);
            assertThat(duringDelay).as("requests answered during the delay").hasSizeGreaterThan(CLIENTS)
                    .allSatisfy(e -> assertThat(e.ok() && e.connectionClose())
                            .as("%s: 200 with Connection: close", e).isTrue());
            assertThat(exit - sigterm).as("the JVM exits after the delay, before the deadline")
                    .isBetween(DELAY.toNanos(), TIMEOUT.toNanos());
            assertThat(server.process().output()).as("DrainKit's drain, started in WildFly's suspend")
                    .anySatisfy(line -> assertThat(line).contains("Drain started by SERVER_STOP"));
        }
    }

    /**
     * Verifies that a management {@code :suspend} then {@code :resume} starts no drain and leaves the application
     * serving (200, readiness UP), that after an undeploy and a redeploy {@code jboss-cli :shutdown} drains exactly
     * once (one {@code SERVER_STOP} drain, with its delay), and that no adapter was reported absent.
     */
    @Test
    void suspendResumeServesAndShutdownCommandDrainsOnceAfterRedeploy() throws Exception {
        Path workDir = Paths.get("target", "e2e", "suspend-resume-shutdown");
        try (WildFlyServer server = WildFlyServer.startWar(WildFlyServer.ADAPTER_WAR_PROPERTY, workDir, SETTINGS)) {
            server.process().onLine(timeline::serverLine);
            Load load = new Load(server.application());
            server.cli(":suspend");
            server.cli(":resume");
            assertThat(load.sendOne("work?ms=10").get(20, TimeUnit.SECONDS).status()).as("served after :resume")
                    .isEqualTo(200);
            assertThat(Readiness.ask(server.readiness()).status()).as("readiness after :resume").isEqualTo(200);

            server.cli("undeploy drainkit-example.war --keep-content");
            server.cli("deploy --name=drainkit-example.war");
            assertThat(load.sendOne("work?ms=10").get(20, TimeUnit.SECONDS).status()).as("served after redeploy")
                    .isEqualTo(200);

            timeline.start("jboss-cli :shutdown");
            long shutdown = System.nanoTime();
            server.cli(":shutdown");
            server.jvm().onExit().get(TIMEOUT.toSeconds() + 15, TimeUnit.SECONDS);
            long exit = System.nanoTime();
            timeline.line(String.format("  :shutdown to exit: %.2f s", (exit - shutdown) / 1e9));
            timeline.writeTo(workDir.resolve("result.txt"));

            List<String> output = server.process().output();
            // The undeploy drains the application alone (CONTAINER_SHUTDOWN, no delay): that one is not the adapter's.
            assertThat(output).as("drains started by the server's stop: none at :suspend, one at :shutdown")
                    .filteredOn(line -> line.contains("Drain started by SERVER_STOP")).hasSize(1);
            assertThat(output).as("no adapter reported absent").noneMatch(line -> line.contains("DRAINKIT-0026"));
            assertThat(exit - shutdown).as(":shutdown waits for the delay").isGreaterThanOrEqualTo(DELAY.toNanos());
        }
    }

    /** @return when WildFly's readiness was first seen DOWN */
    private long readinessDown(WildFlyServer server) {
        long[] seen = new long[1];
        await("readiness DOWN").atMost(DELAY).pollInterval(Duration.ofMillis(50)).until(() -> {
            seen[0] = System.nanoTime();
            return Readiness.ask(server.readiness()).status() == 503;
        });
        return seen[0];
    }
}
