package io.drainkit.proof.payara.micro;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.drainkit.proof.Load;
import io.drainkit.proof.Load.Exchange;
import io.drainkit.proof.ServerProcess;

/**
 * SIGTERM alone, with {@code drainkit-payara} in the WAR: Payara Micro's {@code PREPARE_SHUTDOWN} event, sent before it
 * stops any application or listener, holds its stop while DrainKit drains, so readiness turns DOWN at once and the
 * application serves through the delay with {@code Connection: close}; then Payara Micro stops.
 *
 * <p>Behaviour is the proof: DrainKit's own lines during a SIGTERM stop do not reach Payara Micro's console (see
 * {@link IdleApplicationSigtermIT}).
 */
class SigtermAloneDrainsIT {

    static final Duration DELAY = Duration.ofSeconds(4);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final int CLIENTS = 4;

    private final Path logs = Paths.get(System.getProperty("drainkit.example.payara.logs", "target/e2e"));
    private final HttpClient http = Load.newClient();
    private ServerProcess server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Verifies that after SIGTERM alone Payara Micro's readiness is DOWN well before the delay ends, that every request
     * sent after readiness turned DOWN and answered during the delay is 200 with {@code Connection: close}, and that the JVM exits only after the delay
     * once nothing is in flight, before the deadline.
     */
    @Test
    void sigtermAloneDrainsBeforePayaraStopsRouting() throws Exception {
        PayaraMicro.Started started = PayaraMicro.startWar(PayaraMicro.WAR_WITH_ADAPTER, Map.of("DRAINKIT_DELAY",
                DELAY.toSeconds() + "s", "DRAINKIT_TIMEOUT", TIMEOUT.toSeconds() + "s"), logs.resolve("sigterm-alone.log"));
        server = started.server();
        Load load = new Load(started.base());
        load.startClients(CLIENTS, "work?ms=100", 1000, Duration.ofSeconds(60), Duration.ofMillis(50));
        await("keep-alive load under way").atMost(Duration.ofSeconds(15)).until(() -> load.exchanges().size() >= 20);

        long sigterm = System.nanoTime();
        server.sigterm();
        long[] down = new long[1];
        await("readiness DOWN").atMost(DELAY).pollInterval(Duration.ofMillis(50)).until(() -> {
            down[0] = System.nanoTime();
            return http.send(HttpRequest.newBuilder(started.readiness()).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 503;
        });
        // The load balancer lets go half-way through the delay; with the clients still sending, nothing would ever
        // leave the pod idle and the drain would end only at its deadline.
        long letGo = sigterm + DELAY.toNanos() / 2;
        await("the load balancer lets go").pollDelay(Duration.ofNanos(letGo - System.nanoTime())).until(() -> true);
        load.stopSending();
        OptionalInt exit = server.awaitExit(TIMEOUT.plusSeconds(15));
        long exited = System.nanoTime();
        assertThat(load.awaitClients(Load.REQUEST_TIMEOUT)).as("every client stopped").isTrue();

        long delayEnd = sigterm + DELAY.toNanos();
        List<Exchange> duringDelay = load.exchanges().stream()
                .filter(e -> e.sentNanos() >= down[0] && e.doneNanos() < delayEnd).collect(Collectors.toList());
        System.out.printf("Payara Micro with drainkit-payara, SIGTERM alone (DRAINKIT_DELAY=%ds): readiness DOWN at"
                + " %+.3f s; answered during the delay %d, of which %d 200 with Connection: close; exited after %.2f s"
                + " with status %s%n", DELAY.toSeconds(), (down[0] - sigterm) / 1e9, duringDelay.size(),
                duringDelay.stream().filter(e -> e.ok() && e.connectionClose()).count(), (exited - sigterm) / 1e9,
                exit.isPresent() ? exit.getAsInt() : "none");

        assertThat(down[0] - sigterm).as("readiness DOWN well within the delay").isLessThan(DELAY.toNanos() / 2);
        assertThat(duringDelay).as("requests answered during the delay").hasSizeGreaterThan(CLIENTS)
                .allSatisfy(e -> assertThat(e.ok() && e.connectionClose())
                        .as("%s: 200 with Connection: close", e).isTrue());
        assertThat(exit).as("exit status after SIGTERM").isPresent();
        assertThat(exited - sigterm).as("the JVM exits after the delay, before the deadline")
                .isBetween(DELAY.toNanos(), TIMEOUT.toNanos());
        assertThat(server.output()).as("no adapter reported absent").noneMatch(line -> line.contains("DRAINKIT-0026"));
    }
}
