// SPDX-License-Identifier: Apache-2.0
package io.drainkit.impl.cdi;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.drainkit.Drained;
import io.drainkit.LatePolicy;

/** A bean whose calls DrainKit counts: the class runs late calls, one method skips them, one rejects them. */
@Drained
@ApplicationScoped
public class DrainedBean {

    private final AtomicInteger runs = new AtomicInteger();

    /** @return how many calls ran (a method: the test calls through the client proxy, which has no state) */
    public int runs() {
        return runs.get();
    }

    /**
     * @param gate held until it opens, at most 30 s
     * @return whether it opened
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean hold(CountDownLatch gate) throws InterruptedException {
        runs.incrementAndGet();
        return gate.await(30, TimeUnit.SECONDS);
    }

    /** Counts a run; late calls run (the class's policy). */
    public void runLate() {
        runs.incrementAndGet();
    }

    /** Counts a run; late calls are skipped. */
    @Drained(late = LatePolicy.SKIP)
    public void skipLate() {
        runs.incrementAndGet();
    }

    /** Counts a run; late calls are rejected. */
    @Drained(late = LatePolicy.REJECT)
    public void rejectLate() {
        runs.incrementAndGet();
    }
}
