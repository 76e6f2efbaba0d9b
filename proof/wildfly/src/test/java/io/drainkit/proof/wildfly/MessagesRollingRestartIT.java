// SPDX-License-Identifier: Apache-2.0
package io.drainkit.proof.wildfly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.drainkit.proof.DrainKitSettings;
import io.drainkit.proof.DrainReportJson;
import io.drainkit.proof.HaProxy;
import io.drainkit.proof.HaProxyConfig;
import io.drainkit.proof.Kubelet;
import io.drainkit.proof.Load;
import io.drainkit.proof.RequiredCommand;
import io.drainkit.proof.ServerDirectory;

/**
 * The example with messages through a rolling restart in the Kubernetes sequence, with real parts: two WildFly servers
 * on {@code standalone-full.xml}, each with its own embedded ActiveMQ Artemis and the MDB of
 * {@code drainkit-example-messages.war}, behind HAProxy, which checks DrainKit's {@code /drainkit/ready}; a steady stream
 * of orders through HAProxy the whole time. Each instance in turn: the preStop call, HAProxy takes it out, the drain
 * waits for the MDB's calls in flight and for its queue to be empty, SIGTERM, exit, and a new instance with a fresh
 * base directory (a new pod: the old journal is gone) in its place. Every order answered 200 must be in the ledger
 * exactly once, none redelivered. {@link MessagesWithoutDrainKitIT} is the control.
 */
class MessagesRollingRestartIT {

    static final Duration DELAY = Duration.ofMillis(2500);
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** Each instance: two orders at a time, 250 ms each, 8 a second; the clients: 10 a second in all. */
    private static final int CLIENTS = 3;

    private static final Duration EVERY = Duration.ofMillis(300);
    private static final Duration WARM_UP = Duration.ofSeconds(3);
    private static final Duration AFTER_RESTART = Duration.ofSeconds(2);
    private static final Duration MAX_SENDING = Duration.ofSeconds(120);
    private static final Duration LB_CHANGE = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofSeconds(40);

    private final Path directory =
            Paths.get("target", "e2e", "messages-rolling-restart").toAbsolutePath();
    private final Path ledger = directory.resolve("ledger.txt");
    private final DrainKitSettings settings = DrainKitSettings.of(DELAY, TIMEOUT)
            .with("ORDERS_LEDGER", ledger.toString())
            .with("ORDERS_PROCESSING_MS", "250");
    private final Map<String, WildFlyServer> instances = new LinkedHashMap<>();
    private final HttpClient kubelet = Load.newClient();

    @AfterEach
    void stopServers() {
        instances.values().forEach(WildFlyServer::close);
    }

    @Test
    void everyOrderProcessedExactlyOnce() throws Exception {
        ServerDirectory.delete(directory);
        Files.createDirectories(directory);
        Path haproxy = RequiredCommand.ensure("haproxy", "haproxy", directory);
        CompletableFuture<WildFlyServer> b = CompletableFuture.supplyAsync(() -> start("b1"));
        instances.put("a", start("a1"));
        instances.put("b", b.join());
        Map<String, HaProxyConfig.Backend> backends = new LinkedHashMap<>();
        instances.forEach((slot, server) -> backends.put(slot, backend(server)));
        String checkPath = instances.get("a").readiness().getPath();
        HaProxyConfig config = new HaProxyConfig(HaProxy.Mode.HTTP, backends, checkPath, Duration.ofMillis(500), 2);

        List<PodReplacement> steps = new ArrayList<>();
        OrderProducers producers;
        try (HaProxy lb = HaProxy.start(haproxy, config, directory.resolve("haproxy"))) {
            producers = new OrderProducers(lb.uri().resolve("/drainkit-example-messages/orders"));
            producers.start(CLIENTS, EVERY, 2_000, MAX_SENDING);
            Thread.sleep(WARM_UP.toMillis());
            steps.add(replace(lb, "a", "a2"));
            steps.add(replace(lb, "b", "b2"));
            Thread.sleep(AFTER_RESTART.toMillis());
            producers.stop(Load.REQUEST_TIMEOUT);
        }
        Set<Long> accepted = producers.accepted();
        OrderLedgerFile processed = settle(accepted);

        List<String> figures = new ArrayList<>();
        figures.add("orders sent " + producers.sent() + ", answered 200 " + accepted.size() + ", not 200 "
                + producers.refused().size());
        figures.add("processings " + processed.processings().size() + " by instance " + processed.byInstance()
                + "; lost " + processed.missing(accepted).size() + ", processed twice or more "
                + processed.duplicates().size() + ", redelivered "
                + processed.redelivered().size()
                + ", never sent " + processed.unknown(accepted).size());
        steps.forEach(step -> figures.add(step.figures()));
        figures.forEach(System.out::println);
        Files.write(directory.resolve("result.txt"), figures, StandardCharsets.UTF_8);

        assertThat(producers.refused()).as("orders not answered 200").isEmpty();
        assertThat(processed.missing(accepted))
                .as("orders accepted and never processed")
                .isEmpty();
        assertThat(processed.duplicates()).as("orders processed more than once").isEmpty();
        assertThat(processed.unknown(accepted))
                .as("orders processed and never accepted")
                .isEmpty();
        assertThat(processed.redelivered())
                .as("processings of a redelivered message")
                .isEmpty();
        for (PodReplacement step : steps) {
            assertThat(step.preStopStatus()).as(step.figures()).isEqualTo(200);
            assertThat(step.report().drainedInTime()).as(step.figures()).isTrue();
            assertThat(step.callsServed()).as(step.figures()).isPositive();
            assertThat(step.exit()).as(step.figures()).hasValue(0);
        }
        assertThat(steps.stream().mapToInt(PodReplacement::processingAtDelayEnd).sum())
                .as("orders being processed at the end of a delay, which the drain waited for")
                .isPositive();
    }

