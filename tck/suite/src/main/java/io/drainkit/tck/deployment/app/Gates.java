// SPDX-License-Identifier: Apache-2.0
package io.drainkit.tck.deployment.app;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Named one-shot gates that hold a request until the test opens them ({@link GateServlet}). One set per deployment:
 * each WAR loads its own copy of this class.
 *
 * <p>Thread-safe. Public for the scenarios' own packages ({@code deployment.ejb}, {@code deployment.work}).
 *
 * @since 0.1
 */
public final class Gates {

    /** The longest any TCK servlet waits for a gate, so that a test that never opens one leaves no thread behind. */
    public static final long LIMIT_SECONDS = 120;

    private static final Map<String, CountDownLatch> GATES = new ConcurrentHashMap<>();

    private Gates() {}

    /**
     * @param name the gate's name, chosen by the test
     * @return the gate, created closed on first use
     */
    public static CountDownLatch gate(String name) {
        return GATES.computeIfAbsent(name, n -> new CountDownLatch(1));
    }

    /**
     * Waits until the gate opens, at most {@link #LIMIT_SECONDS}.
     *
     * @param gate from {@link #gate(String)}
     * @return whether it opened (false if the limit passed or the thread was interrupted)
     */
    public static boolean pass(CountDownLatch gate) {
        try {
            return gate.await(LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
