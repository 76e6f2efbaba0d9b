// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The quiet period's evidence that the load balancers have stopped sending to a draining application: a silence, since
 * the last admitted request, of at least the quiet period and at least {@value #GAP_FACTOR} times the longest gap
 * between two consecutive admissions seen since the trigger (the trigger itself counting as the first).
 *
 * <p>The last requests of the keep-alive clients that {@code Connection: close} moves away come in a burst, with short
 * gaps; a balancer that still routes new connections or requests to the pod, sparsely, shows long gaps, and each one
 * lengthens the silence that counts as proof. A silence only proves something that is longer than the gaps traffic
 * had until then. Traffic sparser than anything seen since the trigger is invisible to this rule: the floor
 * ({@code drainkit.delay.min}) covers it.
 *
 * <p>Thread-safe and lock-free: {@link #admitted(long)} is called for every request admitted while draining, from any
 * thread, and allocates nothing.
 */
final class QuietPeriod {

    /**
     * How many times the longest gap the silence must last. A silence as long as one gap is what sparse traffic shows
     * between any two requests; twice that is a missed arrival and the next one missed too. A round-robin balancer
     * that gives a client's connection to another pod once, because other connections took the turn, stretches that
     * client's gap to about 1.5 times its usual one, which twice still covers; and for arrivals at random (Poisson)
     * times, the longest of n gaps is about ln(n) mean gaps, so a silence of twice that comes by chance with odds of
     * about 1/n², 1 % after 10 admissions.
     */
    static final int GAP_FACTOR = 2;

    /** No admission and no trigger seen yet. */
    private static final long UNSET = Long.MIN_VALUE;

    private final long quietNanos;
    private final AtomicLong lastAdmissionNanos = new AtomicLong(UNSET);
    private final AtomicLong longestGapNanos = new AtomicLong();

    /** @param quietPeriod the shortest silence that ends the delay, however dense the traffic was */
    QuietPeriod(Duration quietPeriod) {
        this.quietNanos = quietPeriod.toNanos();
    }

    /** @param nanos when the drain started: the silence before the first admission is a gap like any other */
    void started(long nanos) {
        // A request admitted between the drain's publication and this call came first: it counts, the trigger is older.
        lastAdmissionNanos.compareAndSet(UNSET, nanos);
    }

    /** @param nanos when a request was admitted while draining */
    void admitted(long nanos) {
        long previous = lastAdmissionNanos.getAndSet(nanos);
        if (previous == UNSET) {
            // Admitted as the drain was published, before it started its schedule: no gap to measure yet, and
            // "now minus nothing" would be a gap as long as the JVM's uptime, which no silence could ever outlast.
            return;
        }
        long gap = nanos - previous;
        // Two admissions racing may swap their stamps: a negative gap is one of them, and is no gap.
        if (gap > longestGapNanos.get()) {
            longestGapNanos.accumulateAndGet(gap, Math::max);
        }
    }

    /**
     * @param nanos now
     * @return how much longer the silence must last before the delay may end; zero or less: it may end now
     */
    long silenceLeft(long nanos) {
        long required = Math.max(quietNanos, GAP_FACTOR * longestGapNanos.get());
        return required - (nanos - lastAdmissionNanos.get());
    }
}