    /** One step: preStop, out of HAProxy, drained, SIGTERM, exit; a new instance, with a new base directory, UP. */
    private PodReplacement replace(HaProxy lb, String slot, String next) throws Exception {
        WildFlyServer old = instances.get(slot);
        long trigger = System.nanoTime();
        CompletableFuture<HttpResponse<String>> preStop =
                Kubelet.preStop(kubelet, old.application(), settings.token(), TIMEOUT.plusSeconds(10));
        long removed = await(since -> lb.log().downAfter(slot, since), trigger, slot + " DOWN in HAProxy");
        HttpResponse<String> answer = preStop.get(TIMEOUT.plusSeconds(15).toSeconds(), TimeUnit.SECONDS);
        old.sigterm();
        OptionalInt exit = old.awaitExit(Duration.ofSeconds(30));
        String atDelayEnd = old.process().output().stream()
                .filter(line -> PodReplacement.AT_DELAY_END.matcher(line).find())
                .findFirst()
                .orElse("none");
        old.close();
        instances.put(slot, start(next));
        long moved = System.nanoTime();
        lb.move(slot, backend(instances.get(slot)));
        long up = await(since -> lb.log().upAfter(slot, since), moved, next + " UP in HAProxy");
        return new PodReplacement(
                slot,
                seconds(removed - trigger),
                answer.statusCode(),
                new DrainReportJson(answer.body()),
                atDelayEnd,
                exit,
                seconds(up - trigger));
    }

    private WildFlyServer start(String instance) {
        try {
            return WildFlyServer.startMessages(
                    directory.resolve(instance),
                    settings.with("ORDERS_INSTANCE", instance).environment());
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException("cannot start " + instance, failed);
        }
    }

    /** Waits, bounded, until the ledger holds every accepted order and has not grown for a second. */
    private OrderLedgerFile settle(Set<Long> accepted) throws IOException, InterruptedException {
        long end = System.nanoTime() + SETTLE.toNanos();
        OrderLedgerFile read = OrderLedgerFile.read(ledger);
        while (System.nanoTime() < end) {
            Thread.sleep(1_000);
            OrderLedgerFile again = OrderLedgerFile.read(ledger);
            boolean stable = again.processings().size() == read.processings().size();
            read = again;
            if (stable && read.missing(accepted).isEmpty()) {
                break;
            }
        }
        return read;
    }

    private static long await(LongFunction<OptionalLong> change, long since, String what) throws InterruptedException {
        long end = System.nanoTime() + LB_CHANGE.toNanos();
        while (System.nanoTime() < end) {
            OptionalLong at = change.apply(since);
            if (at.isPresent()) {
                return at.getAsLong();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not " + what + " within " + LB_CHANGE.toSeconds() + " s");
    }

    private static HaProxyConfig.Backend backend(WildFlyServer server) {
        return HaProxyConfig.Backend.of(server.application(), server.readiness());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
