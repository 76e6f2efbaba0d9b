// SPDX-License-Identifier: Apache-2.0
package io.drainkit.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.drainkit.DrainReport;
import io.drainkit.DrainTrigger;
import io.drainkit.InFlightWork;
import io.drainkit.impl.DrainCoordinator;
import io.drainkit.impl.DrainRegistry;

/**
 * How fast a drain lets go once the last request in flight completes: many drains, each with one request in flight
 * and a waiter blocked on the drain; the request ends at a known instant, and the waiter notes when it was released.
 *
 * <p>Two waiters, as in DrainKit's two triggers: a thread blocked in {@code awaitDrained} (the CDI extension holding
 * the container's shutdown) and a callback on the {@code CompletionStage} that {@code start} returns (the preStop
 * endpoint, which then dispatches its answer). The drains have no delay, so that each one is waiting for its request
 * from the start; everything else is as deployed: the coordinator comes from {@link DrainRegistry} with its real
 * clock, its timer thread and its log lines.
 *
 * <p>Prints the distribution, then {@code release_p99_ms=...} (the blocked thread's 99th percentile, the slower of
 * the two) as its last line.
 */
public final class ReleaseLatency {

    private static final int WARM_UP_DRAINS = 200;
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(30);
    private static final String REQUEST = "GET /release-latency";

    private ReleaseLatency() {}

    /**
     * @param args the number of drains to measure (default 2000)
     * @throws InterruptedException if interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        int drains = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        // The drain waits for its request from the trigger on; the deadline is far off and never reached.
        System.setProperty("drainkit.delay", "0");
        System.setProperty("drainkit.timeout", WAIT_LIMIT.toSeconds() + "s");

        BlockingQueue<DrainCoordinator> toAwait = new SynchronousQueue<>();
        BlockingQueue<Long> released = new SynchronousQueue<>();
        Thread waiter = new Thread(() -> awaitEach(toAwait, released), "release-latency-waiter");
        waiter.setDaemon(true);
        waiter.start();

        long[] blocked = new long[drains];
        long[] callback = new long[drains];
        for (int i = -WARM_UP_DRAINS; i < drains; i++) {
            DrainCoordinator drain = DrainRegistry.forServletContainer(ReleaseLatency.class.getClassLoader());
            int ticket = drain.enter(
                    REQUEST,
                    (request, age, beforeDrain) -> new InFlightWork("request", "GET " + request, age, beforeDrain));
            AtomicLong calledBack = new AtomicLong();
            CompletionStage<DrainReport> report = drain.start(DrainTrigger.APPLICATION);
            report.thenRun(() -> calledBack.set(System.nanoTime()));
            toAwait.put(drain);
            awaitBlocked(waiter);

            long lastRequestDone = System.nanoTime();
            drain.exit(ticket);
            long waiterReleased = released.take();
            if (waiterReleased < 0 || calledBack.get() == 0) {
                throw new IllegalStateException("drain " + i + " was not released by its last request's exit");
            }
            if (i >= 0) {
                blocked[i] = waiterReleased - lastRequestDone;
                callback[i] = calledBack.get() - lastRequestDone;
            }
        }
        print("blocked in awaitDrained (container shutdown)", blocked);
        print("CompletionStage callback (preStop endpoint)", callback);
        System.out.println(String.format(Locale.ROOT, "release_p99_ms=%.3f", millis(percentile(blocked, 99))));
    }

    private static void awaitEach(BlockingQueue<DrainCoordinator> toAwait, BlockingQueue<Long> released) {
        try {
            while (true) {
                DrainCoordinator drain = toAwait.take();
                boolean drained = drain.awaitDrained(WAIT_LIMIT).isPresent();
                long now = System.nanoTime();
                released.put(drained ? now : -1L);
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the waiter is parked in {@code awaitDrained} (a timed wait; the hand-off queue's wait is untimed),
     * then a little longer, so that the measured release is a real wake-up, not a race with the waiter's way in.
     */
    private static void awaitBlocked(Thread waiter) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiter.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the waiter never blocked in awaitDrained: " + waiter.getState());
            }
            Thread.onSpinWait();
        }
        TimeUnit.MICROSECONDS.sleep(500);
    }

    private static void print(String what, long[] nanos) {
        System.out.println(String.format(
                Locale.ROOT,
                "%-46s drains=%d p50=%.3fms p90=%.3fms p99=%.3fms max=%.3fms",
                what,
                nanos.length,
                millis(percentile(nanos, 50)),
                millis(percentile(nanos, 90)),
                millis(percentile(nanos, 99)),
                millis(percentile(nanos, 100))));
    }

    /** Nearest-rank percentile. */
    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
