// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import io.drainkit.DrainReport;
import io.drainkit.DrainState;

/**
 * Many concurrent requests on a real Jetty server, mixing normal responses, exceptions, async completion,
 * async timeouts and async errors, with a drain starting in the middle: the count must come back to
 * exactly zero and the drain must end on its own, not at the deadline.
 */
class InFlightStressTest {

    /*
     * Async timeouts of 250 ms, not shorter: under heavy load, Jetty 12.0.32 occasionally never times out an async
     * request whose 20 ms timeout expires around the end of its dispatch when a filter added an AsyncListener (as
     * DrainKit's does). Reproduced with DrainKit disabled and a plain listener-adding filter (1 request in 60,000),
     * so it is Jetty's, not DrainKit's; the client then waits for its own timeout.
     */
    private static final String[] PATHS = {
        "/hello", "/hello", "/throw", "/forward", "/include", "/async?mode=timeout&ms=250", "/async?mode=error",
    };
    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = 150;

    /** Verifies that after a storm of mixed requests the in-flight count returns to exactly 0 and the drain ends. */
    @Test
    void inFlightCountReturnsToExactlyZero() throws Exception {
        try (JettyApplication app = JettyApplication.start("drainkit.delay", "0", "drainkit.timeout", "60s")) {
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            AtomicInteger highestSeen = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        String path = PATHS[ThreadLocalRandom.current().nextInt(PATHS.length)];
                        int status;
                        try {
                            status = app.http1()
                                    .newRequest(app.uri(path))
                                    .timeout(30, TimeUnit.SECONDS)
                                    .send()
                                    .getStatus();
                        } catch (Exception failed) {
                            throw new AssertionError(
                                    "GET " + path + " failed (drain state "
                                            + app.drain().state() + ", in flight "
                                            + app.drain().inFlight() + ")\n" + threadDump(),
                                    failed);
                        }
                        statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
                        highestSeen.accumulateAndGet(app.drain().inFlight(), Math::max);
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            statuses.values().stream().mapToLong(LongAdder::sum).sum()
                                    >= CLIENTS * REQUESTS_PER_CLIENT / 2);
            app.drain().start();
            for (Future<?> client : done) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();

            await().atMost(Duration.ofSeconds(10)).until(() -> app.drain().inFlight() == 0);
            DrainReport report =
                    app.drain().awaitDrained(Duration.ofSeconds(10)).orElseThrow();
            assertThat(report.deadlineReached())
                    .as("the drain ended because the count reached zero")
                    .isFalse();
            assertThat(app.drain().state()).isEqualTo(DrainState.DRAINED);
            assertThat(statuses.keySet()).as("both outcomes were exercised").contains(200, 500);
            assertThat(statuses.values().stream().mapToLong(LongAdder::sum).sum())
                    .isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
            assertThat(highestSeen.get()).as("requests really overlapped").isGreaterThan(1);
            assertThat(app.drain().inFlight()).isZero();
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            dump.append('"')
                    .append(thread.getName())
                    .append("\" ")
                    .append(thread.getState())
                    .append('\n');
            for (StackTraceElement frame : stack) {
                dump.append("    at ").append(frame).append('\n');
            }
        });
        return dump.toString();
    }
}
